/** Constructors of distributions: normalize, softmax, uniform, categorical, bernoulli and the parametric families. */
import type { CallExpression } from './ast';
import type { Expr } from './ast';
import { checkLength, entrySpan, expectFiniteNumber, expectList, listToDiscrete, logDistribution, type Arg } from './coerce';
import { logProbabilitiesOf, logProbabilityAt } from './logSpace';
import type { EvalContext } from './context';
import { klError, type LocalizedArg } from './messages';
import { CompensatedSum } from './numerics';
import type { DiscreteDistribution, KlValue, ListValue, MatrixValue, ParametricDistribution } from './values';

function listArg(arg: Arg, ctx: EvalContext): ListValue {
  if (arg.value.kind === 'discrete') {
    return { kind: 'list', values: arg.value.probs, labels: arg.value.labels };
  }
  if (arg.value.kind === 'tokens') return { kind: 'list', values: arg.value.perToken };
  const list = expectList(arg);
  ctx.budget.charge(list.values.length, arg.node);
  return list;
}

function positive(arg: Arg, what: LocalizedArg): number {
  const value = expectFiniteNumber(arg);
  if (!(value > 0)) throw klError('kl.domain', arg.node, '{0} must be positive, but it is {1}.', what, value);
  return value;
}

export function normalizeFn(args: Arg[], _call: CallExpression, ctx: EvalContext): KlValue {
  // An explicit normalize() is the user's intent: no "sums to …" warning, even when strict.
  return listToDiscrete(listArg(args[0], ctx), args[0], ctx, { quietNormalization: true });
}

/** Logits checked (finite or −inf, not all −inf), errors placed on the entry. */
function checkLogits(list: ListValue, arg: Arg, what: string): void {
  const n = list.values.length;
  if (n === 0) throw klError('kl.empty', arg.node, '{0} needs at least one logit.', what);
  checkLength(n, arg.node);
  let anyFinite = false;
  for (let i = 0; i < n; i++) {
    const value = list.values[i];
    if (Number.isNaN(value) || value === Infinity) {
      throw klError('kl.not-finite', entrySpan(list, i, arg), 'Logit {0} is {1}; logits must be finite (−inf is allowed).', i + 1, value);
    }
    if (value > -Infinity) anyFinite = true;
  }
  if (!anyFinite) throw klError('kl.zero-sum', arg.node, 'All logits are −inf; softmax has no mass to share.');
}

function temperatureOf(args: Arg[]): number {
  if (args.length < 2) return 1;
  const temperature = positive(args[1], { template: 'The temperature' });
  if (temperature === Infinity) throw klError('kl.domain', args[1].node, 'The temperature must be finite.');
  return temperature;
}

/**
 * softmax(logits[, T]) (also `logits(...)`): a distribution that keeps its logits, so the measures
 * work in log space and logits of ±1e4 or T = 1e-3 lose nothing (issue #12). A list of lists gives
 * one distribution per row (token).
 */
export function softmaxFn(args: Arg[], call: CallExpression, ctx: EvalContext): KlValue {
  const temperature = temperatureOf(args);
  const input = args[0].value;
  if (input.kind === 'matrix') {
    const rows = input.rows.map((row, index) => {
      const rowArg = { value: row, node: rowNode(input, index, args[0]) };
      ctx.budget.charge(row.values.length, rowArg.node);
      checkLogits(row, rowArg, 'softmax');
      return logDistribution(logProbabilitiesOf(Float64Array.from(row.values), temperature), ctx.textOf(call), row.labels);
    });
    return { kind: 'rows', rows, rowSpan: input.rowSpan, origin: ctx.textOf(call) };
  }
  const list = listArg(args[0], ctx);
  checkLogits(list, args[0], 'softmax');
  const distribution = logDistribution(logProbabilitiesOf(Float64Array.from(list.values), temperature), ctx.textOf(call), list.labels);
  // Shown in every hover: computed once now rather than lazily later.
  void distribution.probs;
  return distribution;
}

/** log_softmax(logits): log-probabilities (a list, e.g. for kl_estimate) that as a distribution stays in log space. */
export function logSoftmaxFn(args: Arg[], _call: CallExpression, ctx: EvalContext): KlValue {
  const input = args[0].value;
  if (input.kind === 'matrix') {
    const rows = input.rows.map((row, index) => logSoftmaxList(row, { value: row, node: rowNode(input, index, args[0]) }, ctx));
    return { kind: 'matrix', rows, rowSpan: input.rowSpan };
  }
  return logSoftmaxList(listArg(args[0], ctx), args[0], ctx);
}

function logSoftmaxList(list: ListValue, arg: Arg, ctx: EvalContext): ListValue {
  ctx.budget.charge(list.values.length, arg.node);
  checkLogits(list, arg, 'log_softmax');
  const log = logProbabilitiesOf(Float64Array.from(list.values), 1);
  const values = new Float64Array(list.values.length);
  for (let i = 0; i < values.length; i++) values[i] = logProbabilityAt(log, i);
  return { kind: 'list', values, labels: list.labels, logProbabilities: log };
}

