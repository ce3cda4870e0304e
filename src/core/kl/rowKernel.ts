/**
 * KL(p‖q) of one pair of logit rows with a single exponential per entry: the per-token kernel
 * (issue #12, `kl.tokens-512x32k`: 512 × 32,000 entries per policy).
 *
 * With Eᵢ = e^{sᵖᵢ} (shifted logits, Zp = Σ Eᵢ) and cᵢ = sᵖᵢ − sᑫᵢ, q's weights are Eᵢ·e^{−cᵢ}, so
 * q needs no exponential of its own: for a centre s, bᵢ = s − cᵢ and e^{bᵢ} = 1 + bᵢ + g(bᵢ) with
 * g(b) = eᵇ − 1 − b by its series. With B = Σ pᵢbᵢ and G = Σ pᵢg(bᵢ) ≥ 0,
 *
 *   Σ pᵢ e^{bᵢ} = 1 + B + G = Zq/Zp · e^{s}, and   KL(p‖q) = Σ pᵢ g(bᵢ + t) = log1p(B + G) − B
 *                                                              = G + (log1p(x) − x), x = B + G,
 *
 * (t = L − s fixed by Σ q = 1). With s the p-mean of c, B is at rounding level, so nothing cancels:
 * KL ≈ G, a sum of non-negative terms, exact to a few ulps even for nearly equal policies. An error
 * η in B changes the result only by η·(B + G). The same Eᵢ weight p and q, so a rounding of Eᵢ
 * moves both alike and leaves the log-ratio, taken from the logits by an exact two-term
 * difference, untouched.
 *
 * Rows with a −inf logit (exact zeros) or extreme shifts return undefined: the general kernel in
 * logSpace.ts (two exponentials per entry) handles them.
 */
import type { LogProbabilities } from './logSpace';

/** Scratch rows reused for a whole sequence (no allocation per token). */
export interface RowScratch {
  e: Float64Array;
  c: Float64Array;
  /** sᑫᵢ, filled only for rows that need the general pass. */
  shifted: Float64Array;
}

export function rowScratch(n: number): RowScratch {
  return { e: new Float64Array(n), c: new Float64Array(n), shifted: new Float64Array(n) };
}

/** Plain partial sums over blocks of this many non-negative terms: error ≤ 256 ulps relative (6e-14). */
const BLOCK = 256;
/** e^{s} with |s| beyond this could overflow an intermediate: left to the general kernel. */
const MAX_CENTRE = 700;

// Coefficients 1/k! of g(b)/b² = Σ b^{k−2}/k!.
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
const C9 = 1 / 362880;
const C10 = 1 / 3628800;
const C11 = 1 / 39916800;
const C12 = 1 / 479001600;
const C13 = 1 / 6227020800;
const C14 = 1 / 87178291200;
const C15 = 1 / 1307674368000;

/** g(b)/b² for |b| ≤ ¼: 11 terms, the first omitted below 8e-17 of the value. */
function gRatioQuarter(b: number): number {
  const b2 = b * b;
  const b4 = b2 * b2;
  const b8 = b4 * b4;
  return C2 + C3 * b + (C4 + C5 * b) * b2 + (C6 + C7 * b + (C8 + C9 * b) * b2) * b4 + (C10 + C11 * b + C12 * b2) * b8;
}

/** g(b)/b² for |b| ≤ ½: 14 terms, the first omitted below 6e-18 of the value. */
function gRatioHalf(b: number): number {
  const b2 = b * b;
  const b4 = b2 * b2;
  const b8 = b4 * b4;
  return C2 + C3 * b + (C4 + C5 * b) * b2 + (C6 + C7 * b + (C8 + C9 * b) * b2) * b4 + (C10 + C11 * b + (C12 + C13 * b) * b2 + (C14 + C15 * b) * b4) * b8;
}

/** log1p(x) − x for |x| < 0.01 (the first omitted term is below 2e-19 of the value). */
function log1pMinusIdentity(x: number): number {
  const series = -1 / 2 + x * (1 / 3 + x * (-1 / 4 + x * (1 / 5 + x * (-1 / 6 + x * (1 / 7 + x * (-1 / 8 + x * (1 / 9 - x / 10)))))));
  return x * x * series;
}

interface Sums {
  /** Σ Eᵢ bᵢ and Σ Eᵢ g(bᵢ). */
  b: number;
  g: number;
}

/** Pass 2 when every |bᵢ| ≤ ¼ (the common case for a policy update): no branch per entry. */
function sumsQuarter(e: Float64Array, c: Float64Array, s: number): Sums {
  let sumB = 0;
  let sumG = 0;
  let compG = 0;
  for (let start = 0; start < e.length; start += BLOCK) {
    const end = Math.min(e.length, start + BLOCK);
    let block = 0;
    for (let i = start; i < end; i++) {
      const b = s - c[i];
      const eb = e[i] * b;
      sumB += eb;
      block += eb * b * gRatioQuarter(b);
    }
    const t = sumG + block;
    compG += sumG >= block ? sumG - t + block : block - t + sumG;
    sumG = t;
  }
  return { b: sumB, g: sumG + compG };
}

