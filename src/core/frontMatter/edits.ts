/**
 * Minimal text edits on the front matter. Fixes never re-serialise the YAML: they replace one
 * value, insert one line or delete one entry, so comments, quoting and key order stay untouched.
 */
import type { TextEdit } from '../text';
import type { FrontMatterEntry, ParsedFrontMatter } from './parse';

export function lineBreakOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text.charCodeAt(newline - 1) === 13 ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  const newline = text.lastIndexOf('\n', offset - 1);
  return newline + 1;
}

/** Offset just after the line break that ends the line containing `offset - 1` (or text end). */
export function afterLineOf(text: string, offset: number): number {
  if (offset > 0 && text.charCodeAt(offset - 1) === 10) return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

export function entryEnd(entry: FrontMatterEntry): number {
  return Math.max(entry.keyEnd, entry.afterColon, entry.value?.end ?? 0);
}

/** Plain YAML when safe (js-yaml reads it back as the same string), single-quoted otherwise. */
export function yamlScalar(value: string): string {
  const plainSafe =
    value !== '' &&
    value === value.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |:$| #|[\n\r\t]/.test(value) &&
    !/^(true|false|null|~|yes|no|on|off|y|n)$/i.test(value) &&
    !/^[-+]?(\.\d|\d)/.test(value) &&
    !/^[-+]?\.(inf|nan)$/i.test(value) &&
    !/[,[\]{}]/.test(value);
  return plainSafe ? value : `'${value.replace(/'/g, "''")}'`;
}

export function replace(start: number, end: number, newText: string): TextEdit {
  return { start, end, newText };
}

/**
 * Insert `key: value` as a new top-level line: after `afterKey`'s entry when given and present,
 * else before the closing separator. Without a front matter block, create one at the top.
 */
export function insertEntry(parsed: ParsedFrontMatter, line: string, afterKeys: readonly string[] = []): TextEdit {
  const text = parsed.text;
  const eol = lineBreakOf(text);
  const block = parsed.block;
  if (!block) {
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { start: at, end: at, newText: `---${eol}${line}${eol}---${eol}` };
  }
  for (const key of afterKeys) {
    const entry = parsed.entries.find((candidate) => candidate.key === key);
    if (entry) {
      const at = afterLineOf(text, entryEnd(entry));
      const needsBreak = at === text.length || (at > 0 && text.charCodeAt(at - 1) !== 10);
      return { start: at, end: at, newText: needsBreak ? `${eol}${line}${eol}` : `${line}${eol}` };
    }
  }
  const at = lineStartOf(text, block.closeStart);
  return { start: at, end: at, newText: `${line}${eol}` };
}

/** Delete a whole top-level entry: its lines, from the key's line start to the end of its value. */
export function removeEntry(parsed: ParsedFrontMatter, entry: FrontMatterEntry): TextEdit {
  const start = lineStartOf(parsed.text, entry.keyStart);
  const end = Math.min(afterLineOf(parsed.text, entryEnd(entry)), parsed.block ? lineStartOf(parsed.text, parsed.block.closeStart) : parsed.text.length);
  return { start, end: Math.max(start, end), newText: '' };
}
