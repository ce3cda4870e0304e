/** The markdown of a hover: a result explained (formula, terms, reverse KL, why ∞, warnings) or a name. */
import type { Binding, KlOptions } from './context';
import { ESTIMATOR_FORMULAS } from './estimate';
import { contributionHeader, formatInformation, largestTerms, measureSymbol, measureValueMarkdown, reverseSymbol } from './explain';
import { formatList, formatNumber } from './format';
import { cell, codeSpan, escapeMarkdown } from './markdownText';
import { localizeMessage, type KlMessage } from './messages';
import { CompensatedSum, neumaierSum } from './numerics';
import { describeParametric } from './parametric';
import type { Localize } from '../text';
import type { DistributionRows, DistributionValue, EstimateValue, EstimatorsValue, KlValue, MeasureValue, TermTable, TokenMeasureValue } from './values';
import {
  estimatorHeader,
  estimatorNotes,
  estimatorRows,
  estimatorsHeadline,
  estimatorVerdict,
  largestTokenLines,
  tokenBarsSvg,
  tokensHeadline,
} from './explainPolicies';
import { NORMALIZATION_TOLERANCE } from './limits';

/** Tables longer than this show only their largest terms. */
const TABLE_ROWS = 12;

export function valueMarkdown(value: KlValue, options: KlOptions, t: Localize): string[] {
  switch (value.kind) {
    case 'measure':
      return measureMarkdown(value, options, t);
    case 'estimate':
      return estimateMarkdown(value, options, t);
    case 'number':
      return [`**${formatNumber(value.value, 12)}**`];
    case 'string':
      return [codeSpan(JSON.stringify(value.value))];
    case 'list':
      return listAsDistribution(value.values, value.labels, t);
    case 'discrete':
    case 'parametric':
      return distributionMarkdown(value, t);
    case 'estimators':
      return estimatorsMarkdown(value, options, t);
    case 'tokens':
      return tokensMarkdown(value, options, t);
    case 'matrix':
      return [t('A list of {0} rows of {1} numbers each.', value.rows.length, value.rows[0]?.values.length ?? 0)];
    case 'rows':
      return [t('{0} distributions (one per token) over {1} outcomes each.', value.rows.length, rowWidth(value))];
  }
}

function rowWidth(value: DistributionRows): number {
  const first = value.rows[0];
  if (!first) return 0;
  return first.log ? first.log.logits.length : first.probs.length;
}

