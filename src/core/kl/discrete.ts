/**
 * Measures between aligned discrete distributions, each with its term-by-term contributions.
 * Conventions (issue): 0·ln 0 = 0; q(i) = 0 < p(i) makes KL and cross-entropy +∞, naming i.
 */
import { CompensatedSum, entropyTerm, klNonNegativeTerm, klTerm, logRatio } from './numerics';
import type { InfiniteReason, TermTable } from './values';

export type OutcomeNamer = (index: number) => string;

export interface DiscreteResult {
  value: number;
  terms: TermTable;
  infinite?: InfiniteReason;
}

/** The first outcome where q has no mass but p has some, if any. */
function firstUnsupported(p: ArrayLike<number>, q: ArrayLike<number>, outcome: OutcomeNamer): InfiniteReason | undefined {
  for (let i = 0; i < p.length; i++) {
    if (q[i] === 0 && p[i] > 0) return { outcome: outcome(i), p: p[i] };
  }
  return undefined;
}

export function discreteKl(p: ArrayLike<number>, q: ArrayLike<number>, outcome: OutcomeNamer): DiscreteResult {
  const contribution = new Float64Array(p.length);
  const sum = new CompensatedSum();
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    const qi = q[i];
    if (pi === 0 || qi === 0) {
      contribution[i] = klTerm(pi, qi);
      sum.add(klNonNegativeTerm(pi, qi));
      continue;
    }
    // One logarithm for both: p·ln(p/q) for the table, p·ln(p/q) − p + q for the sum, except
    // where the latter cancels (p ≈ q) and its series is used instead.
    const logRatioValue = logRatio(pi, qi);
    contribution[i] = pi * logRatioValue;
    const r = (pi - qi) / qi;
    sum.add(Math.abs(r) <= 0.25 ? klNonNegativeTerm(pi, qi) : contribution[i] - (pi - qi));
  }
  const infinite = firstUnsupported(p, q, outcome);
  return { value: infinite ? Infinity : Math.max(0, sum.value), terms: { p, q, contribution, outcome }, infinite };
}

export function discreteEntropy(p: ArrayLike<number>, outcome: OutcomeNamer): DiscreteResult {
  const contribution = new Float64Array(p.length);
  const sum = new CompensatedSum();
  for (let i = 0; i < p.length; i++) {
    contribution[i] = entropyTerm(p[i]);
    sum.add(contribution[i]);
  }
  return { value: sum.value, terms: { p, contribution, outcome } };
}

export function discreteCrossEntropy(p: ArrayLike<number>, q: ArrayLike<number>, outcome: OutcomeNamer): DiscreteResult {
  const contribution = new Float64Array(p.length);
  const sum = new CompensatedSum();
  for (let i = 0; i < p.length; i++) {
    contribution[i] = p[i] === 0 ? 0 : q[i] === 0 ? Infinity : -p[i] * Math.log(q[i]);
    sum.add(contribution[i]);
  }
  const infinite = firstUnsupported(p, q, outcome);
  return { value: infinite ? Infinity : sum.value, terms: { p, q, contribution, outcome }, infinite };
}

/** Jensen–Shannon: ½KL(p‖m) + ½KL(q‖m), m = ½(p + q); always finite, symmetric, ≤ ln 2. */
export function discreteJs(p: ArrayLike<number>, q: ArrayLike<number>, outcome: OutcomeNamer): DiscreteResult {
  const contribution = new Float64Array(p.length);
  const sum = new CompensatedSum();
  for (let i = 0; i < p.length; i++) {
    const m = 0.5 * p[i] + 0.5 * q[i];
    contribution[i] = 0.5 * klTerm(p[i], m) + 0.5 * klTerm(q[i], m);
    sum.add(0.5 * klNonNegativeTerm(p[i], m) + 0.5 * klNonNegativeTerm(q[i], m));
  }
  // Mathematically 0 ≤ JS ≤ ln 2; rounding may overshoot by an ulp for disjoint supports.
  return { value: Math.min(Math.LN2, Math.max(0, sum.value)), terms: { p, q, contribution, outcome } };
}

/** Total variation ½Σ|p − q| (a probability, not an information quantity). */
export function discreteTv(p: ArrayLike<number>, q: ArrayLike<number>, outcome: OutcomeNamer): DiscreteResult {
  const contribution = new Float64Array(p.length);
  const sum = new CompensatedSum();
  for (let i = 0; i < p.length; i++) {
    contribution[i] = 0.5 * Math.abs(p[i] - q[i]);
    sum.add(contribution[i]);
  }
  return { value: Math.min(1, sum.value), terms: { p, q, contribution, outcome } };
}
