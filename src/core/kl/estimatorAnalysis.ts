/**
 * kl_estimators(p, q): the exact behaviour of the Monte-Carlo KL estimators trainers compute
 * (J. Schulman, "Approximating KL Divergence", 2020). With x ~ p and r = q(x)/p(x):
 *   k1 = −ln r,  k2 = ½(ln r)²,  k3 = (r − 1) − ln r.
 * For each: the exact mean, its bias (mean − KL) and the per-sample standard deviation — sums over
 * outcomes for discrete pairs, closed forms (or quadrature with an error estimate) for two normals.
 */
import { CompensatedSum } from './numerics';
import { gOf, shareOf } from './logSpace';
import { normalKl } from './parametric';
import type { EstimatorMoments, EstimatorName } from './values';

/** Outcome arrays of a discrete pair: pᵢ, qᵢ and dᵢ = ln pᵢ − ln qᵢ (NaN where either is 0). */
export interface DiscretePairView {
  n: number;
  p: (i: number) => number;
  q: (i: number) => number;
  d: (i: number) => number;
  /** ln pᵢ, for outcomes whose pᵢ underflows (e^-800) but whose share of a variance does not. */
  logP: (i: number) => number;
  /**
   * The log-ratio before its constant shift (dᵢ = cᵢ − L), when known: k1's deviations dᵢ − KL are
   * then cᵢ − Σ pⱼcⱼ, without the cancellation of two numbers of the size of KL.
   */
  c?: (i: number) => number;
  /** Whether qᵢ is exactly 0 (not merely underflowed). */
  qIsZero: (i: number) => boolean;
}

export interface EstimatorTable {
  kl: number;
  estimators: Record<EstimatorName, EstimatorMoments>;
  /** Index of the first outcome with q = 0 < p (KL = ∞). */
  infiniteAt?: number;
  /** Σ q over outcomes where p = 0: samples from p never see them. */
  missingMass: number;
}

/** eᵘ − 1 − u − u²/2, by series for small |u| (the bias of k2 per outcome, with sign). */
function cubicRemainder(u: number): number {
  if (Math.abs(u) <= 0.05) {
    // Σₖ≥3 uᵏ/k!: terms fall ≥ 20× each, twelve reach 1e-20.
    return ((u * u * u) / 6) * (1 + (u / 4) * (1 + (u / 5) * (1 + (u / 6) * (1 + (u / 7) * (1 + (u / 8) * (1 + (u / 9) * (1 + (u / 10) * (1 + u / 11))))))));
  }
  return Math.expm1(u) - u - (u * u) / 2;
}

/** k3 of one outcome (r − 1 − ln r with r = e^−d) and p·k3², safe when r overflows. */
function k3Sample(d: number): number {
  return -d > 700 ? Infinity : gOf(-d);
}

export function discreteEstimatorTable(view: DiscretePairView): EstimatorTable {
  const klSum = new CompensatedSum();
  const k2Sum = new CompensatedSum();
  const k2Bias = new CompensatedSum();
  let missingMass = 0;
  for (let i = 0; i < view.n; i++) {
    const p = view.p(i);
    const q = view.q(i);
    if (view.logP(i) === -Infinity) {
      missingMass += q;
      klSum.add(q);
      continue;
    }
    if (view.qIsZero(i)) return infiniteTable(i);
    const d = view.d(i);
    klSum.add(shareOf(p, q, -d));
    k2Sum.add(0.5 * p * d * d);
    // ½d² − g(−d) = −(g(−d) − ½d²): the per-outcome bias of k2, by series where it is tiny.
    k2Bias.add(-d > 700 ? 0.5 * p * d * d - (q - p * (1 - d)) : -p * cubicRemainder(-d));
  }
  const kl = Math.max(0, klSum.value);
  const k2Mean = k2Sum.value;
  const k3Mean = kl - missingMass;
  // Second pass: std = √Σ p (k − mean)², every term ≥ 0, scaled by the largest deviation and
  // weighted by ln p: p may underflow (e^-800) and a variance of 1e-400 may, while the std does not.
  const logWeights = new Float64Array(view.n);
  const deviations = [new Float64Array(view.n), new Float64Array(view.n), new Float64Array(view.n)];
  let k3Overflow = 0;
  const c = view.c;
  const meanC = new CompensatedSum();
  if (c) for (let i = 0; i < view.n; i++) if (view.logP(i) > -Infinity) meanC.add(view.p(i) * c(i));
  for (let i = 0; i < view.n; i++) {
    const logP = view.logP(i);
    logWeights[i] = logP;
    if (logP === -Infinity) continue;
    const d = view.d(i);
    deviations[0][i] = c ? c(i) - meanC.value : d - kl;
    deviations[1][i] = 0.5 * d * d - k2Mean;
    const k3 = k3Sample(d);
    // r = q/p beyond e^700: p·k3² ≈ q²/p = exp(2 ln q − ln p); kept apart, it overflows only when it must.
    if (k3 === Infinity) k3Overflow += Math.exp(2 * Math.log(view.q(i)) - logP);
    else deviations[2][i] = k3 - k3Mean;
  }
  const [std1, std2, std3] = deviations.map((deviation) => weightedStd(logWeights, deviation));
  return {
    kl,
    missingMass,
    estimators: {
      k1: { mean: kl, bias: 0, std: std1 },
      k2: { mean: k2Mean, bias: k2Bias.value - missingMass, std: std2 },
      k3: { mean: k3Mean, bias: -missingMass, std: k3Overflow > 0 ? Math.sqrt(std3 * std3 + k3Overflow) : std3 },
    },
  };
}

