/** Runtime values of the KL snippet language. */
import type { LogProbabilities } from './logSpace';
import type { Span } from './messages';

export interface NumberValue {
  kind: 'number';
  value: number;
}

export interface StringValue {
  kind: 'string';
  value: string;
}

/** A list of numbers (optionally labelled) that is not yet known to be a distribution. */
export interface ListValue {
  kind: 'list';
  values: Float64Array;
  labels?: readonly string[];
  /**
   * Where entry `index` was written, when the list came from a literal (for errors at the
   * culprit). A function, so a long numeric literal finds its entry offsets only when one is asked for.
   */
  entrySpan?: (index: number) => Span | undefined;
  /** Set when the entries are log-probabilities (log_softmax): as a distribution it stays in log space. */
  logProbabilities?: LogProbabilities;
}

/** A list of lists of numbers of one width (`[[…], […]]`): one row per token. */
export interface MatrixValue {
  kind: 'matrix';
  rows: ListValue[];
  /** Where row `index` was written, when it came from a literal. */
  rowSpan?: (index: number) => Span | undefined;
}

/** One distribution per token (softmax of a matrix of logits). */
export interface DistributionRows {
  kind: 'rows';
  rows: DiscreteDistribution[];
  rowSpan?: (index: number) => Span | undefined;
  origin: string;
}

export interface DiscreteDistribution {
  kind: 'discrete';
  /** Normalised probabilities (Σ = 1 up to rounding). */
  probs: Float64Array;
  /** Outcome labels, matched by label between distributions. */
  labels?: readonly string[];
  /** Display names of unlabelled outcomes (e.g. 0 and 1 for bernoulli); never used for matching. */
  outcomeNames?: readonly string[];
  /** How it was built, for hovers: `softmax([2, 1, 0.1])`, `[0.2, 0.8]`. */
  origin: string;
  /** Made from logits or log-probabilities: the measures work on these, not on `probs` (issue #12). */
  log?: LogProbabilities;
}

export type ParametricDistribution =
  | { kind: 'parametric'; family: 'normal'; mean: number; std: number }
  | { kind: 'parametric'; family: 'diag_normal'; means: Float64Array; stds: Float64Array }
  | { kind: 'parametric'; family: 'exponential'; rate: number }
  | { kind: 'parametric'; family: 'poisson'; rate: number }
  | { kind: 'parametric'; family: 'beta'; alpha: number; beta: number };

export type DistributionValue = DiscreteDistribution | ParametricDistribution;

export type MeasureName = 'kl' | 'entropy' | 'cross_entropy' | 'js' | 'tv';

/**
 * Each outcome's share of a discrete measure (the hover's term-by-term table), stored by column
 * so a million outcomes cost three typed arrays rather than a million objects.
 */
export interface TermTable {
  p: ArrayLike<number>;
  q?: ArrayLike<number>;
  contribution: Float64Array;
  outcome: (index: number) => string;
}

export interface InfiniteReason {
  outcome: string;
  p: number;
}

/** The result of kl/entropy/cross_entropy/js/tv with what the hover needs to explain it. */
export interface MeasureValue {
  kind: 'measure';
  measure: MeasureName;
  /** In nats for information measures; a probability for tv. */
  value: number;
  informational: boolean;
  /** The formula actually computed, in plain text (`Σᵢ pᵢ ln(pᵢ/qᵢ)`, a closed form). */
  formula: string;
  p: DistributionValue;
  q?: DistributionValue;
  /** Source text of the arguments (`p`, `[0.5, 0.5]`), for display. */
  pText: string;
  qText?: string;
  terms?: TermTable;
  /** D_KL(q‖p) beside D_KL(p‖q): the asymmetry made visible. */
  reverse?: { value: number; infinite?: InfiniteReason };
  infinite?: InfiniteReason;
}

export type EstimatorName = 'k1' | 'k2' | 'k3';

export interface EstimatorSummary {
  method: EstimatorName;
  mean: number;
  /** Standard error of the mean; undefined with a single sample. */
  standardError?: number;
}

/** A Monte-Carlo estimate of KL(p‖q) from log-probabilities of samples drawn from p. */
export interface EstimateValue {
  kind: 'estimate';
  method: EstimatorName;
  mean: number;
  standardError?: number;
  samples: number;
  /** All three estimators on the same samples, for comparison in the hover. */
  all: EstimatorSummary[];
}

/** Exact mean, bias and per-sample standard deviation of one estimator under x ~ p. */
export interface EstimatorMoments {
  mean: number;
  /** mean − KL; NaN when both are ∞. */
  bias: number;
  std: number;
}

/** kl_estimators(p, q): how k1, k2 and k3 behave for this pair (J. Schulman's table, exact). */
export interface EstimatorsValue {
  kind: 'estimators';
  kl: number;
  estimators: Record<EstimatorName, EstimatorMoments>;
  /** 'exact sums' (discrete), 'closed form' or 'quadrature' (normals; with `errorBound`). */
  method: 'exact sums' | 'closed form' | 'quadrature';
  /** Bound on the absolute error of the std of k3 when it was integrated numerically. */
  errorBound?: number;
  pText: string;
  qText: string;
  /** The outcome with q = 0 < p, when KL is ∞. */
  infinite?: InfiniteReason;
  /** Mass of q outside p's support: samples from p never see it, so k3 is biased by −this much. */
  missingMass?: number;
}

/** kl over rows of distributions: one value per token, their sum (the sequence KL) and mean. */
export interface TokenMeasureValue {
  kind: 'tokens';
  measure: 'kl';
  perToken: Float64Array;
  sum: number;
  mean: number;
  pText: string;
  qText: string;
  /** The first token whose KL is ∞, and why. */
  infinite?: InfiniteReason & { token: number };
}

export type KlValue =
  | NumberValue
  | StringValue
  | ListValue
  | MatrixValue
  | DiscreteDistribution
  | DistributionRows
  | ParametricDistribution
  | MeasureValue
  | EstimateValue
  | EstimatorsValue
  | TokenMeasureValue;

/** Measures and estimates take part in arithmetic as their number (`L = L_policy − β·kl(p, q)`). */
export function scalarOf(value: KlValue): number | undefined {
  switch (value.kind) {
    case 'number':
      return value.value;
    case 'measure':
      return value.value;
    case 'estimate':
      return value.mean;
    case 'estimators':
      return value.kl;
    default:
      return undefined;
  }
}
