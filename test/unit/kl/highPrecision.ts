/**
 * A reference implementation in exact rational / 60-digit (or more) fixed-point arithmetic (BigInt), used to
 * check the evaluator's doubles to 1e-12 relative error. Doubles are converted exactly to
 * rationals m·2^e, so the reference answers for precisely the inputs the evaluator saw.
 */
/** 60 digits by default; `withDigits(340)` for probabilities down to 1e-300. */
let DIGITS = 60;
let ONE = 10n ** 60n;
let LN2 = 0n;

export function withDigits<T>(digits: number, run: () => T): T {
  const saved = [DIGITS, ONE, LN2] as const;
  DIGITS = digits;
  ONE = 10n ** BigInt(digits);
  LN2 = 2n * atanhFixed(ONE / 3n);
  try {
    return run();
  } finally {
    [DIGITS, ONE, LN2] = saved;
  }
}

export interface Rational {
  num: bigint;
  den: bigint;
}

export function exact(x: number): Rational {
  if (!Number.isFinite(x)) throw new Error('finite only');
  if (x === 0) return { num: 0n, den: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  return power >= 0 ? { num: sign * mantissa * (1n << BigInt(power)), den: 1n } : { num: sign * mantissa, den: 1n << BigInt(-power) };
}

/** atanh(z)·ONE for a fixed-point z with |z| ≤ 1/3 (the series then gains a digit per term). */
function atanhFixed(z: bigint): bigint {
  const z2 = (z * z) / ONE;
  let power = z;
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = (power * z2) / ONE;
  }
  return sum;
}

LN2 = 2n * atanhFixed(ONE / 3n);

/** ln(num/den)·ONE for a positive rational. */
export function lnFixed(num: bigint, den: bigint): bigint {
  if (num <= 0n || den <= 0n) throw new Error('positive only');
  // Reduce to y = num / (den·2^k) in [1, 2).
  let k = BigInt(num.toString(2).length - den.toString(2).length);
  const atLeast = (power: bigint) => (power >= 0n ? num >= den << power : num << -power >= den);
  if (!atLeast(k)) k -= 1n;
  const scaledNum = k >= 0n ? num : num << -k;
  const scaledDen = k >= 0n ? den << k : den;
  const z = ((scaledNum - scaledDen) * ONE) / (scaledNum + scaledDen);
  return k * LN2 + 2n * atanhFixed(z);
}

export function toNumber(fixed: bigint): number {
  const negative = fixed < 0n;
  const digits = (negative ? -fixed : fixed).toString();
  return Number(`${negative ? '-' : ''}${digits}e-${DIGITS}`);
}

export function rationalToFixed(r: Rational): bigint {
  return (r.num * ONE) / r.den;
}

/** Σ pᵢ ln(pᵢ/qᵢ) in fixed point, for exact double inputs. */
export function referenceKl(p: readonly number[], q: readonly number[]): number {
  let sum = 0n;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    const pi = exact(p[i]);
    const qi = exact(q[i]);
    sum += (pi.num * lnFixed(pi.num * qi.den, pi.den * qi.num)) / pi.den;
  }
  return toNumber(sum);
}

export function referenceEntropy(p: readonly number[]): number {
  let sum = 0n;
  for (const x of p) {
    if (x === 0) continue;
    const r = exact(x);
    sum -= (r.num * lnFixed(r.num, r.den)) / r.den;
  }
  return toNumber(sum);
}

/** ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½ in fixed point. */
export function referenceNormalKl(mean1: number, std1: number, mean2: number, std2: number): number {
  const s1 = exact(std1);
  const s2 = exact(std2);
  const m1 = exact(mean1);
  const m2 = exact(mean2);
  const log = lnFixed(s2.num * s1.den, s2.den * s1.num);
  // (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) as one rational.
  const dNum = m1.num * m2.den - m2.num * m1.den;
  const dDen = m1.den * m2.den;
  const numerator = s1.num * s1.num * dDen * dDen + dNum * dNum * s1.den * s1.den;
  const denominator = s1.den * s1.den * dDen * dDen;
  const quotient = (numerator * s2.den * s2.den * ONE) / (denominator * 2n * s2.num * s2.num);
  return toNumber(log + quotient - ONE / 2n);
}
