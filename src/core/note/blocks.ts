/**
 * Splits a note into top-level blocks by one cheap line scan, so that an edit re-renders only the
 * blocks it touches. The rule is "when in doubt, merge": two blocks rendered together give the
 * same HTML as markdown-it on the whole note, two halves of one construct would not. So blank
 * lines split, except inside fences, `$$`/`\[` math, HTML comments and Hexo `{% x %}…{% endx %}`
 * tags, before indented or list lines that continue a list, inside indented code, and inside an HTML
 * container such as `<details>…</details>` with markdown in it (the browser nests that markdown in it).
 */

export interface NoteLines {
  /** The lines without their line breaks. */
  lines: string[];
  /** Offset of the first character of each line in the note. */
  starts: number[];
}

export interface SourceBlock {
  /** 0-based line of the first line of the block in the note. */
  startLine: number;
  /** Line after the last line of the block (exclusive). */
  endLine: number;
  /** Offsets of the block in the note: [startOffset, endOffset). */
  startOffset: number;
  endOffset: number;
  /** The block's lines joined with '\n'. */
  text: string;
  /** A `{% name … %}…{% endname %}` block (its tag name), rendered by the Hexo tag renderer. */
  hexoTag?: string;
}

export interface SplitOptions {
  /** `$$` starts a math block (blank lines inside do not split). */
  dollarBlocks?: boolean;
  /** `\[` starts a math block. */
  bracketBlocks?: boolean;
}

export function splitLines(text: string): NoteLines {
  const lines: string[] = [];
  const starts: number[] = [];
  if (!text.includes('\r')) {
    // Fast path (the usual case): indexOf is an order of magnitude faster than a character loop.
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lines.push(text.slice(start, end));
      starts.push(start);
      start = end + 1;
    }
    lines.push(text.slice(start));
    starts.push(start);
    return { lines, starts };
  }
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      lines.push(text.slice(start, i));
      starts.push(start);
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  starts.push(start);
  return { lines, starts };
}

/**
 * The first line of the body when it starts at offset `bodyStart` (the splitter's answer). A body that
 * starts inside a line (Hexo's `---more` quirk: the closing separator glued to text) starts at the next
 * whole line: blocks are made of whole lines.
 */
