/**
 * Measures of distributions given by logits, computed in log space (issue #12): probabilities of
 * softmax([800, 0, 0]) underflow to 0, yet KL against softmax([0, 0, 800]) is a finite ≈ 800.
 *
 * A distribution keeps its logits x and temperature T; log pᵢ = (xᵢ − x_top)/T − ln Z with
 * Z = Σⱼ exp((xⱼ − x_top)/T) ∈ [1, n]. Between two such distributions everything is written in the
 * log-ratio dᵢ = ln pᵢ − ln qᵢ = cᵢ − L, where cᵢ = sᵖᵢ − sᑫᵢ is the difference of shifted logits,
 * taken from the raw logits with an exact two-term difference (so nearly equal policies with logits
 * of 1e4 keep their tiny differences) and L = ln Zp − ln Zq is a constant shift.
 *
 * KL(p‖q) = Σ pᵢ g(−dᵢ), g(u) = eᵘ − 1 − u ≥ 0 (the k3 integrand): every term is non-negative, so
 * nothing cancels between terms, and an error ε in the constant L changes the sum only by ε²/2
 * (Σ pᵢ(1 − e^−dᵢ) = Σp − Σq = 0). ∞ only where a probability is exactly 0 (a −inf logit).
 */
import { CompensatedSum } from './numerics';

export interface LogProbabilities {
  /** The logits as given (unscaled); may be a view into a row-major matrix. */
  logits: Float64Array;
  temperature: number;
  /** Index of the largest logit (the shift that keeps exp from overflowing). */
  top: number;
  /** ln Σⱼ exp((xⱼ − x_top)/T) ∈ [0, ln n]. */
  logNormalizer: number;
}

/** The index of the largest entry, or -1 when all are −∞. NaN and +∞ must be rejected before. */
export function argmax(values: ArrayLike<number>): number {
  let top = -1;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > max) {
      max = values[i];
      top = i;
    }
  }
  return top;
}

/**
 * Logits (finite or −∞, not all −∞) and a positive temperature, as log-probabilities. The
 * normaliser is computed on first use: a per-token KL of two 32,000-word policies recomputes it from
 * the same exponentials it needs anyway, and computing it here too would double the work.
 */
export function logProbabilitiesOf(logits: Float64Array, temperature: number): LogProbabilities {
  const top = argmax(logits);
  let logNormalizer: number | undefined;
  return {
    logits,
    temperature,
    top,
    get logNormalizer() {
      if (logNormalizer === undefined) {
        const shift = logits[top];
        const rest = new CompensatedSum();
        for (let i = 0; i < logits.length; i++) if (i !== top) rest.add(Math.exp((logits[i] - shift) / temperature));
        logNormalizer = Math.log1p(rest.value);
      }
      return logNormalizer;
    },
  };
}

/** ln pᵢ (−∞ for a −inf logit). */
export function logProbabilityAt(log: LogProbabilities, i: number): number {
  return (log.logits[i] - log.logits[log.top]) / log.temperature - log.logNormalizer;
}

/** The probabilities e^sᵢ / Σ e^sⱼ; tiny ones underflow to 0 here but not in the log-space measures. */
export function probabilitiesOf(log: LogProbabilities): Float64Array {
  const n = log.logits.length;
  const probs = new Float64Array(n);
  const shift = log.logits[log.top];
  const sum = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    probs[i] = Math.exp((log.logits[i] - shift) / log.temperature);
    sum.add(probs[i]);
  }
  const z = sum.value;
  for (let i = 0; i < n; i++) probs[i] /= z;
  return probs;
}

/** Probabilities as log-probabilities (ln of each entry, T = 1), for pairing with a logit distribution. */
export function logProbabilitiesOfProbabilities(probs: ArrayLike<number>): LogProbabilities {
  const logits = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) logits[i] = Math.log(probs[i]);
  return logProbabilitiesOf(logits, 1);
}

/**
 * eᵘ − 1 − u for |u| ≤ ½ by its Taylor series to u¹⁷ (the next term is below 2e-16 of the sum):
 * exact where expm1(u) − u cancels, and a few multiplications instead of a transcendental in the
 * per-token kernel, where |u| is mostly small.
 */
