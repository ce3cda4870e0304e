/**
 * The discrete measures for pairs where at least one side was made from logits (softmax, logits,
 * log_softmax): the same results and term tables as discrete.ts, computed in log space.
 */
import type { AlignedPair } from './coerce';
import type { DiscreteResult, OutcomeNamer } from './discrete';
import {
  alignLogPair,
  dAt,
  klOfAligned,
  klTableTermAt,
  logCrossEntropyTerm,
  logEntropyTerms,
  logJsTerm,
  logProbabilitiesOf,
  logProbabilitiesOfProbabilities,
  pAt,
  qAt,
  type AlignedLogPair,
  type LogProbabilities,
} from './logSpace';
import { CompensatedSum } from './numerics';
import type { DiscreteDistribution } from './values';

function logOf(distribution: DiscreteDistribution, order?: Int32Array): LogProbabilities {
  const log = distribution.log ?? logProbabilitiesOfProbabilities(distribution.probs);
  if (!order) return log;
  const permuted = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) permuted[i] = log.logits[order[i]];
  return logProbabilitiesOf(permuted, log.temperature);
}

/** The pair in log space when either side has logits; undefined when both are plain probabilities. */
export function logPairOf(p: DiscreteDistribution, q: DiscreteDistribution, aligned: AlignedPair): AlignedLogPair | undefined {
  if (!p.log && !q.log) return undefined;
  return alignLogPair(logOf(p), logOf(q, aligned.qOrder));
}

function columns(pair: AlignedLogPair): { p: Float64Array; q: Float64Array } {
  const p = new Float64Array(pair.n);
  const q = new Float64Array(pair.n);
  for (let i = 0; i < pair.n; i++) {
    p[i] = pAt(pair, i);
    q[i] = qAt(pair, i);
  }
  return { p, q };
}

function firstInfinite(pair: AlignedLogPair, at: number | undefined, outcome: OutcomeNamer, reverse: boolean) {
  if (at === undefined) return undefined;
  return { outcome: outcome(at), p: reverse ? qAt(pair, at) : pAt(pair, at) };
}

export function logKl(pair: AlignedLogPair, outcome: OutcomeNamer): { forward: DiscreteResult; reverse: DiscreteResult } {
  const { p, q } = columns(pair);
  const contribution = new Float64Array(pair.n);
  const reverseContribution = new Float64Array(pair.n);
  for (let i = 0; i < pair.n; i++) {
    contribution[i] = klTableTermAt(pair, i);
    const qi = q[i];
    reverseContribution[i] = qi === 0 ? 0 : pair.p.logits[i] === -Infinity ? Infinity : -qi * dAt(pair, i);
  }
  const forward = klOfAligned(pair);
  const reverse = klOfAligned(pair, true);
  return {
    forward: { value: forward.value, terms: { p, q, contribution, outcome }, infinite: firstInfinite(pair, forward.infiniteAt, outcome, false) },
    reverse: {
      value: reverse.value,
      terms: { p: q, q: p, contribution: reverseContribution, outcome },
      infinite: firstInfinite(pair, reverse.infiniteAt, outcome, true),
    },
  };
}

export function logEntropy(log: LogProbabilities, outcome: OutcomeNamer): DiscreteResult {
  const { value, contribution, probs } = logEntropyTerms(log);
  return { value, terms: { p: probs, contribution, outcome } };
}

function summed(pair: AlignedLogPair, term: (pair: AlignedLogPair, i: number) => number, outcome: OutcomeNamer): DiscreteResult {
  const { p, q } = columns(pair);
  const contribution = new Float64Array(pair.n);
  const sum = new CompensatedSum();
  let infiniteAt: number | undefined;
  for (let i = 0; i < pair.n; i++) {
    contribution[i] = term(pair, i);
    if (contribution[i] === Infinity && infiniteAt === undefined) infiniteAt = i;
    sum.add(contribution[i]);
  }
  return {
    value: infiniteAt !== undefined ? Infinity : sum.value,
    terms: { p, q, contribution, outcome },
    infinite: firstInfinite(pair, infiniteAt, outcome, false),
  };
}

export function logCrossEntropy(pair: AlignedLogPair, outcome: OutcomeNamer): DiscreteResult {
  return summed(pair, logCrossEntropyTerm, outcome);
}

export function logJs(pair: AlignedLogPair, outcome: OutcomeNamer): DiscreteResult {
  const result = summed(pair, logJsTerm, outcome);
  return { ...result, value: Math.min(Math.LN2, Math.max(0, result.value)) };
}
