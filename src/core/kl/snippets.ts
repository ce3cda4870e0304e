/**
 * Finds the places of a note that hold snippets: ```kl / ~~~kl fenced blocks (CommonMark fence
 * rules: up to 3 spaces of indentation, inside block quotes and list items too), inline code
 * spans that call a measure function, and math that names a measure (D_{KL}(P\|Q)). Front
 * matter and other code fences are skipped.
 */
import { INLINE_SNIPPET_FUNCTIONS } from './builtins';
import { findMathOccurrences, type MathOccurrence } from './mathPatterns';
import type { Span } from './messages';
import { Note } from '../note/note';

export interface KlBlockSnippet extends Span {
  /** The content between the fences; line prefixes (`> `, indentation) replaced by spaces so offsets still match the note. */
  content: string;
  contentStart: number;
  /** 0-based lines of the opening and closing fence (the closing one may be missing at the end of the note). */
  openLine: number;
  closeLine: number;
}

export interface KlInlineSnippet extends Span {
  /** The code span's content and where it starts. */
  content: string;
  contentStart: number;
  callee: string;
}

/**
 * Where a formula's content is, as the KL scanner needs it (no TeX, no renderer): not the math
 * checks' `MathSpan` (core/math/mathSpans.ts), which carries the TeX and its offset map.
 */
export interface MathContentRange extends Span {
  contentStart: number;
  contentEnd: number;
}

export interface KlSnippets {
  blocks: KlBlockSnippet[];
  inlines: KlInlineSnippet[];
  maths: MathOccurrence[];
  mathSpans: MathContentRange[];
}

interface Line {
  start: number;
  /** Offset of the line break (or the end of the text). */
  end: number;
  text: string;
}

interface LineShape {
  /** Length of the block-quote prefix (`> > `). */
  quotePrefix: number;
  quoteDepth: number;
  /** Spaces after the prefix (leading tabs count 4). */
  indent: number;
  /** The line after prefix and indentation. */
  rest: string;
}

/**
 * Char-code scan (this runs on every line of every note on each keystroke): the quote prefix is
 * `(?: {0,3}> ?)*`, then leading tabs (4 columns each) and spaces are the indentation.
 */
function shapeOf(text: string): LineShape {
  let quotePrefix = 0;
  let quoteDepth = 0;
  for (;;) {
    let i = quotePrefix;
    while (i - quotePrefix < 3 && text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i) !== 62 /* > */) break;
    i++;
    if (text.charCodeAt(i) === 32) i++;
    quotePrefix = i;
    quoteDepth++;
  }
  let i = quotePrefix;
  while (text.charCodeAt(i) === 9) i++;
  let indent = (i - quotePrefix) * 4;
  while (text.charCodeAt(i) === 32) {
    i++;
    indent++;
  }
  return { quotePrefix, quoteDepth, indent, rest: i === 0 ? text : text.slice(i) };
}

/** `text.trim() === ''` without allocating. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13)) continue;
    if (code < 128 || !/\s/.test(text[i])) return false; // `\s` is exactly what trim() removes
  }
  return true;
}

const LIST_ITEM = /^([-*+]|\d{1,9}[.)])( {1,4}|$)/;

interface OpenFence {
  char: string;
  length: number;
  indent: number;
  quoteDepth: number;
  isKl: boolean;
  openLine: number;
}

interface FenceScan {
  text: string;
  blocks: KlBlockSnippet[];
  /** Runs of lines outside fences and front matter, where inline snippets and math are looked for. */
  proseRuns: Array<{ start: number; end: number }>;
}

/** The ```kl / ~~~kl blocks of a note, in order (cheaper than `findSnippets`: no inline or math scan). */
export function findKlBlocks(note: Note | string): readonly KlBlockSnippet[] {
  return scanFences(Note.of(note)).blocks;
}

/** Every snippet of the note's body, once per note version. */
export function findSnippets(source: Note | string): KlSnippets {
  const note = Note.of(source);
  return note.derived('kl:snippets', () => findSnippetsUncached(note));
}

