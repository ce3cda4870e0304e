/**
 * Monte-Carlo KL estimators used in PPO/RLHF (J. Schulman, "Approximating KL divergence", 2020).
 * Samples x ~ p, log r = ln q(x) − ln p(x):
 *   k1 = −log r                    unbiased, high variance, can be negative
 *   k2 = ½ (log r)²                biased, low variance, ≥ 0
 *   k3 = (r − 1) − log r           unbiased, low variance, ≥ 0
 */
import type { EstimatorName, EstimatorSummary } from './values';
import { expm1MinusX } from './numerics';

export const ESTIMATORS: readonly EstimatorName[] = ['k1', 'k2', 'k3'];

/** Plain math (no words to translate): the sample mean over x ~ p. */
export const ESTIMATOR_FORMULAS: Record<EstimatorName, string> = {
  k1: 'Ê_{x~p}[−log r],  r = q(x)/p(x)',
  k2: 'Ê_{x~p}[½ (log r)²],  r = q(x)/p(x)',
  k3: 'Ê_{x~p}[(r − 1) − log r],  r = q(x)/p(x)',
};

export function estimatorSample(method: EstimatorName, logRatio: number): number {
  switch (method) {
    case 'k1':
      return -logRatio;
    case 'k2':
      return 0.5 * logRatio * logRatio;
    case 'k3':
      // (eˣ − 1) − x cancels for small x; the series keeps full precision there.
      return expm1MinusX(logRatio);
  }
}

/** Mean and standard error by Welford's update (stable for long, nearly constant sequences). */
export function summarize(method: EstimatorName, logp: ArrayLike<number>, logq: ArrayLike<number>): EstimatorSummary {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < logp.length; i++) {
    const x = estimatorSample(method, logq[i] - logp[i]);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  const n = logp.length;
  if (!Number.isFinite(mean)) return { method, mean, standardError: undefined };
  const standardError = n > 1 ? Math.sqrt(Math.max(0, m2) / (n - 1) / n) : undefined;
  return { method, mean, standardError };
}
