/**
 * The header card's view of the front matter: top-level values as Hexo's js-yaml hands them to the
 * theme, taken from the one parsed front matter of the note model (no second YAML reader).
 */
import type { FrontMatterValue as ParsedValue, ParsedFrontMatter } from '../frontMatter/parse';

export interface FrontMatterValue {
  value: unknown;
  /** The scalar was written unquoted (matters for Hexo dates). */
  plain: boolean;
}

export interface FrontMatterData {
  /** Top-level keys (undefined when the block does not parse to a mapping: Hexo shows no such post). */
  values?: Record<string, FrontMatterValue>;
}

export function frontMatterData(parsed: ParsedFrontMatter): FrontMatterData {
  if (parsed.status !== 'mapping') return {};
  const values: Record<string, FrontMatterValue> = {};
  for (const entry of parsed.entries) {
    const value = entry.value;
    values[entry.key] = { value: value ? plainValue(value) : null, plain: value?.kind === 'scalar' && value.style === 'plain' };
  }
  return { values };
}

function plainValue(value: ParsedValue): unknown {
  switch (value.kind) {
    case 'scalar':
      return value.value;
    case 'list':
      return value.items.map(plainValue);
    case 'map':
      return Object.fromEntries(value.entries.map((entry) => [entry.key, entry.value ? plainValue(entry.value) : null]));
    case 'other':
      return undefined;
  }
}
