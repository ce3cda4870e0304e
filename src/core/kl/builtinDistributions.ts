/** Constructors of distributions: normalize, softmax, uniform, categorical, bernoulli and the parametric families. */
import type { CallExpression } from './ast';
import { checkLength, entrySpan, expectFiniteNumber, expectList, listToDiscrete, type Arg } from './coerce';
import type { EvalContext } from './context';
import { klError, type LocalizedArg } from './messages';
import { CompensatedSum, logSumExp } from './numerics';
import type { DiscreteDistribution, KlValue, ListValue, ParametricDistribution } from './values';

function listArg(arg: Arg, ctx: EvalContext): ListValue {
  if (arg.value.kind === 'discrete') {
    return { kind: 'list', values: arg.value.probs, labels: arg.value.labels };
  }
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

/** softmax(logits[, temperature]) by log-sum-exp, so logits of 1000 do not overflow. */
export function softmaxFn(args: Arg[], _call: CallExpression, ctx: EvalContext): KlValue {
  const list = listArg(args[0], ctx);
  const temperature = args.length > 1 ? positive(args[1], { template: 'The temperature' }) : 1;
  const n = list.values.length;
  if (n === 0) throw klError('kl.empty', args[0].node, 'softmax needs at least one logit.');
  checkLength(n, args[0].node);
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = list.values[i];
    if (Number.isNaN(value) || value === Infinity) {
      throw klError('kl.not-finite', entrySpan(list, i, args[0]), 'Logit {0} is {1}; logits must be finite (−inf is allowed).', i + 1, value);
    }
    scaled[i] = value / temperature;
  }
  // Shift by the maximum (no overflow for logits like 1000), then divide by the compensated sum:
  // exp(x − max)/Σ is more accurate than exp(x − logsumexp), whose large offset eats digits.
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (scaled[i] > max) max = scaled[i];
  if (max === -Infinity) throw klError('kl.zero-sum', args[0].node, 'All logits are −inf; softmax has no mass to share.');
  const probs = new Float64Array(n);
  const total = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    probs[i] = Math.exp(scaled[i] - max);
    total.add(probs[i]);
  }
  const sum = total.value;
  for (let i = 0; i < n; i++) probs[i] /= sum;
  return { kind: 'discrete', probs, labels: list.labels, origin: ctx.textOf(_call) };
}

/** log_softmax(logits): log-probabilities, e.g. to feed kl_estimate. */
export function logSoftmaxFn(args: Arg[], _call: CallExpression, ctx: EvalContext): KlValue {
  const list = listArg(args[0], ctx);
  if (list.values.length === 0) throw klError('kl.empty', args[0].node, 'softmax needs at least one logit.');
  const logNormalizer = logSumExp(list.values);
  if (!Number.isFinite(logNormalizer)) throw klError('kl.not-finite', args[0].node, 'The logits must be finite (−inf is allowed) and not all −inf.');
  const values = new Float64Array(list.values.length);
  for (let i = 0; i < values.length; i++) values[i] = list.values[i] - logNormalizer;
  return { kind: 'list', values, labels: list.labels };
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
  const list = listArg(args[0], ctx);
  const sum = new CompensatedSum();
  for (let i = 0; i < list.values.length; i++) sum.add(list.values[i]);
  return { kind: 'number', value: sum.value };
}
