/**
 * The preview's result card for a `kl` block: each statement with its value, and a small SVG bar
 * chart of p, q and the per-term contributions for discrete divergences. Self-contained and safe
 * for a strict CSP: escaped text, no script, no event handlers, no style attributes — only
 * `mp-kl-*` classes and width/height/x/y on SVG elements.
 */
import { analyzeNote, type KlBlockResult, type KlStatementResult } from './analyze';
import { defaultKlOptions, type KlOptions } from './context';
import { informationParts, largestTerms, measureSymbol } from './explain';
import { formatList, formatNumber } from './format';
import { localizeMessage } from './messages';
import { describeParametric } from './parametric';
import { findKlBlocks, type KlBlockSnippet } from './snippets';
import type { Localize } from '../text';
import { Note } from '../note/note';
import type { EstimatorsValue, KlValue, MeasureValue, TermTable, TokenMeasureValue } from './values';
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
import { escapeHtml } from '../render/sanitize';
import type { FenceRenderer } from '../render/markdown';
import { KlFenceKeys } from './fenceKeys';

const MAX_CHARTS = 3;
const MAX_BARS = 24;

export function renderKlCardHtml(block: KlBlockResult, t: Localize, options: KlOptions = defaultKlOptions): string {
  const rows = block.statements.map((statement) => statementRow(statement, options, t)).join('');
  const charts = block.statements
    .flatMap((statement) => (statement.value?.kind === 'measure' && statement.value.terms?.q ? [statement.value] : []))
    .slice(0, MAX_CHARTS)
    .map((value) => chart(value, t))
    .join('');
  const empty = block.statements.length === 0 ? `<p class="mp-kl-empty">${escapeHtml(t('This kl block has no statements.'))}</p>` : '';
  return `<div class="mp-kl-card"><div class="mp-kl-title">${escapeHtml(t('KL snippet results'))}</div>${empty}<table class="mp-kl-results"><tbody>${rows}</tbody></table>${charts}</div>`;
}

/**
 * The card for the ```kl fence that opens on `openLine` (0-based) of the note, for the preview's
 * fence renderer. The whole note is analysed (cached) so the block sees names of earlier blocks;
 * when lines drifted, the block with the same content is used. Undefined when none matches.
 */
export function klCardForFence(note: Note | string, openLine: number, content: string, t: Localize, options: KlOptions = defaultKlOptions): string | undefined {
  const analysis = analyzeNote(note, options, t);
  const block = analysis.blocks[blockIndexFor(analysis.snippets.blocks, openLine, content)];
  return block ? renderKlCardHtml(block, t, options) : undefined;
}

/** Index of the block opening on `openLine`, else of the first with the same content; -1 when none. */
function blockIndexFor(blocks: readonly KlBlockSnippet[], openLine: number, content: string): number {
  const byLine = blocks.findIndex((block) => block.openLine === openLine);
  if (byLine >= 0) return byLine;
  const wanted = content.trim();
  return blocks.findIndex((block) => block.content.trim() === wanted);
}

function statementRow(statement: KlStatementResult, options: KlOptions, t: Localize): string {
  const source = `<td class="mp-kl-source"><code>${escapeHtml(statement.source)}</code></td>`;
  const warnings = statement.warnings
    .filter((warning) => warning.severity !== 'information')
    .map((warning) => `<div class="mp-kl-warning">⚠ ${escapeHtml(localizeMessage(warning, t))}</div>`)
    .join('');
  if (statement.error) {
    return `<tr class="mp-kl-row mp-kl-row-error">${source}<td class="mp-kl-value mp-kl-error">${escapeHtml(localizeMessage(statement.error, t))}${warnings}</td></tr>`;
  }
  const value = statement.value ? valueHtml(statement.value, options, t) : '';
  return `<tr class="mp-kl-row">${source}<td class="mp-kl-value">${value}${warnings}</td></tr>`;
}

