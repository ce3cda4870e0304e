/** Shared wording of results (hover, card, CLI): headline symbols, units, the largest terms. */
import { formatNumber, NATS_TO_BITS } from './format';
import { shorten } from './markdownText';
import type { Localize } from '../text';
import type { KlOptions } from './context';
import type { MeasureName, MeasureValue, TermTable } from './values';

export function measureSymbol(value: MeasureValue): string {
  const p = shorten(value.pText, 24);
  const q = shorten(value.qText ?? '', 24);
  const symbols: Record<MeasureName, string> = {
    kl: `D_KL(${p} ‖ ${q})`,
    entropy: `H(${p})`,
    cross_entropy: `H(${p}, ${q})`,
    js: `JS(${p} ‖ ${q})`,
    tv: `TV(${p}, ${q})`,
  };
  return symbols[value.measure];
}

export function reverseSymbol(value: MeasureValue): string {
  return `D_KL(${shorten(value.qText ?? '', 24)} ‖ ${shorten(value.pText, 24)})`;
}

/** ["0.5108256 nats", "0.7369656 bits"]: the configured unit first. */
export function informationParts(nats: number, options: KlOptions, t: Localize): [string, string] {
  const natsText = t('{0} nats', formatNumber(nats));
  const bitsText = t('{0} bits', formatNumber(nats * NATS_TO_BITS));
  return options.unit === 'bits' ? [bitsText, natsText] : [natsText, bitsText];
}

/** "0.5108256 nats (0.7369656 bits)", or bits first when the setting says so. */
export function formatInformation(nats: number, options: KlOptions, t: Localize): string {
  const [primary, secondary] = informationParts(nats, options, t);
  return `${primary} (${secondary})`;
}

/** The headline value in markdown: the configured unit in bold, the other beside it. */
export function measureValueMarkdown(value: MeasureValue, options: KlOptions, t: Localize): string {
  if (!value.informational) return `**${formatNumber(value.value)}**`;
  const [primary, secondary] = informationParts(value.value, options, t);
  return `**${primary}** (${secondary})`;
}

export function contributionHeader(measure: MeasureName): string {
  const headers: Record<MeasureName, string> = {
    kl: 'p·ln(p/q)',
    entropy: '−p·ln p',
    cross_entropy: '−p·ln q',
    js: '½p·ln(p/m) + ½q·ln(q/m)',
    tv: '½|p − q|',
  };
  return headers[measure];
}

/**
 * Indices of the `limit` largest |contributions| (∞ first), in outcome order. Selection by a
 * bounded insertion keeps this O(n·limit) for a million outcomes instead of sorting them all.
 */
export function largestTerms(terms: TermTable, limit: number): number[] {
  const n = terms.contribution.length;
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  const best: number[] = [];
  const magnitude = (i: number) => Math.abs(terms.contribution[i]);
  for (let i = 0; i < n; i++) {
    const m = magnitude(i);
    if (best.length === limit && m <= magnitude(best[best.length - 1])) continue;
    let at = best.length;
    while (at > 0 && magnitude(best[at - 1]) < m) at--;
    best.splice(at, 0, i);
    if (best.length > limit) best.pop();
  }
  return best.sort((a, b) => a - b);
}