/**
 * √Σ wᵢ·devᵢ² from ln wᵢ, by log-sum-exp of ln wᵢ + 2 ln|devᵢ|: a weight of e^-800 (0 as a double)
 * times a deviation of 800 still counts, and a variance of 1e-400 still has its std of 1e-200.
 */
function weightedStd(logWeights: Float64Array, deviation: Float64Array): number {
  const logTerms = new Float64Array(deviation.length).fill(-Infinity);
  let top = -Infinity;
  for (let i = 0; i < deviation.length; i++) {
    if (logWeights[i] === -Infinity || deviation[i] === 0) continue;
    if (!Number.isFinite(deviation[i])) return Infinity;
    logTerms[i] = logWeights[i] + 2 * Math.log(Math.abs(deviation[i]));
    top = Math.max(top, logTerms[i]);
  }
  if (top === -Infinity) return 0;
  const sum = new CompensatedSum();
  for (let i = 0; i < deviation.length; i++) if (logTerms[i] > -Infinity) sum.add(Math.exp(logTerms[i] - top));
  return Math.exp(0.5 * (top + Math.log(sum.value)));
}

function infiniteTable(index: number): EstimatorTable {
  const infinite: EstimatorMoments = { mean: Infinity, bias: NaN, std: Infinity };
  return { kl: Infinity, infiniteAt: index, missingMass: 0, estimators: { k1: infinite, k2: infinite, k3: infinite } };
}

export interface NormalEstimatorTable {
  kl: number;
  estimators: Record<EstimatorName, EstimatorMoments>;
  method: 'closed form' | 'quadrature';
  errorBound?: number;
}

/** ln(1 + w) − w + w²/2 (= w³/3 − w⁴/4 + …), by series near 0. */
function log1pCubic(w: number): number {
  if (Math.abs(w) <= 0.05) {
    let power = w * w * w;
    let sum = 0;
    for (let k = 3; k < 20; k++) {
      sum += (k % 2 === 1 ? power : -power) / k;
      power *= w;
    }
    return sum;
  }
  return Math.log1p(w) - w + (w * w) / 2;
}

/**
 * p = N(μp, σp²), q = N(μq, σq²). With x = μp + σp z, z ~ N(0, 1), the log-ratio is a quadratic
 * Y = ln r = A + Bz + Cz², ρ = σp/σq, δ = (μp − μq)/σq, A = ln ρ − δ²/2, B = −ρδ, C = (1 − ρ²)/2,
 * so every moment below is a Gaussian moment of a polynomial (or of e^Y).
 */
export function normalEstimatorTable(meanP: number, stdP: number, meanQ: number, stdQ: number): NormalEstimatorTable {
  const rho = stdP / stdQ;
  const delta = (meanP - meanQ) / stdQ;
  const w = ((stdP - stdQ) * (stdP + stdQ)) / (stdQ * stdQ); // ρ² − 1 without cancellation
  const A = Math.log(rho) - (delta * delta) / 2;
  const B = -rho * delta;
  const C = -w / 2;
  const kl = normalKl(meanP, stdP, meanQ, stdQ);
  const klReverse = normalKl(meanQ, stdQ, meanP, stdP);
  const varY = B * B + 2 * C * C;
  // k2 = ½Y²: E = ½(KL² + Var Y); bias rewritten so that nothing of size KL cancels (see docs).
  const k2Mean = 0.5 * (kl * kl + varY);
  const k2Bias = 0.5 * kl * kl + 0.5 * delta * delta * w + 0.5 * log1pCubic(w);
  // Var(Y²) from Y = μ + B·He₁ + C·He₂ squared in the Hermite basis: Σ aₖ² k!, all terms ≥ 0.
  const mu = -kl;
  const a1 = 2 * B * (mu + 2 * C);
  const a2 = B * B + 4 * C * C + 2 * mu * C;
  const a3 = 2 * B * C;
  const a4 = C * C;
  const varY2 = a1 * a1 + 2 * a2 * a2 + 6 * a3 * a3 + 24 * a4 * a4;
  const base = {
    kl,
    estimators: {
      k1: { mean: kl, bias: 0, std: Math.sqrt(varY) },
      k2: { mean: k2Mean, bias: k2Bias, std: 0.5 * Math.sqrt(varY2) },
      k3: { mean: kl, bias: 0, std: Infinity },
    },
  };
  // E[r²] = E_p[(q/p)²] is finite only when 2ρ² > 1; otherwise k3 (and r) have infinite variance.
  const spread = 1 - 4 * C; // 2ρ² − 1
  if (!(spread > 0)) return { ...base, method: 'closed form' };
  // Var(k3) = Var(e^Y) + Var(Y) − 2 Cov(e^Y, Y), with E[e^Y] = 1 and E[Y e^Y] = E_q[ln(q/p)] = KL(q‖p):
  // (E[e^2Y] − 1) + Var Y − 2(KL(q‖p) + KL(p‖q)).
  const secondMomentMinusOne = Math.expm1(2 * A + (2 * B * B) / spread - 0.5 * Math.log(spread));
  const parts = [secondMomentMinusOne, varY, -2 * (kl + klReverse)];
  const closed = parts[0] + parts[1] + parts[2];
  const magnitude = Math.abs(parts[0]) + Math.abs(parts[1]) + Math.abs(parts[2]);
  // Fewer than ~3 of 16 digits lost: the closed form is good to ≈ 1e-13 relative.
  if (closed > 0 && magnitude <= 1e3 * closed) {
    base.estimators.k3.std = Math.sqrt(closed);
    return { ...base, method: 'closed form' };
  }
  const integral = integrateK3Variance(A, B, C, kl);
  base.estimators.k3.std = Math.sqrt(integral.value);
  return { ...base, method: 'quadrature', errorBound: integral.error / (2 * Math.sqrt(integral.value)) };
}