export function lineAtOrAfter(note: NoteLines, offset: number): number {
  let low = 0;
  let high = note.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (note.starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  if (note.starts[low] === offset) return low;
  return offset === 0 ? 0 : low + 1;
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^\s*(?:[-+*]|\d{1,9}[.)])(?:\s|$)/;
const TAG_OPEN = /^\s*\{%-?\s*([A-Za-z_][\w-]*)/;
const END_TAG_NAMES = /\{%-?\s*end([A-Za-z_][\w-]*)\s*-?%\}/g;
/** Elements posts wrap markdown in, always written with their end tag (unlike `<p>` or `<li>`). */
const HTML_CONTAINER_OPEN = /^ {0,3}<(details|div|center|figure|table|section|article|aside|blockquote|dl|ol|ul)(?=[\s>]|$)/i;
/** How far to look for the end tag: a container left open is not merged with the rest of the note. */
const HTML_CONTAINER_MAX_LINES = 500;

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

function indentOf(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 32) width++;
    else if (code === 9) width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Line index after the fence that opens at `from` (the whole rest when it never closes). */
function skipFence(lines: readonly string[], from: number, marker: string): number {
  const char = marker.charCodeAt(0);
  for (let i = from + 1; i < lines.length; i++) if (closesFence(lines[i], char, marker.length)) return i + 1;
  return lines.length;
}

/** CommonMark: the same character, at least as many times, then only spaces. */
function closesFence(line: string, char: number, length: number): boolean {
  let pos = 0;
  while (pos < line.length && (line.charCodeAt(pos) === 32 || line.charCodeAt(pos) === 9)) pos++;
  const runStart = pos;
  while (pos < line.length && line.charCodeAt(pos) === char) pos++;
  if (pos - runStart < length) return false;
  for (; pos < line.length; pos++) if (line.charCodeAt(pos) !== 32 && line.charCodeAt(pos) !== 9) return false;
  return true;
}

/** renbaoshuo's block rule: ends on the first line (the opening one included) ending with the closer. */
function skipDelimitedMath(lines: readonly string[], from: number, open: string, close: string): number {
  const first = lines[from].trim().slice(open.length).trim();
  if (first.length >= close.length && first.endsWith(close)) return from + 1;
  for (let i = from + 1; i < lines.length; i++) if (lines[i].trim().endsWith(close)) return i + 1;
  return lines.length;
}

function skipComment(lines: readonly string[], from: number): number {
  const first = lines[from];
  if (first.indexOf('-->', first.indexOf('<!--') + 4) !== -1) return from + 1;
  for (let i = from + 1; i < lines.length; i++) if (lines[i].includes('-->')) return i + 1;
  return lines.length;
}

/** Line after the one that closes the `<tag>` opened on `from` (nesting counted), or -1 when none does nearby. */
function skipHtmlContainer(lines: readonly string[], from: number, tag: string): number {
  const open = new RegExp(`<${tag}(?=[\\s>/]|$)`, 'gi');
  const close = new RegExp(`</${tag}\\s*>`, 'gi');
  let depth = 0;
  for (let i = from; i < lines.length && i < from + HTML_CONTAINER_MAX_LINES; i++) {
    if (!lines[i].includes('<')) continue;
    depth += (lines[i].match(open)?.length ?? 0) - (lines[i].match(close)?.length ?? 0);
    if (depth <= 0) return i + 1;
  }
  return -1;
}

/** Line after the `{% endname %}` matching the tag opened on `from`, or -1 when it never closes. */
function skipHexoTag(lines: readonly string[], from: number, name: string): number {
  const pattern = new RegExp(`\\{%-?\\s*(end)?${name}(?![\\w-])`, 'g');
  let depth = 0;
  for (let i = from; i < lines.length; i++) {
    if (!lines[i].includes('{%')) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(lines[i]); match; match = pattern.exec(lines[i])) {
      depth += match[1] ? -1 : 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function splitBlocks(note: NoteLines, firstLine: number, options: SplitOptions = {}): SourceBlock[] {
  const { lines } = note;
  const blocks: SourceBlock[] = [];
  const closingTags = new Set<string>();
  for (const line of lines) {
    if (!line.includes('{%')) continue;
    END_TAG_NAMES.lastIndex = 0;
    for (let match = END_TAG_NAMES.exec(line); match; match = END_TAG_NAMES.exec(line)) closingTags.add(match[1]);
  }

  let blockStart = -1;
  let hasList = false;
  let indentedCode = false;
  let blankBefore = false;
  /** Blank lines before this line do not split: an HTML container is still open. */
  let htmlUntil = -1;
  const close = (end: number, hexoTag?: string): void => {
    if (blockStart === -1) return;
    let last = end;
    while (last > blockStart && isBlank(lines[last - 1])) last--;
    blocks.push(makeBlock(note, blockStart, last, hexoTag));
    blockStart = -1;
  };

  let i = firstLine;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      blankBefore = blockStart !== -1;
      i++;
      continue;
    }
    const indent = indentOf(line);
    const listItem = LIST_ITEM.test(line);
    if (blockStart !== -1 && blankBefore) {
      const continuesList = hasList && (indent > 0 || listItem);
      const continuesCode = indentedCode && indent >= 4;
      if (!continuesList && !continuesCode && i >= htmlUntil) close(i);
    }
    blankBefore = false;

    const tag = line.includes('{%') ? TAG_OPEN.exec(line) : null;
    if (tag && closingTags.has(tag[1]) && !tag[1].startsWith('end')) {
      const end = skipHexoTag(lines, i, tag[1]);
      if (end !== -1) {
        close(i);
        blockStart = i;
        close(end, tag[1]);
        i = end;
        continue;
      }
    }
    if (blockStart === -1) {
      blockStart = i;
      hasList = false;
      indentedCode = indent >= 4 && !listItem;
      const container = line.charCodeAt(indent) === 0x3c /* < */ ? HTML_CONTAINER_OPEN.exec(line) : null;
      htmlUntil = container ? skipHtmlContainer(lines, i, container[1]) : -1;
    }
    if (listItem) hasList = true;

    const trimmed = indent === 0 ? line : line.trimStart();
    const first = trimmed.charCodeAt(0);
    const fence = first === 0x60 || first === 0x7e ? FENCE_OPEN.exec(line) : null;
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) i = skipFence(lines, i, fence[1]);
    else if (options.dollarBlocks && trimmed.startsWith('$$')) i = skipDelimitedMath(lines, i, '$$', '$$');
    else if (options.bracketBlocks && trimmed.startsWith('\\[')) i = skipDelimitedMath(lines, i, '\\[', '\\]');
    else if (first === 0x3c && trimmed.startsWith('<!--')) i = skipComment(lines, i);
    else i++;
  }
  close(lines.length);
  return blocks;
}

function makeBlock(note: NoteLines, start: number, end: number, hexoTag?: string): SourceBlock {
  const text = note.lines.slice(start, end).join('\n');
  const block: SourceBlock = {
    startLine: start,
    endLine: end,
    startOffset: note.starts[start],
    endOffset: note.starts[end - 1] + note.lines[end - 1].length,
    text,
  };
  if (hexoTag) block.hexoTag = hexoTag;
  return block;
}
