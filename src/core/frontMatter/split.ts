/**
 * Find the front matter exactly as Hexo 8.1.2 does (hexo-front-matter 4.2.1 `split`), after the
 * normalisation hexo-fs applies when it reads the file (BOM stripped, CRLF -> LF). Every offset
 * returned here is an offset into the ORIGINAL text.
 */
import { OffsetMap } from './offsetMap';

// Copied from hexo-front-matter 4.2.1 dist/front_matter.js: the regexes ARE the behaviour.
const prefixSeparator = /^(-{3,}|;{3,})/;
const prefixedFrontMatter = /^(-{3,}|;{3,})\n([\s\S]+?)\n\1\n?([\s\S]*)/;
const unprefixedFrontMatter = /^([\s\S]+?)\n(-{3,}|;{3,})\n?([\s\S]*)/;

export interface FrontMatterBlock {
  /** `---` blocks are YAML, `;;;` blocks are JSON. */
  language: 'yaml' | 'json';
  /** Whether the block has an opening separator line (the usual form). */
  prefixed: boolean;
  /** The separator as written (`---`, `----`, `;;;`). */
  separator: string;
  /** Opening separator line, when `prefixed`. */
  openStart: number | undefined;
  openEnd: number | undefined;
  /** The block's text between the separator lines. */
  dataStart: number;
  dataEnd: number;
  closeStart: number;
  closeEnd: number;
  /** The block text as Hexo hands it to the parser (BOM stripped, CRLF -> LF, tabs NOT yet expanded). */
  data: string;
  /** Maps an offset in `data` to an offset in the original text. */
  dataToOriginal(offset: number): number;
}

export interface SplitResult {
  block: FrontMatterBlock | undefined;
  /** Original offset where the content (what Hexo renders) starts. */
  bodyStart: number;
  /**
   * Why a file that starts like front matter has none, for a diagnostic:
   * `unclosed` (no identical closing line), `trailing-space` (`--- ` opening line), `empty`.
   */
  problem: 'unclosed' | 'trailing-space' | 'empty' | undefined;
}

/** BOM strip + CRLF -> LF, as hexo-fs `readFile` does, with the way back to original offsets. */
export function normalizeLikeHexoFs(text: string): { text: string; map: OffsetMap } {
  if (text.indexOf('\r\n') === -1 && text.charCodeAt(0) !== 0xfeff) return { text, map: OffsetMap.identity() };
  return OffsetMap.replaceAll(text, /^\uFEFF|\r\n/g, (match) => (match === '\r\n' ? '\n' : ''));
}

export function splitFrontMatter(text: string): SplitResult {
  const normalized = normalizeLikeHexoFs(text);
  const source = normalized.text;
  const toOriginal = (offset: number): number => normalized.map.toOriginal(offset);

  const prefixed = prefixedFrontMatter.exec(source);
  if (prefixed) {
    const separator = prefixed[1];
    const data = prefixed[2];
    const dataStart = separator.length + 1;
    const dataEnd = dataStart + data.length;
    const closeStart = dataEnd + 1;
    const closeEnd = closeStart + separator.length;
    const bodyStart = source.length - prefixed[3].length;
    return {
      block: {
        language: separator.startsWith(';') ? 'json' : 'yaml',
        prefixed: true,
        separator,
        openStart: toOriginal(0),
        openEnd: toOriginal(separator.length),
        dataStart: toOriginal(dataStart),
        dataEnd: toOriginal(dataEnd),
        closeStart: toOriginal(closeStart),
        closeEnd: toOriginal(closeEnd),
        data,
        dataToOriginal: (offset) => toOriginal(dataStart + offset),
      },
      bodyStart: toOriginal(bodyStart),
      problem: undefined,
    };
  }
  if (prefixSeparator.test(source)) return { block: undefined, bodyStart: 0, problem: whyNotRecognised(source) };

  const unprefixed = unprefixedFrontMatter.exec(source);
  if (unprefixed) {
    const data = unprefixed[1];
    const separator = unprefixed[2];
    const closeStart = data.length + 1;
    const closeEnd = closeStart + separator.length;
    return {
      block: {
        language: separator.startsWith(';') ? 'json' : 'yaml',
        prefixed: false,
        separator,
        openStart: undefined,
        openEnd: undefined,
        dataStart: toOriginal(0),
        dataEnd: toOriginal(data.length),
        closeStart: toOriginal(closeStart),
        closeEnd: toOriginal(closeEnd),
        data,
        dataToOriginal: (offset) => toOriginal(offset),
      },
      bodyStart: toOriginal(source.length - unprefixed[3].length),
      problem: undefined,
    };
  }
  return { block: undefined, bodyStart: 0, problem: undefined };
}

function whyNotRecognised(source: string): SplitResult['problem'] {
  const firstLine = /^[^\n]*/.exec(source)?.[0] ?? '';
  if (/^(-{3,}|;{3,})[ \t]+$/.test(firstLine)) return 'trailing-space';
  if (/^(-{3,}|;{3,})\n(\s*\n)?\1(\n|$)/.test(source)) return 'empty';
  if (/^(-{3,}|;{3,})$/.test(firstLine)) return 'unclosed';
  return undefined;
}