function valueHtml(value: KlValue, options: KlOptions, t: Localize): string {
  switch (value.kind) {
    case 'measure': {
      const symbol = `<span class="mp-kl-symbol">${escapeHtml(measureSymbol(value))}</span> = `;
      if (!value.informational) return `${symbol}<strong>${escapeHtml(formatNumber(value.value))}</strong>`;
      const [primary, secondary] = informationParts(value.value, options, t);
      const reverse = value.reverse
        ? `<div class="mp-kl-reverse">${escapeHtml(t('reverse KL: {0}', informationParts(value.reverse.value, options, t)[0]))}</div>`
        : '';
      const infinite = value.infinite
        ? `<div class="mp-kl-infinite">${escapeHtml(t('∞ because q gives outcome {0} probability 0 while p gives it {1}.', value.infinite.outcome, formatNumber(value.infinite.p)))}</div>`
        : '';
      return `${symbol}<strong>${escapeHtml(primary)}</strong> <span class="mp-kl-secondary">(${escapeHtml(secondary)})</span>${reverse}${infinite}`;
    }
    case 'estimate': {
      const se = value.standardError === undefined ? '' : ` ± ${formatNumber(value.standardError, 3)}`;
      return `<strong>${escapeHtml(t('KL estimate ({0})', value.method))} = ${escapeHtml(formatNumber(value.mean) + se)}</strong> <span class="mp-kl-secondary">${escapeHtml(t('{0} samples', value.samples))}</span>`;
    }
    case 'number':
      return `<strong>${escapeHtml(formatNumber(value.value, 12))}</strong>`;
    case 'string':
      return `<code>${escapeHtml(JSON.stringify(value.value))}</code>`;
    case 'list':
      return `<code>${escapeHtml(formatList(value.values, value.labels))}</code>`;
    case 'discrete':
      return `<code>${escapeHtml(formatList(value.probs, value.labels ?? value.outcomeNames))}</code>`;
    case 'parametric':
      return `<code>${escapeHtml(describeParametric(value))}</code>`;
    case 'estimators':
      return estimatorsHtml(value, options, t);
    case 'tokens':
      return tokensHtml(value, options, t);
    case 'matrix':
      return `<code>${escapeHtml(t('A list of {0} rows of {1} numbers each.', value.rows.length, value.rows[0]?.values.length ?? 0))}</code>`;
    case 'rows':
      return `<code>${escapeHtml(value.origin)}</code>`;
  }
}

