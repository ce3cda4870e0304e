/**
 * Minimal front-matter reading for the header card. One small function on purpose: when the
 * shared parser in src/core/frontMatter lands, only this file changes.
 */
import { yamlLibrary } from '../libraries';
import { frontMatterLineCount } from './blocks';

export interface FrontMatterValue {
  value: unknown;
  /** The scalar was written unquoted (matters for Hexo dates). */
  plain: boolean;
}

export interface FrontMatterData {
  /** First body line (0 when there is no front matter). */
  bodyLine: number;
  /** Top-level keys (undefined when the YAML does not parse to a mapping). */
  values?: Record<string, FrontMatterValue>;
}

export function readFrontMatter(lines: readonly string[]): FrontMatterData {
  const bodyLine = frontMatterLineCount(lines);
  if (bodyLine === 0) return { bodyLine };
  // hexo-front-matter turns leading tabs into two spaces before parsing.
  const yaml = lines.slice(1, bodyLine - 1).map((line) => line.replace(/^\t+/, (tabs) => '  '.repeat(tabs.length))).join('\n');
  try {
    const { parseDocument, isScalar } = yamlLibrary();
    const document = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
    // Hexo does not publish a post whose front matter does not parse: no card either.
    if (document.errors.length > 0) return { bodyLine };
    const contents = document.contents;
    if (!contents || !('items' in contents)) return { bodyLine };
    const values: Record<string, FrontMatterValue> = {};
    for (const item of contents.items as Array<{ key: unknown; value: unknown }>) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const node = item.value;
      values[key] = {
        value: node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node ?? null,
        plain: isScalar(node) ? node.type === 'PLAIN' : false,
      };
    }
    return { bodyLine, values };
  } catch {
    return { bodyLine };
  }
}