/**
 * Pass 2 in general: the series for |bᵢ| ≤ ½, else Eᵢe^{bᵢ} − Eᵢ(1 + bᵢ) with Eᵢe^{bᵢ} = e^{sᑫᵢ + s}
 * from q's own shifted logit: Eᵢ may have underflowed where q still has mass, and sᵖᵢ + bᵢ would
 * cancel two large numbers (−17,000 + 16,570 at T = 1e-3) and lose the exponent's last digits.
 */
function sumsGeneral(e: Float64Array, c: Float64Array, s: number, shiftedQ: Float64Array): Sums {
  let sumB = 0;
  let sumG = 0;
  let compG = 0;
  for (let start = 0; start < e.length; start += BLOCK) {
    const end = Math.min(e.length, start + BLOCK);
    let block = 0;
    for (let i = start; i < end; i++) {
      const b = s - c[i];
      const ei = e[i];
      sumB += ei * b;
      block += Math.abs(b) <= 0.5 ? ei * b * b * gRatioHalf(b) : Math.exp(shiftedQ[i] + s) - ei * (1 + b);
    }
    const t = sumG + block;
    compG += sumG >= block ? sumG - t + block : block - t + sumG;
    sumG = t;
  }
  return { b: sumB, g: sumG + compG };
}

/**
 * KL(p‖q) of two rows of equal length given by logits, or undefined when a row has a −inf logit or
 * the policies are so far apart that the centre would overflow (the general kernel takes those).
 */
export function rowKl(p: LogProbabilities, q: LogProbabilities, scratch: RowScratch): number | undefined {
  const n = p.logits.length;
  const x = p.logits;
  const y = q.logits;
  const xTop = x[p.top];
  const yTop = y[q.top];
  const invP = 1 / p.temperature;
  const invQ = 1 / q.temperature;
  const e = scratch.e.length === n ? scratch.e : scratch.e.subarray(0, n);
  const c = scratch.c.length === n ? scratch.c : scratch.c.subarray(0, n);
  const shifted = scratch.shifted.length === n ? scratch.shifted : scratch.shifted.subarray(0, n);
  let zP = 0;
  let compZ = 0;
  let sumC = 0;
  let minC = Infinity;
  let maxC = -Infinity;
  // cᵢ = ((xᵢ − yᵢ) − (x_top − y_top)) / T with both differences exact (two-sum) when the
  // temperatures agree: nearly equal policies with logits of 1e4 keep their tiny differences.
  const same = p.temperature === q.temperature;
  const kHi = xTop - yTop;
  const kB = kHi - xTop;
  const kLo = xTop - (kHi - kB) + (-yTop - kB);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let block = 0;
    for (let i = start; i < end; i++) {
      const xi = x[i];
      const yi = y[i];
      let ci: number;
      if (same) {
        const hi = xi - yi;
        const bb = hi - xi;
        const lo = xi - (hi - bb) + (-yi - bb);
        ci = (hi - kHi + (lo - kLo)) * invP;
      } else {
        ci = (xi - xTop) * invP - (yi - yTop) * invQ;
      }
      const ei = Math.exp((xi - xTop) * invP);
      e[i] = ei;
      c[i] = ci;
      block += ei;
      sumC += ei * ci;
      if (ci < minC) minC = ci;
      if (ci > maxC) maxC = ci;
    }
    const t = zP + block;
    compZ += zP >= block ? zP - t + block : block - t + zP;
    zP = t;
  }
  zP += compZ;
  // A −inf logit makes some cᵢ ±∞ or NaN (and Σ Eᵢcᵢ with it).
  if (!Number.isFinite(sumC) || !Number.isFinite(minC) || !Number.isFinite(maxC)) return undefined;
  let s = sumC / zP;
  if (Math.abs(s) > MAX_CENTRE) return undefined;
  let shiftedFilled = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    const widest = Math.max(maxC - s, s - minC);
    let sums: Sums;
    if (widest <= 0.25) sums = sumsQuarter(e, c, s);
    else {
      if (!shiftedFilled) {
        for (let i = 0; i < n; i++) shifted[i] = (y[i] - yTop) * invQ;
        shiftedFilled = true;
      }
      sums = sumsGeneral(e, c, s, shifted);
    }
    const b = sums.b / zP;
    const g = sums.g / zP;
    if (!Number.isFinite(g)) return undefined;
    const x = b + g;
    // KL = G + (log1p(x) − x): for small x by its series, so B (known only to rounding of the
    // centre, and possibly far above a tiny G) never meets G in a subtraction; x² ≤ G keeps KL ≥ G/2.
    if (Math.abs(x) < 0.01 && x * x <= g) return Math.max(0, g + log1pMinusIdentity(x));
    // B at rounding level beside G: log1p(B + G) − B keeps G's digits.
    if (Math.abs(b) <= 64 * g) return Math.max(0, Math.log1p(x) - b);
    s -= b;
  }
  return undefined;
}
