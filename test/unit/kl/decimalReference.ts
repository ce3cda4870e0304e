/**
 * High-precision references for the log-space measures, in decimal.js (250 significant digits:
 * softmax at T = 1e-3 puts mass like e^-400 next to 1, which must survive 1 + e^-400).
 * Written from the definitions (softmax, Σ p ln(p/q), the estimators' sums) without any of the
 * evaluator's rearrangements, so agreement is evidence and not a restatement of the code.
 */
import Decimal from 'decimal.js';
import { exact } from './highPrecision';

const D = Decimal.clone({ precision: 250, minE: -9e15, maxE: 9e15 });

/** What the reference cannot resolve: results below this are compared absolutely. */
export const REFERENCE_FLOOR = 1e-200;
type Dec = InstanceType<typeof D>;

/**
 * The double's exact binary value. `new Decimal(0.1)` would read the shortest decimal that rounds
 * to it (0.1), not the value the evaluator computes with (0.1000000000000000055…): for nearly equal
 * policies that difference alone is a 1e-12 relative change of KL.
 */
export function exactDecimal(x: number): Dec {
  const { num, den } = exact(x);
  return new D(num.toString()).div(new D(den.toString()));
}

/** ln softmax(x/T) exactly for the doubles given (−Infinity entries stay −∞ as null). */
export function logSoftmax(logits: readonly number[], temperature = 1): Array<Dec | null> {
  const t = exactDecimal(temperature);
  const scaled = logits.map((x) => (x === -Infinity ? null : exactDecimal(x).div(t)));
  const finite = scaled.filter((x): x is Dec => x !== null);
  const max = D.max(...finite);
  let sum = new D(0);
  for (const x of finite) sum = sum.plus(x.minus(max).exp());
  const logZ = max.plus(sum.ln());
  return scaled.map((x) => (x === null ? null : x.minus(logZ)));
}

export function logOfProbabilities(probs: readonly number[]): Array<Dec | null> {
  return probs.map((p) => (p === 0 ? null : exactDecimal(p).ln()));
}

/** Σ pᵢ (ln pᵢ − ln qᵢ); Infinity when some qᵢ = 0 < pᵢ. */
export function klReference(lp: Array<Dec | null>, lq: Array<Dec | null>): number {
  let sum = new D(0);
  for (let i = 0; i < lp.length; i++) {
    const a = lp[i];
    if (a === null) continue;
    const b = lq[i];
    if (b === null) return Infinity;
    sum = sum.plus(a.exp().times(a.minus(b)));
  }
  return sum.toNumber();
}

export function entropyReference(lp: Array<Dec | null>): number {
  let sum = new D(0);
  for (const a of lp) if (a !== null) sum = sum.minus(a.exp().times(a));
  return sum.toNumber();
}

export function crossEntropyReference(lp: Array<Dec | null>, lq: Array<Dec | null>): number {
  let sum = new D(0);
  for (let i = 0; i < lp.length; i++) {
    const a = lp[i];
    if (a === null) continue;
    const b = lq[i];
    if (b === null) return Infinity;
    sum = sum.minus(a.exp().times(b));
  }
  return sum.toNumber();
}

/** ½ Σ p ln(p/m) + ½ Σ q ln(q/m), m = ½(p + q). */
export function jsReference(lp: Array<Dec | null>, lq: Array<Dec | null>): number {
  let sum = new D(0);
  for (let i = 0; i < lp.length; i++) {
    const p = lp[i] === null ? new D(0) : (lp[i] as Dec).exp();
    const q = lq[i] === null ? new D(0) : (lq[i] as Dec).exp();
    const m = p.plus(q).div(2);
    if (!p.isZero()) sum = sum.plus(p.times(p.div(m).ln()).div(2));
    if (!q.isZero()) sum = sum.plus(q.times(q.div(m).ln()).div(2));
  }
  return sum.toNumber();
}

