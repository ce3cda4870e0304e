/**
 * Turning argument values into what a function needs, with errors placed on the culprit: the
 * offending list entry when it was written in the call, otherwise the argument itself.
 */
import type { Expr } from './ast';
import type { EvalContext } from './context';
import { klError, type LocalizedArg, type Span } from './messages';
import { MAX_VECTOR_LENGTH, NORMALIZATION_TOLERANCE } from './limits';
import { neumaierSum } from './numerics';
import { probabilitiesOf, type LogProbabilities } from './logSpace';
import { scalarOf, type DiscreteDistribution, type DistributionValue, type KlValue, type ListValue } from './values';

export interface Arg {
  value: KlValue;
  node: Expr;
}

export function kindName(value: KlValue): LocalizedArg {
  switch (value.kind) {
    case 'number':
      return { template: 'a number' };
    case 'string':
      return { template: 'a string' };
    case 'list':
      return { template: 'a list' };
    case 'discrete':
      return { template: 'a discrete distribution' };
    case 'parametric':
      return { template: 'a parametric distribution' };
    case 'measure':
      return { template: 'a divergence value' };
    case 'estimate':
      return { template: 'an estimate' };
    case 'matrix':
      return { template: 'a list of lists' };
    case 'rows':
      return { template: 'a list of distributions (one per token)' };
    case 'tokens':
      return { template: 'per-token values' };
    case 'estimators':
      return { template: 'an estimator comparison' };
  }
}

/** The argument as written, shortened for messages. */
export function argText(arg: Arg, ctx: EvalContext): string {
  const text = ctx.textOf(arg.node).replace(/\s+/g, ' ');
  return text.length > 32 ? text.slice(0, 29) + '…' : text;
}

export function expectNumber(arg: Arg): number {
  const value = scalarOf(arg.value);
  if (value === undefined) {
    throw klError('kl.type', arg.node, 'Expected a number here, but this is {0}.', kindName(arg.value));
  }
  return value;
}

export function expectFiniteNumber(arg: Arg): number {
  const value = expectNumber(arg);
  if (!Number.isFinite(value)) throw klError('kl.domain', arg.node, 'Expected a finite number here, but this is {0}.', value);
  return value;
}

export function expectString(arg: Arg): string {
  if (arg.value.kind !== 'string') {
    throw klError('kl.type', arg.node, 'Expected a quoted string here, but this is {0}.', kindName(arg.value));
  }
  return arg.value.value;
}

export function expectList(arg: Arg): ListValue {
  if (arg.value.kind === 'list') return arg.value;
  if (arg.value.kind === 'tokens') return { kind: 'list', values: arg.value.perToken };
  throw klError('kl.type', arg.node, 'Expected a list of numbers here, but this is {0}.', kindName(arg.value));
}

/** Where entry `index` of a list argument was written, if inside this argument; else the argument. */
export function entrySpan(list: ListValue, index: number, arg: Arg): Span {
  const span = list.entrySpan?.(index);
  if (span && span.start >= arg.node.start && span.end <= arg.node.end) return span;
  return arg.node;
}

export function outcomeName(labels: readonly string[] | undefined, outcomeNames: readonly string[] | undefined, index: number): string {
  if (labels) return labels[index];
  if (outcomeNames) return outcomeNames[index];
  return `#${index + 1}`;
}

export function checkLength(length: number, span: Span): void {
  if (length > MAX_VECTOR_LENGTH) {
    throw klError('kl.too-large', span, 'This has {0} entries; the limit is {1}.', length, MAX_VECTOR_LENGTH);
  }
}

/**
 * A list as a discrete distribution: non-empty, no negative/NaN/infinite entries, a positive sum;
 * a sum off 1 by more than 1e-9 is a warning (an error when strict) and the list is normalised.
 */
export function listToDiscrete(list: ListValue, arg: Arg, ctx: EvalContext, options: { quietNormalization?: boolean } = {}): DiscreteDistribution {
  const values = list.values;
  const text = argText(arg, ctx);
  if (values.length === 0) throw klError('kl.empty', arg.node, '“{0}” is empty: a distribution needs at least one outcome.', text);
  checkLength(values.length, arg.node);
  ctx.budget.charge(values.length, arg.node);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value >= 0 && value < Infinity) continue;
    const span = entrySpan(list, i, arg);
    const outcome = outcomeName(list.labels, undefined, i);
    if (Number.isNaN(value)) throw klError('kl.nan', span, 'Outcome {0} of “{1}” is not a number (NaN).', outcome, text);
    if (value < 0) throw klError('kl.negative', span, 'Outcome {0} of “{1}” has the negative probability {2}.', outcome, text, value);
    throw klError('kl.not-finite', span, 'Outcome {0} of “{1}” is infinite; probabilities must be finite.', outcome, text);
  }
  const sum = neumaierSum(values);
  if (sum === 0) throw klError('kl.zero-sum', arg.node, 'All probabilities of “{0}” are 0; a distribution needs a positive total.', text);
  if (!Number.isFinite(sum)) throw klError('kl.not-finite', arg.node, 'The probabilities of “{0}” add up to more than the largest double.', text);
  if (Math.abs(sum - 1) > NORMALIZATION_TOLERANCE && !options.quietNormalization) {
    ctx.warnOrFail('kl.unnormalized', arg.node, '“{0}” sums to {1}, not 1; it was normalised (divided by {1}).', text, sum);
  }
  const probs = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) probs[i] = sum === 1 ? values[i] : values[i] / sum;
  return { kind: 'discrete', probs, labels: list.labels, origin: ctx.textOf(arg.node) };
}