function gSeries(u: number): number {
  let sum = 1 / 355687428096000; // 1/17!
  sum = sum * u + 1 / 20922789888000;
  sum = sum * u + 1 / 1307674368000;
  sum = sum * u + 1 / 87178291200;
  sum = sum * u + 1 / 6227020800;
  sum = sum * u + 1 / 479001600;
  sum = sum * u + 1 / 39916800;
  sum = sum * u + 1 / 3628800;
  sum = sum * u + 1 / 362880;
  sum = sum * u + 1 / 40320;
  sum = sum * u + 1 / 5040;
  sum = sum * u + 1 / 720;
  sum = sum * u + 1 / 120;
  sum = sum * u + 1 / 24;
  sum = sum * u + 1 / 6;
  sum = sum * u + 0.5;
  return sum * u * u;
}

/** eᵘ − 1 − u ≥ 0, accurate for small |u| (series) and without overflow handled by the caller. */
export function gOf(u: number): number {
  return Math.abs(u) <= 0.5 ? gSeries(u) : Math.expm1(u) - u;
}

/**
 * x·g(u) = y − x − x·u for y = x·eᵘ, the non-negative share of one outcome. Where y ≫ x (u > 1) it
 * is taken from y itself: x·eᵘ would overflow, and x may have underflowed (or lost digits as a
 * subnormal) although ln x is finite.
 */
export function shareOf(x: number, y: number, u: number): number {
  if (u > 1 || x === 0) return y - x * (1 + u);
  return x * gOf(u);
}

/** Scratch space reused across the rows of a matrix (no allocation per token). */
export interface PairScratch {
  expP: Float64Array;
  expQ: Float64Array;
  d: Float64Array;
}

export function pairScratch(n: number): PairScratch {
  return { expP: new Float64Array(n), expQ: new Float64Array(n), d: new Float64Array(n) };
}

/**
 * Everything a measure of two logit distributions needs, for one pair of rows:
 * pᵢ, qᵢ (as e^sᵢ / Z, possibly underflowed to 0) and dᵢ = ln pᵢ − ln qᵢ (NaN where either is −inf).
 */
export interface AlignedLogPair {
  n: number;
  expP: Float64Array;
  expQ: Float64Array;
  zP: number;
  zQ: number;
  /** cᵢ = sᵖᵢ − sᑫᵢ (NaN where either logit is −inf); ln pᵢ − ln qᵢ = cᵢ − shift. */
  c: Float64Array;
  /** L = ln Zp − ln Zq. */
  shift: number;
  /** Zp − 1 and Zq − 1 (the mass beside each top outcome, relative to it). */
  restP: number;
  restQ: number;
  /** −inf logit flags are read back from the logits themselves. */
  p: LogProbabilities;
  q: LogProbabilities;
}

/**
 * Fills `scratch` with e^sᵢ for p and q and the log-ratios (see the file comment). `precise`: the
 * shift L for nearly equal policies by expm1 (see normalizerShift); the per-token kernel skips it
 * and calls refineShift only for the tokens whose KL is small enough to need it.
 */
export function alignLogPair(p: LogProbabilities, q: LogProbabilities, scratch: PairScratch = pairScratch(p.logits.length), precise = true): AlignedLogPair {
  const n = p.logits.length;
  const x = p.logits;
  const y = q.logits;
  const tp = p.temperature;
  const tq = q.temperature;
  const xTop = x[p.top];
  const yTop = y[q.top];
  const { expP, expQ, d } = scratch;
  // Z = 1 + Σ_{i≠top} e^sᵢ: ln Z as log1p of the rest keeps a rest of e^-400 (T = 1e-3) that 1 + rest would drop.
  // Neumaier sums written out: this loop runs 16 million times for 512 tokens of 32,000 words.
  let restP = 0;
  let restPc = 0;
  let restQ = 0;
  let restQc = 0;
  const pTop = p.top;
  const qTop = q.top;
  // Multiplying by 1/T (one more rounding of sᵢ, harmless) instead of dividing 32 million times.
  const invP = 1 / tp;
  const invQ = 1 / tq;
  for (let i = 0; i < n; i++) {
    const ep = Math.exp((x[i] - xTop) * invP);
    const eq = Math.exp((y[i] - yTop) * invQ);
    expP[i] = ep;
    expQ[i] = eq;
    if (i !== pTop) {
      const t = restP + ep;
      restPc += restP >= ep ? restP - t + ep : ep - t + restP;
      restP = t;
    }
    if (i !== qTop) {
      const t = restQ + eq;
      restQc += restQ >= eq ? restQ - t + eq : eq - t + restQ;
      restQ = t;
    }
  }
  restP += restPc;
  restQ += restQc;
  const zP = 1 + restP;
  const zQ = 1 + restQ;
  if (tp === tq) {
    // cᵢ = ((xᵢ − yᵢ) − (x_top − y_top)) / T with both differences exact (two-sum): the rounding
    // of xᵢ − x_top would otherwise swamp the difference between nearly equal policies.
    const kHi = xTop - yTop;
    const kB = kHi - xTop;
    const kLo = xTop - (kHi - kB) + (-yTop - kB);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const yi = y[i];
      if (xi === -Infinity || yi === -Infinity) {
        d[i] = NaN;
        continue;
      }
      const hi = xi - yi;
      const b = hi - xi;
      const lo = xi - (hi - b) + (-yi - b);
      d[i] = (hi - kHi + (lo - kLo)) * invP;
    }
  } else {
    for (let i = 0; i < n; i++) {
      d[i] = x[i] === -Infinity || y[i] === -Infinity ? NaN : (x[i] - xTop) / tp - (y[i] - yTop) / tq;
    }
  }
  const direct = Math.log1p(restP) - Math.log1p(restQ);
  const pair = { n, expP, expQ, zP, zQ, c: d, shift: direct, p, q, restP, restQ };
  if (precise) refineShift(pair);
  return pair;
}

