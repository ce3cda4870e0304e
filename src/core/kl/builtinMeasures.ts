/** kl, entropy, cross_entropy, js, tv and kl_estimate: the functions a hover explains. */
import type { CallExpression } from './ast';
import { alignDiscrete, argText, checkLength, entrySpan, expectList, expectString, outcomeNamer, toDistribution, type Arg } from './coerce';
import type { EvalContext } from './context';
import { discreteCrossEntropy, discreteEntropy, discreteJs, discreteKl, discreteTv, type DiscreteResult } from './discrete';
import { ESTIMATORS, summarize } from './estimate';
import { formatNumber } from './format';
import { logCrossEntropy, logEntropy, logJs, logKl, logPairOf } from './logMeasures';
import { isRows, tokenKlFn } from './builtinTokens';
import { klError } from './messages';
import { parametricEntropy, parametricKl } from './parametric';
import type {
  DiscreteDistribution,
  DistributionValue,
  EstimateValue,
  EstimatorName,
  MeasureName,
  MeasureValue,
  ParametricDistribution,
  TokenMeasureValue,
} from './values';

export const DISCRETE_FORMULAS: Record<MeasureName, string> = {
  kl: 'Σᵢ pᵢ ln(pᵢ/qᵢ)',
  entropy: '−Σᵢ pᵢ ln pᵢ',
  cross_entropy: '−Σᵢ pᵢ ln qᵢ',
  js: '½ KL(p‖m) + ½ KL(q‖m),  m = ½(p + q)',
  tv: '½ Σᵢ |pᵢ − qᵢ|',
};

type PairKind =
  { kind: 'discrete'; p: DiscreteDistribution; q: DiscreteDistribution } | { kind: 'parametric'; p: ParametricDistribution; q: ParametricDistribution };

function pairOf(args: Arg[], ctx: EvalContext): PairKind {
  const p = toDistribution(args[0], ctx);
  const q = toDistribution(args[1], ctx);
  if (p.kind === 'discrete' && q.kind === 'discrete') return { kind: 'discrete', p, q };
  if (p.kind === 'parametric' && q.kind === 'parametric') return { kind: 'parametric', p, q };
  throw klError(
    'kl.family-mismatch',
    args[1].node,
    '“{0}” is {1} but “{2}” is {3}; both must be the same kind of distribution.',
    argText(args[0], ctx),
    familyName(p),
    argText(args[1], ctx),
    familyName(q),
  );
}

function familyName(distribution: DistributionValue): string {
  return distribution.kind === 'discrete' ? 'discrete' : distribution.family;
}

function measureValue(
  measure: MeasureName,
  args: Arg[],
  ctx: EvalContext,
  pair: { p: DistributionValue; q?: DistributionValue },
  result: Pick<MeasureValue, 'value' | 'formula' | 'terms' | 'infinite' | 'reverse'>,
): MeasureValue {
  return {
    kind: 'measure',
    measure,
    informational: measure !== 'tv',
    p: pair.p,
    q: pair.q,
    pText: ctx.textOf(args[0].node),
    qText: args[1] ? ctx.textOf(args[1].node) : undefined,
    ...result,
  };
}

function withTerms(result: DiscreteResult, formula: string): Pick<MeasureValue, 'value' | 'formula' | 'terms' | 'infinite'> {
  return { value: result.value, formula, terms: result.terms, infinite: result.infinite };
}

function parametricKlOrFail(p: ParametricDistribution, q: ParametricDistribution, args: Arg[], ctx: EvalContext) {
  const closed = parametricKl(p, q);
  if (!closed) {
    throw klError(
      'kl.family-mismatch',
      args[1].node,
      'No closed form for KL between {0} and {1}: use two distributions of the same family (and dimension).',
      familyName(p),
      familyName(q),
    );
  }
  ctx.budget.charge(p.family === 'diag_normal' ? p.means.length : 1, args[1].node);
  return closed;
}

export function klFn(args: Arg[], _call: CallExpression, ctx: EvalContext): MeasureValue | TokenMeasureValue {
  if (isRows(args[0].value) || isRows(args[1].value)) return tokenKlFn(args, ctx);
  const pair = pairOf(args, ctx);
  if (pair.kind === 'parametric') {
    const forward = parametricKlOrFail(pair.p, pair.q, args, ctx);
    const reverse = parametricKlOrFail(pair.q, pair.p, args, ctx);
    return measureValue('kl', args, ctx, pair, { value: forward.value, formula: forward.formula, reverse: { value: reverse.value } });
  }
  const aligned = alignDiscrete(pair.p, pair.q, args[0], args[1], ctx);
  ctx.budget.charge(2 * aligned.p.length, args[1].node);
  const logPair = logPairOf(pair.p, pair.q, aligned);
  const both = logPair ? logKl(logPair, aligned.outcome) : undefined;
  const forward = both ? both.forward : discreteKl(aligned.p, aligned.q, aligned.outcome);
  const reverse = both ? both.reverse : discreteKl(aligned.q, aligned.p, aligned.outcome);
  if (forward.infinite) reportZeroSupport(forward.infinite.outcome, forward.infinite.p, args, ctx);
  return measureValue('kl', args, ctx, pair, {
    ...withTerms(forward, DISCRETE_FORMULAS.kl),
    reverse: { value: reverse.value, infinite: reverse.infinite },
  });
}