export function toDistribution(arg: Arg, ctx: EvalContext): DistributionValue {
  const value = arg.value;
  if (value.kind === 'discrete' || value.kind === 'parametric') return value;
  if (value.kind === 'list' && value.logProbabilities) return logDistribution(value.logProbabilities, ctx.textOf(arg.node), value.labels);
  if (value.kind === 'list') return listToDiscrete(value, arg, ctx);
  throw klError('kl.type', arg.node, 'Expected a distribution here, but this is {0}.', kindName(value));
}

export interface AlignedPair {
  p: Float64Array;
  q: Float64Array;
  outcome: (index: number) => string;
  /** q's index for each of p's outcomes, when matching by label reordered q. */
  qOrder?: Int32Array;
}

export function outcomeNamer(p: DiscreteDistribution, q?: DiscreteDistribution): (index: number) => string {
  const labels = p.labels;
  const names = p.outcomeNames ?? q?.outcomeNames;
  return (index) => outcomeName(labels, names, index);
}

/** Puts q's probabilities in p's outcome order: by label when both are labelled, else by position. */
export function alignDiscrete(p: DiscreteDistribution, q: DiscreteDistribution, pArg: Arg, qArg: Arg, ctx: EvalContext): AlignedPair {
  const pText = argText(pArg, ctx);
  const qText = argText(qArg, ctx);
  const outcome = outcomeNamer(p, q);
  if (!p.labels !== !q.labels) {
    const unlabelled = p.labels ? qArg : pArg;
    throw klError(
      'kl.label-mismatch',
      unlabelled.node,
      '“{0}” has labels but “{1}” has none: label both or neither.',
      p.labels ? pText : qText,
      p.labels ? qText : pText,
    );
  }
  if (!p.labels || !q.labels) {
    if (p.probs.length !== q.probs.length) {
      throw klError('kl.length-mismatch', qArg.node, '“{0}” has {1} outcomes but “{2}” has {3}.', pText, p.probs.length, qText, q.probs.length);
    }
    return { p: p.probs, q: q.probs, outcome };
  }
  const pLabels = new Set(p.labels);
  // A label of q that p lacks is most likely the typo: report it first, at the label itself.
  for (const label of q.labels) {
    if (!pLabels.has(label)) {
      throw klError('kl.label-mismatch', labelSpanIn(qArg, label) ?? qArg.node, 'The label “{0}” of “{1}” does not occur in “{2}”.', label, qText, pText);
    }
  }
  const qIndex = new Map<string, number>();
  q.labels.forEach((label, i) => qIndex.set(label, i));
  const aligned = new Float64Array(p.probs.length);
  const qOrder = new Int32Array(p.probs.length);
  for (let i = 0; i < p.labels.length; i++) {
    const j = qIndex.get(p.labels[i]);
    if (j === undefined) {
      throw klError('kl.label-mismatch', qArg.node, 'The label “{0}” of “{1}” is missing from “{2}”.', p.labels[i], pText, qText);
    }
    aligned[i] = q.probs[j];
    qOrder[i] = j;
  }
  return { p: p.probs, q: aligned, outcome, qOrder };
}

/** The label's position when the argument is a labelled literal written in the call. */
function labelSpanIn(arg: Arg, label: string): Span | undefined {
  const node = arg.node;
  if (node.type === 'labelled') return node.entries.find((entry) => entry.label === label)?.labelSpan;
  if (node.type === 'call') {
    for (const inner of node.args) {
      if (inner.type === 'labelled') return inner.entries.find((entry) => entry.label === label)?.labelSpan;
    }
  }
  return undefined;
}

/** A distribution kept in log space; its probabilities are computed only if something reads them. */
export function logDistribution(log: LogProbabilities, origin: string, labels?: readonly string[]): DiscreteDistribution {
  let probs: Float64Array | undefined;
  return {
    kind: 'discrete',
    get probs() {
      return (probs ??= probabilitiesOf(log));
    },
    labels,
    origin,
    log,
  };
}
