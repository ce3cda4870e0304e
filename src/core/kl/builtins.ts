/** The function table of the snippet language (also the source of hover docs and completions). */
import type { CallExpression } from './ast';
import {
  bernoulliFn,
  betaFn,
  categoricalFn,
  diagNormalFn,
  exponentialFn,
  logSoftmaxFn,
  meanFn,
  normalFn,
  normalizeFn,
  poissonFn,
  softmaxFn,
  sumFn,
  uniformFn,
} from './builtinDistributions';
import { klEstimatorsFn } from './builtinTokens';
import { crossEntropyFn, entropyFn, jsFn, klEstimateFn, klFn, tvFn } from './builtinMeasures';
import { kindName, type Arg } from './coerce';
import type { EvalContext } from './context';
import { klError } from './messages';
import type { KlValue } from './values';

export type BuiltinCategory = 'measure' | 'distribution' | 'math';

export interface BuiltinFunction {
  signature: string;
  /** English template; localised where shown. */
  summary: string;
  category: BuiltinCategory;
  minArgs: number;
  maxArgs: number;
  call: (args: Arg[], call: CallExpression, ctx: EvalContext) => KlValue;
}

function elementwise(name: string, apply: (x: number) => number): BuiltinFunction['call'] {
  return (args) => {
    const value = args[0].value;
    if (value.kind === 'list' || value.kind === 'discrete') {
      const values = value.kind === 'list' ? value.values : value.probs;
      return { kind: 'list', values: values.map(apply), labels: value.labels };
    }
    if (value.kind === 'number' || value.kind === 'measure' || value.kind === 'estimate') {
      const x = value.kind === 'number' ? value.value : value.kind === 'measure' ? value.value : value.mean;
      return { kind: 'number', value: apply(x) };
    }
    throw klError('kl.type', args[0].node, '{0} needs a number or a list of numbers, but this is {1}.', name, kindName(value));
  };
}