/** dᵢ = ln pᵢ − ln qᵢ. */
export function dAt(pair: AlignedLogPair, i: number): number {
  return pair.c[i] - pair.shift;
}

/**
 * Recomputes L = ln Zp − ln Zq = ln Σⱼ qⱼ e^cⱼ (with `c` the unshifted log-ratios). For nearly equal policies
 * (all |cⱼ| ≤ ½) L is as small as the cⱼ and the difference of two logarithms near ln n would lose
 * its digits; log1p(Σ qⱼ expm1(cⱼ)) keeps them. KL is of the order of c², so L must be good to
 * about |c|·1e-16 there.
 */
export function refineShift(pair: AlignedLogPair): void {
  const { c, expQ, zQ } = pair;
  const x = pair.p.logits;
  const y = pair.q.logits;
  for (let i = 0; i < pair.n; i++) if (Math.abs(c[i]) > 0.5) return;
  const sum = new CompensatedSum();
  for (let i = 0; i < c.length; i++) {
    if (y[i] === -Infinity) continue;
    // p has no mass here (e^c = 0): the term is −qᵢ.
    sum.add(x[i] === -Infinity ? -expQ[i] / zQ : (expQ[i] / zQ) * Math.expm1(c[i]));
  }
  pair.shift = Math.log1p(sum.value);
}

/**
 * pᵢ·g(−dᵢ) = pᵢ(rᵢ − 1 − ln rᵢ), rᵢ = qᵢ/pᵢ: outcome i's non-negative share of KL(p‖q) (∞ when
 * qᵢ = 0 < pᵢ; qᵢ when pᵢ = 0).
 */
export function klTermAt(pair: AlignedLogPair, i: number): number {
  const pZero = pair.p.logits[i] === -Infinity;
  const qZero = pair.q.logits[i] === -Infinity;
  if (pZero) return qZero ? 0 : pair.expQ[i] / pair.zQ;
  if (qZero) return Infinity;
  return shareOf(pair.expP[i] / pair.zP, pair.expQ[i] / pair.zQ, -dAt(pair, i));
}

/** The same for KL(q‖p): qᵢ·g(dᵢ). */
export function reverseKlTermAt(pair: AlignedLogPair, i: number): number {
  const pZero = pair.p.logits[i] === -Infinity;
  const qZero = pair.q.logits[i] === -Infinity;
  if (qZero) return pZero ? 0 : pair.expP[i] / pair.zP;
  if (pZero) return Infinity;
  return shareOf(pair.expQ[i] / pair.zQ, pair.expP[i] / pair.zP, dAt(pair, i));
}

export interface LogKlResult {
  value: number;
  /** First outcome with qᵢ = 0 < pᵢ, when the value is ∞. */
  infiniteAt?: number;
}