function findSnippetsUncached(note: Note): KlSnippets {
  const text = note.text;
  const { blocks, proseRuns } = scanFences(note);
  const inlines: KlInlineSnippet[] = [];
  const mathSpans: MathContentRange[] = [];
  for (const run of proseRuns) scanProse(text, run.start, run.end, inlines, mathSpans);
  const maths = mathSpans.flatMap((span) => findMathOccurrences(text.slice(span.contentStart, span.contentEnd), span.contentStart, span));
  return { blocks: [...blocks], inlines, maths, mathSpans };
}

// The preview's fence hook asks for the kl blocks of a note, and the analysis of the same note
// follows: the note model keeps the one scan for both.
function scanFences(note: Note): FenceScan {
  return note.derived('kl:fences', () => scanFencesUncached(note.text, note.bodyLine, linesOf(note)));
}

/** The note's own line split (shared with the renderer; \r\n, \r and \n end a line) as `Line`s. */
function linesOf(note: Note): Line[] {
  const { lines, starts } = note.lines;
  return lines.map((text, i) => ({ start: starts[i], end: starts[i] + text.length, text }));
}

/** `bodyLine`: Hexo's split (the note model) says where the body starts; front matter holds no snippets. */
function scanFencesUncached(text: string, bodyLine: number, lines: Line[]): FenceScan {
  const blocks: KlBlockSnippet[] = [];
  const proseRuns: Array<{ start: number; end: number }> = [];
  let fence: OpenFence | undefined;
  let proseStart: number | undefined;
  /** Content column of the list item we are in, so fences nested in list items are recognised. */
  let listIndent = 0;

  const closeProse = (end: number) => {
    if (proseStart !== undefined && end > proseStart) proseRuns.push({ start: proseStart, end });
    proseStart = undefined;
  };

  for (let lineNumber = bodyLine; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber];
    const shape = shapeOf(line.text);
    if (fence) {
      const closes = shape.quoteDepth < fence.quoteDepth || isClosingFence(shape, fence);
      if (!closes) continue;
      if (fence.isKl) blocks.push(blockSnippet(text, lines, fence, lineNumber));
      const closedByContainer = shape.quoteDepth < fence.quoteDepth;
      fence = undefined;
      if (!closedByContainer) continue;
    }
    if (isBlank(shape.rest)) {
      proseStart ??= line.start;
      continue;
    }
    // The regexes only run on lines whose first character can start a list item or a fence.
    const first = shape.rest.charCodeAt(0);
    const listItem = first === 45 || first === 42 || first === 43 || (first >= 48 && first <= 57) ? LIST_ITEM.exec(shape.rest) : null;
    const base = shape.indent >= listIndent ? listIndent : 0;
    if (shape.indent < listIndent && !listItem) listIndent = 0;
    const opening = (first === 96 || first === 126) && shape.indent - base <= 3 ? /^(`{3,}|~{3,})(.*)$/.exec(shape.rest) : null;
    if (opening && !(opening[1][0] === '`' && opening[2].includes('`'))) {
      closeProse(line.start);
      const language = opening[2]
        .trim()
        .split(/\s+/)[0]
        .replace(/^\{\.?|\}$/g, '')
        .toLowerCase();
      fence = {
        char: opening[1][0],
        length: opening[1].length,
        indent: shape.indent,
        quoteDepth: shape.quoteDepth,
        isKl: language === 'kl',
        openLine: lineNumber,
      };
      continue;
    }
    if (listItem) listIndent = shape.indent + listItem[0].length + (listItem[2] === '' ? 1 : 0);
    proseStart ??= line.start;
  }
  if (fence?.isKl) blocks.push(blockSnippet(text, lines, fence, lines.length));
  if (!fence) closeProse(text.length);
  return { text, blocks, proseRuns };
}

function isClosingFence(shape: LineShape, fence: OpenFence): boolean {
  if (shape.indent > fence.indent + 3 || shape.rest.charCodeAt(0) !== fence.char.charCodeAt(0)) return false;
  const match = /^(`{3,}|~{3,})[ \t]*$/.exec(shape.rest);
  return !!match && match[1][0] === fence.char && match[1].length >= fence.length;
}