function markdownTable(header: string[], rows: string[][], align: string[]): string {
  return [`| ${header.map(cell).join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

/** kl_estimators: the true KL, the k1/k2/k3 table, a verdict and how it was computed. */
function estimatorsMarkdown(value: EstimatorsValue, options: KlOptions, t: Localize): string[] {
  const table = markdownTable(estimatorHeader(t), estimatorRows(value), [':--', ':--', '--:', '--:', '--:', '--:']);
  return [
    `**${escapeMarkdown(estimatorsHeadline(value, options, t))}**`,
    table,
    `**${escapeMarkdown(estimatorVerdict(value, t))}**`,
    ...estimatorNotes(value, t).map(escapeMarkdown),
  ];
}

const TOKEN_ROWS = 8;

/** Per-token KL: headline, the bar chart (an SVG image) and the largest tokens. */
function tokensMarkdown(value: TokenMeasureValue, options: KlOptions, t: Localize): string[] {
  const svg = tokenBarsSvg(value, t, false);
  const image = `![${escapeMarkdown(t('Per-token KL: one bar per token'))}](data:image/svg+xml;base64,${base64(svg)})`;
  const rows = largestTokenLines(value, TOKEN_ROWS).map((line) => [`t${line.token}`, line.value, line.share]);
  const parts = [
    `**${escapeMarkdown(tokensHeadline(value, options, t))}**`,
    image,
    markdownTable([t('token'), 'D_KL(pₜ ‖ qₜ)', t('share')], rows, [':--', '--:', '--:']),
  ];
  if (rows.length < value.perToken.length)
    parts.push(
      t('The {0} largest of {1} tokens; index the result (0-based) for any other, e.g. {2}.', rows.length, value.perToken.length, codeSpan('kl(P, Q)[0]')),
    );
  if (value.infinite) {
    parts.push(
      t(
        'Token {0} is ∞: q gives outcome {1} probability 0 while p gives it {2}.',
        value.infinite.token,
        escapeMarkdown(value.infinite.outcome),
        formatNumber(value.infinite.p),
      ),
    );
  }
  return parts;
}

/** UTF-8 base64 without Node's Buffer (the core also runs in the browser bundle). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

function distributionMarkdown(value: DistributionValue, t: Localize): string[] {
  if (value.kind === 'parametric') return [t('Distribution: {0}', codeSpan(describeParametric(value)))];
  return [t('Discrete distribution with {0} outcomes: {1}', value.probs.length, codeSpan(formatList(value.probs, value.labels ?? value.outcomeNames)))];
}

function measureMarkdown(value: MeasureValue, options: KlOptions, t: Localize): string[] {
  const parts = [`${codeSpan(measureSymbol(value))} = ${measureValueMarkdown(value, options, t)}`];
  parts.push(t('Computed as {0}', codeSpan(value.formula)));
  if (value.p.kind === 'parametric') {
    const q = value.q?.kind === 'parametric' ? ` ‖ ${describeParametric(value.q)}` : '';
    parts.push(codeSpan(describeParametric(value.p) + q));
  }
  if (value.measure === 'entropy' && value.p.kind === 'parametric' && value.p.family !== 'poisson') {
    parts.push(t('This is a differential entropy: it can be negative and depends on the units of x.'));
  }
  if (value.infinite) {
    parts.push(
      t(
        '**Why ∞:** q gives outcome {0} probability 0 while p gives it {1}, so the term p·ln(p/q) is +∞: p puts mass where q has none (the supports do not overlap there).',
        escapeMarkdown(value.infinite.outcome),
        formatNumber(value.infinite.p),
      ),
    );
  }
  if (value.terms) parts.push(termTable(value.terms, value, t));
  if (value.reverse) {
    const reverseValue = formatInformation(value.reverse.value, options, t);
    parts.push(t('Reverse: {0} = {1}. KL is not symmetric.', codeSpan(reverseSymbol(value)), reverseValue));
    if (value.reverse.infinite) {
      parts.push(
        t(
          'The reverse is ∞ because p gives outcome {0} probability 0 while q gives it {1}.',
          escapeMarkdown(value.reverse.infinite.outcome),
          formatNumber(value.reverse.infinite.p),
        ),
      );
    }
  }
  return parts;
}

function termTable(terms: TermTable, value: MeasureValue, t: Localize): string {
  const indices = largestTerms(terms, terms.contribution.length > TABLE_ROWS ? TABLE_ROWS - 2 : TABLE_ROWS);
  const hasQ = terms.q !== undefined;
  const header = [t('outcome'), 'p', ...(hasQ ? ['q'] : []), escapeMarkdown(contributionHeader(value.measure))];
  const rows = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ':--' : '--:')).join('|')}|`];
  for (const i of indices) {
    const cells = [cell(terms.outcome(i)), formatNumber(terms.p[i]), ...(terms.q ? [formatNumber(terms.q[i])] : []), formatNumber(terms.contribution[i])];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  const total = terms.contribution.length;
  if (indices.length < total) {
    const shown = new Set(indices);
    const rest = new CompensatedSum();
    for (let i = 0; i < total; i++) if (!shown.has(i)) rest.add(terms.contribution[i]);
    rows.push(
      '',
      t('Showing the {0} largest of {1} terms; the other {2} add up to {3}.', indices.length, total, total - indices.length, formatNumber(rest.value)),
    );
  }
  return rows.join('\n');
}

function estimateMarkdown(value: EstimateValue, options: KlOptions, t: Localize): string[] {
  const se = value.standardError === undefined ? '' : ` ± ${formatNumber(value.standardError, 3)}`;
  const headline = `**${t('KL estimate ({0})', value.method)} = ${formatNumber(value.mean)}${se}**`;
  const parts = [headline, t('{0}, from {1} samples x ~ p; ± is one standard error of the mean.', formatInformation(value.mean, options, t), value.samples)];
  parts.push(t('Computed as {0}', codeSpan(ESTIMATOR_FORMULAS[value.method])));
  const notes: Record<string, string> = {
    k1: t('unbiased, high variance, can be negative'),
    k2: t('biased, low variance'),
    k3: t('unbiased, low variance, never negative'),
  };
  const rows = [`| ${t('estimator')} | ${t('mean')} | ${t('standard error')} | |`, '|:--|--:|--:|:--|'];
  for (const summary of value.all) {
    const error = summary.standardError === undefined ? '–' : formatNumber(summary.standardError, 4);
    const name = summary.method === value.method ? `**${summary.method}**` : summary.method;
    rows.push(`| ${name} | ${formatNumber(summary.mean)} | ${error} | ${notes[summary.method]} |`);
  }
  parts.push(rows.join('\n'));
  return parts;
}

export function warningsMarkdown(warnings: readonly KlMessage[], t: Localize): string[] {
  // Information messages (KL = ∞) are already explained in the hover itself.
  return warnings.filter((warning) => warning.severity !== 'information').map((warning) => `⚠ ${escapeMarkdown(localizeMessage(warning, t))}`);
}

export function errorMarkdown(error: KlMessage, t: Localize): string[] {
  return [`**${t('Cannot evaluate')}**`, `❌ ${escapeMarkdown(localizeMessage(error, t))}`];
}

/** A name: its definition and, for distributions (or lists that can be one), the normalised value. */
export function bindingMarkdown(binding: Binding, lineAt: (offset: number) => number, options: KlOptions, t: Localize): string[] {
  const line = lineAt(binding.nameSpan.start) + 1;
  const parts = [`**${escapeMarkdown(binding.name)}** = ${codeSpan(shortDefinition(binding.definition))}`, t('Defined on line {0}.', line)];
  if (!binding.value) {
    if (binding.error) parts.push(`❌ ${escapeMarkdown(localizeMessage(binding.error.detail, t))}`);
    return parts;
  }
  parts.push(...valueMarkdown(binding.value, options, t));
  return parts;
}

function shortDefinition(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 120 ? single.slice(0, 119) + '…' : single;
}

function listAsDistribution(values: Float64Array, labels: readonly string[] | undefined, t: Localize): string[] {
  const listLine = t('A list of {0} numbers: {1}', values.length, codeSpan(formatList(values, labels)));
  if (values.length === 0 || values.some((x) => !(x >= 0 && x < Infinity))) return [listLine];
  const sum = neumaierSum(values);
  if (sum === 0) return [listLine];
  if (Math.abs(sum - 1) <= NORMALIZATION_TOLERANCE) return [t('A distribution over {0} outcomes: {1}', values.length, codeSpan(formatList(values, labels)))];
  const normalised = values.map((x) => x / sum);
  return [t('Sums to {0}, not 1; as a distribution it is normalised to {1}.', formatNumber(sum), codeSpan(formatList(normalised, labels)))];
}