/** ∫ φ(z) (k3(z) − KL)² dz over z ~ N(0, 1), a non-negative integrand (no cancellation). */
function integrateK3Variance(A: number, B: number, C: number, kl: number): { value: number; error: number } {
  const integrand = (z: number) => {
    const y = A + B * z + C * z * z;
    const k3 = gOf(y);
    return (Math.exp(-0.5 * z * z) * (k3 - kl) ** 2) / Math.sqrt(2 * Math.PI);
  };
  // Where the Gaussian weight times e^{2Cz²} falls below e^-800 the integrand is 0 in doubles.
  const decay = 0.5 - 2 * C;
  const reach = Math.min(1e3, Math.sqrt(800 / decay) + Math.abs(B) / decay);
  return adaptiveGaussKronrod(integrand, -reach, reach, 1e-14);
}

// Gauss–Kronrod 7–15 nodes and weights (QUADPACK qk15), rounded to the nearest double.
const XGK = [0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679, 0.19035057806478542, 0.20443294007529889,
  0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

function kronrod(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const center = (a + b) / 2;
  const half = (b - a) / 2;
  const fc = f(center);
  let kronrodSum = fc * WGK[7];
  let gaussSum = fc * WG[3];
  for (let j = 0; j < 7; j++) {
    const dx = half * XGK[j];
    const pair = f(center - dx) + f(center + dx);
    kronrodSum += WGK[j] * pair;
    if (j % 2 === 1) gaussSum += WG[(j - 1) / 2] * pair;
  }
  return { value: kronrodSum * half, error: Math.abs((kronrodSum - gaussSum) * half) };
}

/**
 * Adaptive bisection until the summed |K15 − G7| estimate is ≤ tolerance × |integral| (at most
 * 2,000 intervals). The returned error is that estimate, which for smooth integrands like these
 * bounds the true error by a wide margin (QUADPACK's experience).
 */
export function adaptiveGaussKronrod(f: (x: number) => number, a: number, b: number, tolerance: number): { value: number; error: number } {
  const intervals = [{ a, b, ...kronrod(f, a, b) }];
  for (let step = 0; step < 2000; step++) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < intervals.length; i++) {
      value += intervals[i].value;
      error += intervals[i].error;
      if (intervals[i].error > intervals[worst].error) worst = i;
    }
    if (error <= tolerance * Math.abs(value)) return { value, error };
    const { a: left, b: right } = intervals[worst];
    const middle = (left + right) / 2;
    intervals.splice(worst, 1, { a: left, b: middle, ...kronrod(f, left, middle) }, { a: middle, b: right, ...kronrod(f, middle, right) });
  }
  const value = intervals.reduce((sum, interval) => sum + interval.value, 0);
  return { value, error: intervals.reduce((sum, interval) => sum + interval.error, 0) };
}

/** k3's variance is unbounded for normals with 2σp² ≤ σq² (q/p grows faster than p decays). */
export function k3VarianceIsInfinite(stdP: number, stdQ: number): boolean {
  return !(2 * stdP * stdP > stdQ * stdQ);
}

/** One-line verdict on the three: unbiased ones first, then the one with the smallest spread. */
export function bestEstimator(estimators: Record<EstimatorName, EstimatorMoments>): EstimatorName {
  const names: EstimatorName[] = ['k1', 'k2', 'k3'];
  const unbiased = names.filter((name) => estimators[name].bias === 0);
  const pool = unbiased.length > 0 ? unbiased : names;
  return pool.reduce((best, name) => (estimators[name].std < estimators[best].std ? name : best), pool[0]);
}