/** The block's content with quote markers and the fence's indentation blanked (same length as the note slice). */
function blockSnippet(text: string, lines: Line[], fence: OpenFence, closeLine: number): KlBlockSnippet {
  const open = lines[fence.openLine];
  const contentStart = fence.openLine + 1 < lines.length ? lines[fence.openLine + 1].start : open.end;
  const lastContentLine = closeLine - 1;
  // Parts joined once: a flat string, not a rope of thousands of concatenations, for the tokenizer.
  const content: string[] = [];
  for (let i = fence.openLine + 1; i <= lastContentLine; i++) {
    const line = lines[i];
    const shape = shapeOf(line.text);
    // CommonMark removes up to the fence's indentation from each content line.
    let strip = shape.quotePrefix;
    let removed = 0;
    while (removed < fence.indent && line.text[strip] === ' ') {
      strip++;
      removed++;
    }
    content.push(strip === 0 ? line.text : ' '.repeat(strip) + line.text.slice(strip));
    if (i < lastContentLine) content.push(text.slice(line.end, lines[i + 1].start));
  }
  const end = closeLine < lines.length ? lines[closeLine].end : text.length;
  return { start: open.start, end, content: content.join(''), contentStart, openLine: fence.openLine, closeLine: Math.min(closeLine, lines.length - 1) };
}

/** Code spans and math in a run of prose lines: left to right, whichever opens first wins. */
function scanProse(text: string, start: number, end: number, inlines: KlInlineSnippet[], mathSpans: MathContentRange[]): void {
  let i = start;
  while (i < end) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const close = text.indexOf(next === '(' ? '\\)' : '\\]', i + 2);
        if (close >= 0 && close < end) {
          mathSpans.push({ start: i, end: close + 2, contentStart: i + 2, contentEnd: close });
          i = close + 2;
          continue;
        }
      }
      i += 2;
      continue;
    }
    if (ch === '`') {
      i = scanCodeSpan(text, i, end, inlines);
      continue;
    }
    if (ch === '$') {
      i = scanDollarMath(text, i, end, mathSpans);
      continue;
    }
    i++;
  }
}

function runLength(text: string, at: number, ch: string, end: number): number {
  let n = 0;
  while (at + n < end && text[at + n] === ch) n++;
  return n;
}

function scanCodeSpan(text: string, open: number, end: number, inlines: KlInlineSnippet[]): number {
  const length = runLength(text, open, '`', end);
  let search = open + length;
  while (search < end) {
    const next = text.indexOf('`', search);
    if (next < 0 || next >= end) break;
    const closeLength = runLength(text, next, '`', end);
    if (/\n[ \t]*\r?\n/.test(text.slice(open, next))) break; // a blank line ends the paragraph
    if (closeLength === length) {
      addInline(text, open, next + length, open + length, next, inlines);
      return next + length;
    }
    search = next + closeLength;
  }
  return open + length;
}

function addInline(text: string, start: number, end: number, contentStart: number, contentEnd: number, inlines: KlInlineSnippet[]): void {
  const content = text.slice(contentStart, contentEnd);
  const call = /^\s*([\p{L}_][\p{L}\p{N}_]*)\s*\(/u.exec(content);
  if (!call || !INLINE_SNIPPET_FUNCTIONS.has(call[1]) || !content.trimEnd().endsWith(')')) return;
  inlines.push({ start, end, content, contentStart, callee: call[1] });
}

function scanDollarMath(text: string, open: number, end: number, mathSpans: MathContentRange[]): number {
  const display = text[open + 1] === '$';
  const delimiter = display ? '$$' : '$';
  let search = open + delimiter.length;
  while (search < end) {
    const close = text.indexOf(delimiter, search);
    if (close < 0 || close >= end) break;
    if (text[close - 1] === '\\') {
      search = close + 1;
      continue;
    }
    const contentStart = open + delimiter.length;
    if (!display && (close === contentStart || /\n\s*\n/.test(text.slice(contentStart, close)))) break;
    mathSpans.push({ start: open, end: close + delimiter.length, contentStart, contentEnd: close });
    return close + delimiter.length;
  }
  return open + delimiter.length;
}