/** ∞ is a value, not an error, but the author should see at q where it comes from (DESIGN: kl.zero-support). */
function reportZeroSupport(outcome: string, p: number, args: Arg[], ctx: EvalContext): void {
  ctx.inform(
    'kl.zero-support',
    args[1].node,
    'The result is ∞: “{0}” gives outcome {1} probability 0 while “{2}” gives it {3}.',
    argText(args[1], ctx),
    outcome,
    argText(args[0], ctx),
    formatNumber(p),
  );
}

export function crossEntropyFn(args: Arg[], _call: CallExpression, ctx: EvalContext): MeasureValue {
  const pair = pairOf(args, ctx);
  if (pair.kind === 'parametric') {
    const kl = parametricKlOrFail(pair.p, pair.q, args, ctx);
    const entropy = parametricEntropy(pair.p);
    return measureValue('cross_entropy', args, ctx, pair, { value: entropy.value + kl.value, formula: 'H(p) + KL(p‖q)' });
  }
  const aligned = alignDiscrete(pair.p, pair.q, args[0], args[1], ctx);
  ctx.budget.charge(aligned.p.length, args[1].node);
  const logPair = logPairOf(pair.p, pair.q, aligned);
  const result = logPair ? logCrossEntropy(logPair, aligned.outcome) : discreteCrossEntropy(aligned.p, aligned.q, aligned.outcome);
  if (result.infinite) reportZeroSupport(result.infinite.outcome, result.infinite.p, args, ctx);
  return measureValue('cross_entropy', args, ctx, pair, withTerms(result, DISCRETE_FORMULAS.cross_entropy));
}

export function entropyFn(args: Arg[], _call: CallExpression, ctx: EvalContext): MeasureValue {
  const p = toDistribution(args[0], ctx);
  if (p.kind === 'parametric') {
    const closed = parametricEntropy(p);
    return measureValue('entropy', args, ctx, { p }, { value: closed.value, formula: closed.formula });
  }
  ctx.budget.charge(p.probs.length, args[0].node);
  const result = p.log ? logEntropy(p.log, outcomeNamer(p)) : discreteEntropy(p.probs, outcomeNamer(p));
  return measureValue('entropy', args, ctx, { p }, withTerms(result, DISCRETE_FORMULAS.entropy));
}

function discreteOnly(measure: 'js' | 'tv', compute: typeof discreteJs, inLogSpace?: typeof logJs) {
  return (args: Arg[], _call: CallExpression, ctx: EvalContext): MeasureValue => {
    const pair = pairOf(args, ctx);
    if (pair.kind !== 'discrete') {
      throw klError('kl.unsupported', _call.calleeSpan, '{0} is computed for discrete distributions only.', measure);
    }
    const aligned = alignDiscrete(pair.p, pair.q, args[0], args[1], ctx);
    ctx.budget.charge(aligned.p.length, args[1].node);
    const logPair = inLogSpace ? logPairOf(pair.p, pair.q, aligned) : undefined;
    const result = logPair && inLogSpace ? inLogSpace(logPair, aligned.outcome) : compute(aligned.p, aligned.q, aligned.outcome);
    return measureValue(measure, args, ctx, pair, withTerms(result, DISCRETE_FORMULAS[measure]));
  };
}

export const jsFn = discreteOnly('js', discreteJs, logJs);
export const tvFn = discreteOnly('tv', discreteTv);

/** kl_estimate(logp, logq[, "k1" | "k2" | "k3"]) with logp, logq the log-probabilities of samples x ~ p. */
export function klEstimateFn(args: Arg[], _call: CallExpression, ctx: EvalContext): EstimateValue {
  const logp = expectList(args[0]);
  const logq = expectList(args[1]);
  const method = args.length > 2 ? expectString(args[2]) : 'k3';
  if (!ESTIMATORS.includes(method as EstimatorName)) {
    throw klError('kl.domain', args[2].node, 'Unknown estimator “{0}”: use "k1", "k2" or "k3".', method);
  }
  const n = logp.values.length;
  if (n === 0) throw klError('kl.empty', args[0].node, 'kl_estimate needs at least one sample.');
  checkLength(n, args[0].node);
  if (logq.values.length !== n) {
    throw klError(
      'kl.length-mismatch',
      args[1].node,
      'There are {0} values of log p but {1} values of log q; they must pair up sample by sample.',
      n,
      logq.values.length,
    );
  }
  ctx.budget.charge(4 * n, _call);
  for (let i = 0; i < n; i++) {
    const lp = logp.values[i];
    const lq = logq.values[i];
    if (Number.isNaN(lp) || lp === Infinity || lp === -Infinity) {
      throw klError(
        'kl.domain',
        entrySpan(logp, i, args[0]),
        'log p of sample {0} is {1}: a sample drawn from p must have a finite log-probability.',
        i + 1,
        lp,
      );
    }
    if (Number.isNaN(lq) || lq === Infinity) {
      throw klError('kl.domain', entrySpan(logq, i, args[1]), 'log q of sample {0} is {1}; it must be finite or −inf.', i + 1, lq);
    }
  }
  const all = ESTIMATORS.map((name) => summarize(name, logp.values, logq.values));
  const chosen = all.find((summary) => summary.method === method) ?? all[2];
  return { kind: 'estimate', method: chosen.method, mean: chosen.mean, standardError: chosen.standardError, samples: n, all };
}
