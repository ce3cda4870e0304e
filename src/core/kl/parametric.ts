/**
 * Closed forms for parametric families. KL is only defined here between members of the same
 * family (the cross-family cases are mostly infinite or need integration).
 */
import { CompensatedSum, digamma, klNonNegativeTerm, logBeta, logGamma, minusLog1pPlusX } from './numerics';
import type { ParametricDistribution } from './values';

export interface ClosedForm {
  value: number;
  formula: string;
}

const HALF_LOG_TWO_PI_E = 0.5 * (1 + Math.log(2 * Math.PI));

/**
 * KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½, rewritten with
 * u = σ₁/σ₂ − 1 as ½u² + (u − ln(1 + u)) + ½((μ₁ − μ₂)/σ₂)² so that σ₁ ≈ σ₂ does not cancel.
 */
export function normalKl(mean1: number, std1: number, mean2: number, std2: number): number {
  const u = (std1 - std2) / std2;
  const z = (mean1 - mean2) / std2;
  return 0.5 * u * u + minusLog1pPlusX(u) + 0.5 * z * z;
}

export function normalEntropy(std: number): number {
  return HALF_LOG_TWO_PI_E + Math.log(std);
}

/** KL(Exp(λ₁) ‖ Exp(λ₂)) = ln(λ₁/λ₂) + λ₂/λ₁ − 1 = t − 1 − ln t with t = λ₂/λ₁. */
export function exponentialKl(rate1: number, rate2: number): number {
  return minusLog1pPlusX((rate2 - rate1) / rate1);
}

/** KL(Pois(λ₁) ‖ Pois(λ₂)) = λ₁ ln(λ₁/λ₂) − λ₁ + λ₂ (the same non-negative term as the discrete sum). */
export function poissonKl(rate1: number, rate2: number): number {
  return klNonNegativeTerm(rate1, rate2);
}

/** −Σₖ P(k) ln P(k), summed over the range holding all but ~1e-300 of the mass. */
export function poissonEntropy(rate: number): number {
  if (rate > 1e5) {
    // Asymptotic expansion; its first omitted term is below 1e-17 here.
    const inv = 1 / rate;
    return 0.5 * Math.log(2 * Math.PI * Math.E * rate) - inv / 12 - (inv * inv) / 24 - (19 * inv * inv * inv) / 360;
  }
  const spread = 40 * Math.sqrt(rate) + 40;
  const low = Math.max(0, Math.floor(rate - spread));
  const high = Math.ceil(rate + spread);
  const logRate = Math.log(rate);
  const sum = new CompensatedSum();
  for (let k = low; k <= high; k++) {
    const logP = k * logRate - rate - logGamma(k + 1);
    const p = Math.exp(logP);
    if (p > 0) sum.add(-p * logP);
  }
  return sum.value;
}

/** KL(Beta(α₁, β₁) ‖ Beta(α₂, β₂)) from ln B and ψ. */
export function betaKl(alpha1: number, beta1: number, alpha2: number, beta2: number): number {
  const value =
    logBeta(alpha2, beta2) -
    logBeta(alpha1, beta1) +
    (alpha1 - alpha2) * digamma(alpha1) +
    (beta1 - beta2) * digamma(beta1) +
    (alpha2 - alpha1 + beta2 - beta1) * digamma(alpha1 + beta1);
  return Math.max(0, value);
}

export function betaEntropy(alpha: number, beta: number): number {
  return logBeta(alpha, beta) - (alpha - 1) * digamma(alpha) - (beta - 1) * digamma(beta) + (alpha + beta - 2) * digamma(alpha + beta);
}

/** KL between two members of the same family; undefined when the families (or dimensions) differ. */
export function parametricKl(p: ParametricDistribution, q: ParametricDistribution): ClosedForm | undefined {
  if (p.family === 'normal' && q.family === 'normal') {
    return { value: normalKl(p.mean, p.std, q.mean, q.std), formula: 'ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½' };
  }
  if (p.family === 'diag_normal' && q.family === 'diag_normal') {
    if (p.means.length !== q.means.length) return undefined;
    const sum = new CompensatedSum();
    for (let j = 0; j < p.means.length; j++) sum.add(normalKl(p.means[j], p.stds[j], q.means[j], q.stds[j]));
    return { value: sum.value, formula: 'Σⱼ [ln(σ₂ⱼ/σ₁ⱼ) + (σ₁ⱼ² + (μ₁ⱼ − μ₂ⱼ)²)/(2σ₂ⱼ²) − ½]' };
  }
  if (p.family === 'exponential' && q.family === 'exponential') {
    return { value: exponentialKl(p.rate, q.rate), formula: 'ln(λ₁/λ₂) + λ₂/λ₁ − 1' };
  }
  if (p.family === 'poisson' && q.family === 'poisson') {
    return { value: poissonKl(p.rate, q.rate), formula: 'λ₁ ln(λ₁/λ₂) − λ₁ + λ₂' };
  }
  if (p.family === 'beta' && q.family === 'beta') {
    return {
      value: betaKl(p.alpha, p.beta, q.alpha, q.beta),
      formula: 'ln B(α₂,β₂) − ln B(α₁,β₁) + (α₁−α₂)ψ(α₁) + (β₁−β₂)ψ(β₁) + (α₂−α₁+β₂−β₁)ψ(α₁+β₁)',
    };
  }
  return undefined;
}

/** Differential entropy for continuous families, Shannon entropy for Poisson. */
export function parametricEntropy(p: ParametricDistribution): ClosedForm {
  switch (p.family) {
    case 'normal':
      return { value: normalEntropy(p.std), formula: '½ ln(2πe σ²)' };
    case 'diag_normal': {
      const sum = new CompensatedSum();
      for (let j = 0; j < p.stds.length; j++) sum.add(normalEntropy(p.stds[j]));
      return { value: sum.value, formula: 'Σⱼ ½ ln(2πe σⱼ²)' };
    }
    case 'exponential':
      return { value: 1 - Math.log(p.rate), formula: '1 − ln λ' };
    case 'poisson':
      return { value: poissonEntropy(p.rate), formula: '−Σₖ P(k) ln P(k)' };
    case 'beta':
      return { value: betaEntropy(p.alpha, p.beta), formula: 'ln B(α,β) − (α−1)ψ(α) − (β−1)ψ(β) + (α+β−2)ψ(α+β)' };
  }
}

export function describeParametric(p: ParametricDistribution): string {
  switch (p.family) {
    case 'normal':
      return `normal(μ = ${p.mean}, σ = ${p.std})`;
    case 'diag_normal':
      return `diag_normal(${p.means.length} dimensions)`;
    case 'exponential':
      return `exponential(λ = ${p.rate})`;
    case 'poisson':
      return `poisson(λ = ${p.rate})`;
    case 'beta':
      return `beta(α = ${p.alpha}, β = ${p.beta})`;
  }
}