export interface Moments {
  mean: number;
  bias: number;
  std: number;
}

/**
 * The three estimators by their definitions: for x ~ p, r = q(x)/p(x), kₖ(x) as in Schulman's post,
 * mean = Σ p kₖ, bias = mean − KL, std = √(Σ p (kₖ − mean)²). Outcomes with p = 0 are never sampled.
 */
export function estimatorReference(lp: Array<Dec | null>, lq: Array<Dec | null>): { kl: number; k1: Moments; k2: Moments; k3: Moments } {
  const samples: Array<{ p: Dec; k: [Dec, Dec, Dec] }> = [];
  let kl = new D(0);
  for (let i = 0; i < lp.length; i++) {
    const a = lp[i];
    if (a === null) continue;
    const b = lq[i] as Dec;
    const p = a.exp();
    const logR = b.minus(a);
    kl = kl.plus(p.times(a.minus(b)));
    samples.push({ p, k: [logR.neg(), logR.times(logR).div(2), logR.exp().minus(1).minus(logR)] });
  }
  const moments = (j: 0 | 1 | 2): Moments => {
    let mean = new D(0);
    for (const s of samples) mean = mean.plus(s.p.times(s.k[j]));
    let variance = new D(0);
    for (const s of samples) variance = variance.plus(s.p.times(s.k[j].minus(mean).pow(2)));
    return { mean: mean.toNumber(), bias: mean.minus(kl).toNumber(), std: variance.sqrt().toNumber() };
  };
  return { kl: kl.toNumber(), k1: moments(0), k2: moments(1), k3: moments(2) };
}

/**
 * The estimators for p = N(μp, σp²), q = N(μq, σq²) by direct numerical integration over x ~ p,
 * from the two densities as written (40-digit decimals): the trapezoidal rule in z = (x − μp)/σp
 * with step 1/32 on ±30, which for these Gaussian-decaying analytic integrands is accurate far
 * beyond double precision. Independent of the code's closed forms and its Gauss–Kronrod rule.
 */
export function normalEstimatorReference(meanP: number, stdP: number, meanQ: number, stdQ: number): { kl: number; k1: Moments; k2: Moments; k3: Moments } {
  const E = Decimal.clone({ precision: 40 });
  type E = InstanceType<typeof E>;
  const mp = new E(meanP);
  const sp = new E(stdP);
  const mq = new E(meanQ);
  const sq = new E(stdQ);
  const halfLogTwoPi = E.acos(-1).times(2).ln().div(2);
  const logDensity = (x: E, m: E, s: E) => x.minus(m).div(s).pow(2).div(-2).minus(s.ln()).minus(halfLogTwoPi);
  const step = new E(1).div(32);
  const sums = [0, 1, 2, 3].map(() => [new E(0), new E(0)]); // Σ w·k and Σ w·k² for KL, k1, k2, k3
  for (let i = -960; i <= 960; i++) {
    const z = step.times(i);
    const x = mp.plus(sp.times(z));
    // x ~ p: the weight is p(x) dx = φ(z) dz.
    const weight = z.pow(2).div(-2).minus(halfLogTwoPi).exp().times(step);
    const logR = logDensity(x, mq, sq).minus(logDensity(x, mp, sp));
    const values = [logR.neg(), logR.neg(), logR.times(logR).div(2), logR.exp().minus(1).minus(logR)];
    values.forEach((k, j) => {
      sums[j][0] = sums[j][0].plus(weight.times(k));
      sums[j][1] = sums[j][1].plus(weight.times(k).times(k));
    });
  }
  const kl = sums[0][0];
  const of = (j: number): Moments => ({
    mean: sums[j][0].toNumber(),
    bias: sums[j][0].minus(kl).toNumber(),
    std: sums[j][1].minus(sums[j][0].pow(2)).sqrt().toNumber(),
  });
  return { kl: kl.toNumber(), k1: of(1), k2: of(2), k3: of(3) };
}
