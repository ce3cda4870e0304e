/**
 * Per-token KL of two policies (issue #12): `kl(softmax(logitsP), softmax(logitsQ))` with one row
 * per token gives each token's KL, their sum (the sequence KL that PPO penalises) and mean.
 */
import { outcomeName } from './coerce';
import { alignLogPair, klOfAligned, logProbabilitiesOfProbabilities, pairScratch, refineShift, type LogProbabilities } from './logSpace';
import { rowKl, rowScratch } from './rowKernel';

/** Below this a token's KL is recomputed with the precise shift: (1e-15)² / 1e-16 leaves 1e-14 relative. */
const SMALL_KL = 1e-16;
import { discreteKl } from './discrete';
import { CompensatedSum } from './numerics';
import type { DiscreteDistribution, InfiniteReason } from './values';

export interface TokenKl {
  perToken: Float64Array;
  sum: number;
  mean: number;
  infinite?: InfiniteReason & { token: number };
}

/**
 * KL(pₜ‖qₜ) for every row t. Pairs of logit rows go through the one-exponential row kernel
 * (rowKernel.ts) with scratch buffers shared by the whole sequence (no allocation per token); rows
 * it declines (a −inf logit, extreme shifts) or mixed with probabilities go through the general
 * log-space kernel; rows of plain probabilities use the probability-space sum, exact for them.
 */
export function perTokenKl(p: readonly DiscreteDistribution[], q: readonly DiscreteDistribution[]): TokenKl {
  const perToken = new Float64Array(p.length);
  const width = p.reduce((max, row) => Math.max(max, row.log ? row.log.logits.length : row.probs.length), 0);
  const scratch = pairScratch(width);
  const rows = rowScratch(width);
  const total = new CompensatedSum();
  let infinite: TokenKl['infinite'];
  for (let t = 0; t < p.length; t++) {
    const pRow = p[t];
    const qRow = q[t];
    let value: number;
    let infiniteAt: number | undefined;
    const fast = pRow.log && qRow.log ? rowKl(pRow.log, qRow.log, rows) : undefined;
    if (fast !== undefined) {
      value = fast;
    } else if (pRow.log || qRow.log) {
      const pair = alignLogPair(logOf(pRow), logOf(qRow), scratch, false);
      let result = klOfAligned(pair);
      // The plain shift's rounding (≈ 1e-16) changes KL by its square: recompute it when KL is that small.
      if (result.value < SMALL_KL) {
        refineShift(pair);
        result = klOfAligned(pair);
      }
      value = result.value;
      infiniteAt = result.infiniteAt;
    } else {
      const result = discreteKl(pRow.probs, qRow.probs, (i) => String(i));
      value = result.value;
      infiniteAt = result.infinite ? Number(result.infinite.outcome) : undefined;
    }
    perToken[t] = value;
    total.add(value);
    if (infiniteAt !== undefined && !infinite) {
      infinite = { token: t, outcome: outcomeName(pRow.labels, pRow.outcomeNames, infiniteAt), p: pRow.probs[infiniteAt] };
    }
  }
  const sum = total.value;
  return { perToken, sum, mean: p.length === 0 ? 0 : sum / p.length, infinite };
}

function logOf(row: DiscreteDistribution): LogProbabilities {
  return row.log ?? logProbabilitiesOfProbabilities(row.probs);
}

/** Indices of the `limit` largest per-token values (∞ first), largest first. */
export function largestTokens(perToken: ArrayLike<number>, limit: number): number[] {
  const order = Array.from({ length: perToken.length }, (_, i) => i);
  order.sort((a, b) => perToken[b] - perToken[a] || a - b);
  return order.slice(0, limit);
}