function htmlTable(header: string[], rows: string[][], className: string): string {
  const head = header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function estimatorsHtml(value: EstimatorsValue, options: KlOptions, t: Localize): string {
  const notes = estimatorNotes(value, t)
    .map((note) => `<div class="mp-kl-secondary">${escapeHtml(note)}</div>`)
    .join('');
  return `<strong>${escapeHtml(estimatorsHeadline(value, options, t))}</strong>${htmlTable(estimatorHeader(t), estimatorRows(value), 'mp-kl-estimators')}<div class="mp-kl-verdict">${escapeHtml(estimatorVerdict(value, t))}</div>${notes}`;
}

function tokensHtml(value: TokenMeasureValue, options: KlOptions, t: Localize): string {
  const rows = largestTokenLines(value, 5).map((line) => [`t${line.token}`, line.value, line.share]);
  const figure = `<figure class="mp-kl-figure">${tokenBarsSvg(value, t, true)}<figcaption class="mp-kl-caption">${escapeHtml(t('Per-token KL: one bar per token'))}</figcaption></figure>`;
  return `<strong>${escapeHtml(tokensHeadline(value, options, t))}</strong>${figure}${htmlTable([t('token'), 'D_KL(pₜ ‖ qₜ)', t('share')], rows, 'mp-kl-tokens')}`;
}

const SLOT = 26;
const BAR = 10;
const PANEL = 60;
const LEFT = 8;
const TOP = 16;

/** Two panels: p and q side by side per outcome; below, each outcome's contribution (up > 0, down < 0). */
function chart(value: MeasureValue, t: Localize): string {
  const terms = value.terms as TermTable & { q: ArrayLike<number> };
  const shown = largestTerms(terms, MAX_BARS);
  const width = LEFT * 2 + shown.length * SLOT;
  const contributionTop = TOP + PANEL + 30;
  const height = contributionTop + PANEL + 22;
  const maxProbability = Math.max(...shown.map((i) => Math.max(terms.p[i], terms.q[i])), 1e-300);
  const finite = shown.map((i) => terms.contribution[i]).filter((x) => Number.isFinite(x));
  const maxContribution = Math.max(...finite.map(Math.abs), 1e-300);
  const zeroLine = contributionTop + PANEL / 2;
  const parts: string[] = [];
  parts.push(`<title>${escapeHtml(t('{0}: p, q and the contribution of each outcome', measureSymbol(value)))}</title>`);
  parts.push(text(LEFT, 11, 'mp-kl-legend mp-kl-legend-p', 'p'), text(LEFT + 16, 11, 'mp-kl-legend mp-kl-legend-q', 'q'));
  parts.push(text(LEFT, contributionTop - 6, 'mp-kl-legend mp-kl-legend-term', t('contribution per outcome')));
  parts.push(rect(LEFT, TOP + PANEL, width - 2 * LEFT, 1, 'mp-kl-axis'), rect(LEFT, zeroLine, width - 2 * LEFT, 1, 'mp-kl-axis'));
  shown.forEach((index, slot) => {
    const x = LEFT + slot * SLOT + 2;
    const pHeight = (terms.p[index] / maxProbability) * PANEL;
    const qHeight = (terms.q[index] / maxProbability) * PANEL;
    parts.push(rect(x, TOP + PANEL - pHeight, BAR, pHeight, 'mp-kl-bar-p'));
    parts.push(rect(x + BAR + 1, TOP + PANEL - qHeight, BAR, qHeight, 'mp-kl-bar-q'));
    const contribution = terms.contribution[index];
    if (!Number.isFinite(contribution)) {
      parts.push(rect(x, contributionTop, 2 * BAR + 1, PANEL / 2, 'mp-kl-bar-infinite'), text(x + 4, contributionTop + 10, 'mp-kl-infinite-mark', '∞'));
    } else {
      const barHeight = (Math.abs(contribution) / maxContribution) * (PANEL / 2);
      const y = contribution >= 0 ? zeroLine - barHeight : zeroLine + 1;
      parts.push(rect(x, y, 2 * BAR + 1, barHeight, contribution >= 0 ? 'mp-kl-bar-term' : 'mp-kl-bar-term mp-kl-bar-negative'));
    }
    const label = terms.outcome(index);
    parts.push(text(x, height - 6, 'mp-kl-label', label.length > 4 ? label.slice(0, 3) + '…' : label));
  });
  const caption = t('{0}: p, q and the contribution of each outcome', measureSymbol(value));
  const note = shown.length < terms.contribution.length ? ' ' + t('(the {0} largest of {1})', shown.length, terms.contribution.length) : '';
  return `<figure class="mp-kl-figure"><svg class="mp-kl-chart" width="${width}" height="${height}">${parts.join('')}</svg><figcaption class="mp-kl-caption">${escapeHtml(caption + note)}</figcaption></figure>`;
}

function rect(x: number, y: number, width: number, height: number, className: string): string {
  return `<rect class="${className}" x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(Math.max(0, height))}"></rect>`;
}

function text(x: number, y: number, className: string, content: string): string {
  return `<text class="${className}" x="${round(x)}" y="${round(y)}">${escapeHtml(content)}</text>`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

// Enough for every card of a few open notes; each entry is one card's HTML.
const CARD_CACHE_SIZE = 64;
// Ids of "these kl block sources, in this order", bounded: past it the ids start over (and the cards with them).
const MAX_PREFIX_IDS = 1024;

/**
 * The preview's `kl` fence hook; `options` is read on every call so setting changes apply at once.
 *
 * The preview calls it for every kl fence on every edit (a card depends on names of earlier
 * blocks), so it keeps the cards it made. A card depends only on the text of its block and of
 * the blocks before it (not on their positions: the card shows no offsets or lines), so the key
 * is that sequence of sources plus the options: a prose edit anywhere, or an edit of a later
 * block, reuses the card without analysing the note; an edit of an earlier block changes the key.
 */
export function klFenceRenderer(t: Localize, options: () => KlOptions = () => defaultKlOptions): FenceRenderer {
  const cards = new Map<string, string>();
  const fenceKeys = new KlFenceKeys();
  /** The note model last given to `cacheKey`: the render of the same text reuses its scans. */
  let keyedNote: Note | undefined;
  let prefixIds = new Map<string, number>();
  let nextId = 0;
  let lastNote: { text: string; note: Note; blocks: readonly KlBlockSnippet[]; ids: number[] } | undefined;

  /** Per block of the note, the id of its source and all sources before it (computed once per text). */
  const blocksOf = (noteText: string) => {
    if (lastNote?.text === noteText) return lastNote;
    if (prefixIds.size > MAX_PREFIX_IDS) {
      prefixIds = new Map();
      cards.clear();
    }
    // One note model per text: the fence scan and the analysis share it.
    const note = keyedNote?.text === noteText ? keyedNote : new Note(noteText);
    const blocks = findKlBlocks(note);
    const ids: number[] = [];
    let previous = -1;
    for (const block of blocks) {
      // The raw slice, not `content`: the statements shown in the card are cut from the note as written.
      const key = `${previous}\u0000${noteText.slice(block.start, block.end)}`;
      let id = prefixIds.get(key);
      if (id === undefined) {
        id = nextId++;
        prefixIds.set(key, id);
      }
      ids.push(id);
      previous = id;
    }
    lastNote = { text: noteText, note, blocks, ids };
    return lastNote;
  };

  const render: FenceRenderer = (content: string, _info: string, openLine: number, noteText: string): string | undefined => {
    const current = options();
    const { note, blocks, ids } = blocksOf(noteText);
    const index = blockIndexFor(blocks, openLine, content);
    if (index < 0) return undefined;
    // The work of each block, for `cacheKey`'s budget check (one analysis per text, shared with the card).
    if (!fenceKeys.knowsAll(note)) fenceKeys.record(note, analyzeNote(note, current, t));
    const key = `${ids[index]}|${current.unit}|${current.strict}`;
    const cached = cards.get(key);
    if (cached !== undefined) {
      // Refresh its place in the insertion order, so the least recently used card goes first.
      cards.delete(key);
      cards.set(key, cached);
      return cached;
    }
    const html = klCardForFence(note, openLine, content, t, current);
    if (html === undefined) return undefined;
    cards.set(key, html);
    if (cards.size > CARD_CACHE_SIZE) cards.delete(cards.keys().next().value as string);
    return html;
  };
  // The preview caches a block with kl fences under its dependencies (see fenceKeys.ts), so a prose
  // edit, or an edit of a definition the block does not use, re-renders no card.
  render.cacheKey = (_blockText, startLine, endLine, note) => {
    keyedNote = note;
    const key = fenceKeys.keyFor(note, startLine, endLine);
    if (key === undefined) return undefined;
    const current = options();
    return `${key}|${current.unit}|${current.strict}`;
  };
  return render;
}