/** Where row `index` of a matrix argument was written (inside the argument), else the argument. */
export function rowNode(matrix: MatrixValue, index: number, arg: Arg): Expr {
  const span = matrix.rowSpan?.(index);
  if (span && span.start >= arg.node.start && span.end <= arg.node.end) return { ...arg.node, start: span.start, end: span.end };
  return arg.node;
}

export function uniformFn(args: Arg[], call: CallExpression, ctx: EvalContext): KlValue {
  const n = expectFiniteNumber(args[0]);
  if (!Number.isInteger(n) || n < 1) throw klError('kl.domain', args[0].node, 'uniform(n) needs a whole number n ≥ 1, but n is {0}.', n);
  checkLength(n, args[0].node);
  ctx.budget.charge(n, call);
  return { kind: 'discrete', probs: new Float64Array(n).fill(1 / n), origin: ctx.textOf(call) };
}

export function categoricalFn(args: Arg[], call: CallExpression, ctx: EvalContext): KlValue {
  const distribution = listToDiscrete(listArg(args[0], ctx), args[0], ctx);
  return { ...distribution, origin: ctx.textOf(call) };
}

export function bernoulliFn(args: Arg[], call: CallExpression, ctx: EvalContext): DiscreteDistribution {
  const p = expectFiniteNumber(args[0]);
  if (p < 0 || p > 1) throw klError('kl.domain', args[0].node, 'bernoulli(p) needs 0 ≤ p ≤ 1, but p is {0}.', p);
  return { kind: 'discrete', probs: Float64Array.of(1 - p, p), outcomeNames: ['0', '1'], origin: ctx.textOf(call) };
}

export function normalFn(args: Arg[]): ParametricDistribution {
  const mean = expectFiniteNumber(args[0]);
  const std = positive(args[1], { template: 'The standard deviation' });
  return { kind: 'parametric', family: 'normal', mean, std };
}

export function diagNormalFn(args: Arg[], _call: CallExpression, ctx: EvalContext): ParametricDistribution {
  const means = listArg(args[0], ctx);
  const stds = listArg(args[1], ctx);
  if (means.values.length === 0) throw klError('kl.empty', args[0].node, 'diag_normal needs at least one dimension.');
  checkLength(means.values.length, args[0].node);
  if (means.values.length !== stds.values.length) {
    throw klError('kl.length-mismatch', args[1].node, 'There are {0} means but {1} standard deviations.', means.values.length, stds.values.length);
  }
  for (let j = 0; j < means.values.length; j++) {
    if (!Number.isFinite(means.values[j])) throw klError('kl.not-finite', entrySpan(means, j, args[0]), 'Mean {0} must be a finite number.', j + 1);
    const std = stds.values[j];
    if (!(std > 0 && std < Infinity)) {
      throw klError('kl.domain', entrySpan(stds, j, args[1]), 'Standard deviation {0} must be positive and finite, but it is {1}.', j + 1, std);
    }
  }
  return { kind: 'parametric', family: 'diag_normal', means: Float64Array.from(means.values), stds: Float64Array.from(stds.values) };
}

export function exponentialFn(args: Arg[]): ParametricDistribution {
  return { kind: 'parametric', family: 'exponential', rate: positive(args[0], { template: 'The rate' }) };
}

export function poissonFn(args: Arg[]): ParametricDistribution {
  return { kind: 'parametric', family: 'poisson', rate: positive(args[0], { template: 'The rate' }) };
}

export function betaFn(args: Arg[]): ParametricDistribution {
  return { kind: 'parametric', family: 'beta', alpha: positive(args[0], { template: 'α' }), beta: positive(args[1], { template: 'β' }) };
}

export function sumFn(args: Arg[], _call: CallExpression, ctx: EvalContext): KlValue {
  if (args[0].value.kind === 'tokens') return { kind: 'number', value: args[0].value.sum };
  const list = listArg(args[0], ctx);
  const sum = new CompensatedSum();
  for (let i = 0; i < list.values.length; i++) sum.add(list.values[i]);
  return { kind: 'number', value: sum.value };
}

/** mean(list): the compensated sum over the length (the mean per-token KL of a sequence). */
export function meanFn(args: Arg[], _call: CallExpression, ctx: EvalContext): KlValue {
  if (args[0].value.kind === 'tokens') return { kind: 'number', value: args[0].value.mean };
  const list = listArg(args[0], ctx);
  if (list.values.length === 0) throw klError('kl.empty', args[0].node, 'mean needs at least one number.');
  const sum = new CompensatedSum();
  for (let i = 0; i < list.values.length; i++) sum.add(list.values[i]);
  return { kind: 'number', value: sum.value / list.values.length };
}