/** KL(p‖q) (or KL(q‖p)) of one aligned pair: the per-token kernel, no allocation, no closure per entry. */
export function klOfAligned(pair: AlignedLogPair, reverse = false): LogKlResult {
  let sum = 0;
  let compensation = 0;
  const { n, c, shift } = pair;
  const [expA, zA, logitsA, expB, zB, logitsB] = reverse
    ? [pair.expQ, pair.zQ, pair.q.logits, pair.expP, pair.zP, pair.p.logits]
    : [pair.expP, pair.zP, pair.p.logits, pair.expQ, pair.zQ, pair.q.logits];
  const sign = reverse ? 1 : -1;
  const invA = 1 / zA;
  const invB = 1 / zB;
  for (let i = 0; i < n; i++) {
    let value: number;
    if (logitsA[i] === -Infinity) value = logitsB[i] === -Infinity ? 0 : expB[i] * invB;
    else if (logitsB[i] === -Infinity) return { value: Infinity, infiniteAt: i };
    else value = shareOf(expA[i] * invA, expB[i] * invB, sign * (c[i] - shift));
    const t = sum + value;
    compensation += sum >= value ? sum - t + value : value - t + sum;
    sum = t;
  }
  return { value: Math.max(0, sum + compensation) };
}

/** pᵢ (for tables), from the aligned pair. */
export function pAt(pair: AlignedLogPair, i: number): number {
  return pair.p.logits[i] === -Infinity ? 0 : pair.expP[i] / pair.zP;
}

export function qAt(pair: AlignedLogPair, i: number): number {
  return pair.q.logits[i] === -Infinity ? 0 : pair.expQ[i] / pair.zQ;
}

/** The textbook term pᵢ ln(pᵢ/qᵢ) = pᵢ dᵢ, for the hover's table (it may be negative). */
export function klTableTermAt(pair: AlignedLogPair, i: number): number {
  const p = pAt(pair, i);
  if (p === 0) return 0;
  if (pair.q.logits[i] === -Infinity) return Infinity;
  return p * dAt(pair, i);
}

/** H(p) = Σ pᵢ (ln Z − sᵢ): sᵢ ≤ 0 and ln Z ≥ 0, so every term is non-negative. */
export function logEntropyTerms(log: LogProbabilities): { value: number; contribution: Float64Array; probs: Float64Array } {
  const n = log.logits.length;
  const probs = probabilitiesOf(log);
  const contribution = new Float64Array(n);
  const sum = new CompensatedSum();
  const shift = log.logits[log.top];
  for (let i = 0; i < n; i++) {
    if (probs[i] === 0) continue;
    contribution[i] = probs[i] * (log.logNormalizer - (log.logits[i] - shift) / log.temperature);
    sum.add(contribution[i]);
  }
  return { value: sum.value, contribution, probs };
}

/** H(p, q) = Σ pᵢ (ln Zq − sᑫᵢ), non-negative terms; ∞ where qᵢ = 0 < pᵢ. */
export function logCrossEntropyTerm(pair: AlignedLogPair, i: number): number {
  const p = pAt(pair, i);
  if (pair.p.logits[i] === -Infinity) return 0;
  if (pair.q.logits[i] === -Infinity) return Infinity;
  if (p === 0) return 0;
  const q = pair.q;
  return p * (q.logNormalizer - (q.logits[i] - q.logits[q.top]) / q.temperature);
}

/** ln(½(1 + eᵗ)) accurately: log1p(expm1(t)/2) near 0, t + ln(½(1 + e^−t)) for large t. */
function logHalfOnePlusExp(t: number): number {
  if (t > 30) return t - Math.LN2 + Math.log1p(Math.exp(-t));
  return Math.log1p(Math.expm1(t) / 2);
}

/**
 * Outcome i's share of JS(p‖q) = ½KL(p‖m) + ½KL(q‖m), in the non-negative form
 * ½pᵢ g(ln mᵢ − ln pᵢ) + ½qᵢ g(ln mᵢ − ln qᵢ), with ln mᵢ − ln pᵢ = ln(½(1 + e^−dᵢ)).
 */
export function logJsTerm(pair: AlignedLogPair, i: number): number {
  const pZero = pair.p.logits[i] === -Infinity;
  const qZero = pair.q.logits[i] === -Infinity;
  const p = pAt(pair, i);
  const q = qAt(pair, i);
  // One side absent, say q: m = p/2 there; ½p·g(−ln 2) + ½·m (the term of q = 0) = ½p ln 2.
  if (pZero || qZero) return 0.5 * (p + q) * Math.LN2;
  const d = dAt(pair, i);
  const m = 0.5 * p + 0.5 * q;
  return 0.5 * shareOf(p, m, logHalfOnePlusExp(-d)) + 0.5 * shareOf(q, m, logHalfOnePlusExp(d));
}