export const BUILTINS: Readonly<Record<string, BuiltinFunction>> = {
  kl: { signature: 'kl(p, q)', summary: 'Kullback–Leibler divergence D_KL(p‖q) = Σ p ln(p/q).', category: 'measure', minArgs: 2, maxArgs: 2, call: klFn },
  entropy: {
    signature: 'entropy(p)',
    summary: 'Entropy H(p) = −Σ p ln p (differential entropy for continuous families).',
    category: 'measure',
    minArgs: 1,
    maxArgs: 1,
    call: entropyFn,
  },
  cross_entropy: {
    signature: 'cross_entropy(p, q)',
    summary: 'Cross-entropy H(p, q) = −Σ p ln q = H(p) + D_KL(p‖q).',
    category: 'measure',
    minArgs: 2,
    maxArgs: 2,
    call: crossEntropyFn,
  },
  js: {
    signature: 'js(p, q)',
    summary: 'Jensen–Shannon divergence: symmetric, finite, at most ln 2.',
    category: 'measure',
    minArgs: 2,
    maxArgs: 2,
    call: jsFn,
  },
  tv: {
    signature: 'tv(p, q)',
    summary: 'Total variation distance ½ Σ |p − q| (a probability, not in nats).',
    category: 'measure',
    minArgs: 2,
    maxArgs: 2,
    call: tvFn,
  },
  kl_estimate: {
    signature: 'kl_estimate(logp, logq, "k3")',
    summary: 'Monte-Carlo estimate of D_KL(p‖q) from log-probabilities of samples drawn from p (k1, k2 or k3), with its standard error.',
    category: 'measure',
    minArgs: 2,
    maxArgs: 3,
    call: klEstimateFn,
  },
  kl_estimators: {
    signature: 'kl_estimators(p, q)',
    summary: 'Exact mean, bias and standard deviation of the k1, k2 and k3 estimators of D_KL(p‖q) for samples x ~ p (discrete or two normals).',
    category: 'measure',
    minArgs: 2,
    maxArgs: 2,
    call: klEstimatorsFn,
  },
  normalize: {
    signature: 'normalize(list)',
    summary: 'Divides a list of non-negative weights by their sum.',
    category: 'distribution',
    minArgs: 1,
    maxArgs: 1,
    call: normalizeFn,
  },
  softmax: {
    signature: 'softmax(logits, temperature)',
    summary: 'exp(x/T) / Σ exp(x/T), computed by log-sum-exp (no overflow).',
    category: 'distribution',
    minArgs: 1,
    maxArgs: 2,
    call: softmaxFn,
  },
  logits: {
    signature: 'logits(x, temperature)',
    summary: 'The distribution with these logits (or log-probabilities), kept in log space: measures stay exact for logits of any size.',
    category: 'distribution',
    minArgs: 1,
    maxArgs: 2,
    call: softmaxFn,
  },
  log_softmax: {
    signature: 'log_softmax(logits)',
    summary: 'Log-probabilities x − log Σ exp(x).',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    call: logSoftmaxFn,
  },
  uniform: { signature: 'uniform(n)', summary: 'The uniform distribution on n outcomes.', category: 'distribution', minArgs: 1, maxArgs: 1, call: uniformFn },
  categorical: {
    signature: 'categorical([...])',
    summary: 'A discrete distribution from probabilities (a list or {label: p}).',
    category: 'distribution',
    minArgs: 1,
    maxArgs: 1,
    call: categoricalFn,
  },
  bernoulli: {
    signature: 'bernoulli(p)',
    summary: 'The distribution on {0, 1} with P(1) = p.',
    category: 'distribution',
    minArgs: 1,
    maxArgs: 1,
    call: bernoulliFn,
  },
  normal: {
    signature: 'normal(mean, std)',
    summary: 'The normal distribution N(mean, std²).',
    category: 'distribution',
    minArgs: 2,
    maxArgs: 2,
    call: normalFn,
  },
  diag_normal: {
    signature: 'diag_normal([means], [stds])',
    summary: 'A multivariate normal with diagonal covariance.',
    category: 'distribution',
    minArgs: 2,
    maxArgs: 2,
    call: diagNormalFn,
  },
  exponential: {
    signature: 'exponential(rate)',
    summary: 'The exponential distribution with rate λ.',
    category: 'distribution',
    minArgs: 1,
    maxArgs: 1,
    call: exponentialFn,
  },
  poisson: { signature: 'poisson(rate)', summary: 'The Poisson distribution with rate λ.', category: 'distribution', minArgs: 1, maxArgs: 1, call: poissonFn },
  beta: { signature: 'beta(alpha, beta)', summary: 'The beta distribution Beta(α, β).', category: 'distribution', minArgs: 2, maxArgs: 2, call: betaFn },
  sum: { signature: 'sum(list)', summary: 'The (compensated) sum of a list.', category: 'math', minArgs: 1, maxArgs: 1, call: sumFn },
  mean: { signature: 'mean(list)', summary: 'The mean of a list (e.g. the mean per-token KL).', category: 'math', minArgs: 1, maxArgs: 1, call: meanFn },
  log: {
    signature: 'log(x)',
    summary: 'Natural logarithm (element-wise on lists).',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    call: elementwise('log', Math.log),
  },
  log2: {
    signature: 'log2(x)',
    summary: 'Base-2 logarithm (element-wise on lists).',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    call: elementwise('log2', Math.log2),
  },
  exp: { signature: 'exp(x)', summary: 'Exponential (element-wise on lists).', category: 'math', minArgs: 1, maxArgs: 1, call: elementwise('exp', Math.exp) },
  sqrt: {
    signature: 'sqrt(x)',
    summary: 'Square root (element-wise on lists).',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    call: elementwise('sqrt', Math.sqrt),
  },
  abs: {
    signature: 'abs(x)',
    summary: 'Absolute value (element-wise on lists).',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    call: elementwise('abs', Math.abs),
  },
};

/** Functions whose call, alone in an inline code span, is evaluated as a snippet. */
export const INLINE_SNIPPET_FUNCTIONS: ReadonlySet<string> = new Set(['kl', 'entropy', 'cross_entropy', 'js', 'tv', 'kl_estimate', 'kl_estimators']);

export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, inf: Infinity, ln2: Math.LN2 };

export function getBuiltin(name: string): BuiltinFunction | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
}

/** The closest known name, for "did you mean" (Levenshtein distance ≤ 2). */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) >= bestDistance || name.length > 64) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
