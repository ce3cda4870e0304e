/**
 * Finds the math of a note with exact offsets (for diagnostics), by the same delimiter rules as the
 * markdown-it plugin, on the raw text: fenced and indented code, inline code spans and markdown
 * escapes are skipped; blockquote markers are stripped (and mapped back). It also records the
 * dollars and brackets that are *not* math, which the warnings look at.
 */
import type { NoteLines } from '../note/blocks';
import { Note } from '../note/note';
import type { MathSyntax } from './delimiters';
import { nextUnescapedDollar } from './mathPlugin';

export interface MathSpan {
  /** The whole span with its delimiters: [start, end) offsets in the note. */
  start: number;
  end: number;
  /** The TeX as the renderer gets it (blockquote markers removed). */
  tex: string;
  display: boolean;
  delimiter: '$' | '$$' | '\\(' | '\\[';
  /** Note offset of the TeX character at `index` (index = tex.length gives the end). */
  texOffset(index: number): number;
}

/** Text that is not math although it may look like it (input of the warnings). */
export interface NonMath {
  /** Unescaped single `$` left as text, in order, with the segment they belong to. */
  dollars: Array<{ offset: number; segment: number }>;
  /** `$$` left as text in the middle of a line (not a display block). */
  doubleDollars: Array<{ offset: number; segment: number }>;
  /** `\(`/`\[` that markdown-it turns into plain brackets (when brackets are not math). */
  brackets: Array<{ start: number; end: number; display: boolean; tex: string }>;
  /** `$$` lines swallowed by an HTML block. */
  gluedDisplay: Array<{ start: number; end: number }>;
}

export interface MathScan {
  spans: MathSpan[];
  nonMath: NonMath;
  /** Segment text by index, for the warnings (`offset` → segment-relative via segmentStart). */
  segments: Segment[];
}

/** Logical text made of line pieces (markers stripped), mapped back to note offsets. */
export class Segment {
  text = '';
  private readonly pieceStarts: number[] = [];
  private readonly noteStarts: number[] = [];

  add(piece: string, noteOffset: number): void {
    if (this.pieceStarts.length > 0) this.text += '\n';
    this.pieceStarts.push(this.text.length);
    this.noteStarts.push(noteOffset);
    this.text += piece;
  }

  toNote(index: number): number {
    let low = 0;
    let high = this.pieceStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.pieceStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return this.noteStarts[low] + (index - this.pieceStarts[low]);
  }
}

const QUOTE_PREFIX = /^ {0,3}>[ \t]?(?: {0,3}>[ \t]?)*/;
const FENCE = /^ {0,3}(`{3,}|~{3,})([^`]*)$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK_START = new RegExp(
  `^ {0,3}(?:<(?:script|pre|style|textarea)(?:\\s|>|$)|<!--|<\\?|<![A-Za-z]|<!\\[CDATA\\[|</?(?:${HTML_BLOCK_NAMES})(?:\\s|/?>|$))`,
  'i',
);
const HTML_TAG_LINE = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?\/?>\s*$/;

/** The math of the note's body (after Hexo's front matter), once per note version and syntax. */
export function scanMath(text: Note | string, syntax: MathSyntax): MathScan {
  const note = Note.of(text);
  return note.derived(`math:${syntax.dollars}:${syntax.brackets ? 1 : 0}`, () => {
    const scan: MathScan = { spans: [], nonMath: { dollars: [], doubleDollars: [], brackets: [], gluedDisplay: [] }, segments: [] };
    for (const block of note.blocks({ dollarBlocks: syntax.dollars !== 'none', bracketBlocks: syntax.brackets })) {
      scanBlock(note.lines, block.startLine, block.endLine, syntax, scan);
    }
    return scan;
  });
}

function scanBlock(note: NoteLines, startLine: number, endLine: number, syntax: MathSyntax, scan: MathScan): void {
  let paragraph: Segment | undefined;
  let paragraphLines = 0;
  let inHtml = false;
  const flush = (): void => {
    if (paragraph) scanParagraph(paragraph, paragraphLines, syntax, scan);
    paragraph = undefined;
    paragraphLines = 0;
  };
  const firstIndent = /^(?: {4}|\t)/.test(note.lines[startLine]) && !/^\s*(?:[-+*]|\d+[.)])\s/.test(note.lines[startLine]);
  if (firstIndent) return; // indented code block
  for (let line = startLine; line < endLine; line++) {
    const raw = note.lines[line];
    const prefix = QUOTE_PREFIX.exec(raw)?.[0] ?? '';
    const content = raw.slice(prefix.length);
    const offset = note.starts[line] + prefix.length;
    const trimmed = content.trim();
    if (trimmed === '') {
      flush();
      inHtml = false;
      continue;
    }
    const fence = FENCE.exec(content);
    if (fence) {
      flush();
      line = skipFenceLines(note, line, endLine, fence[1]);
      continue;
    }
    const display = displayOpener(trimmed, syntax);
    if (display) {
      if (inHtml) {
        const lead = content.length - content.trimStart().length;
        scan.nonMath.gluedDisplay.push({ start: offset + lead, end: offset + lead + display.open.length });
        // Report the block once: skip to its closing line.
        const rest = trimmed.slice(display.open.length).trim();
        if (!(rest.length >= display.close.length && rest.endsWith(display.close))) {
          while (line + 1 < endLine && !note.lines[line + 1].trim().endsWith(display.close)) line++;
          line++;
        }
        continue;
      }
      flush();
      line = scanDisplayBlock(note, line, endLine, display, scan);
      continue;
    }
    if (!paragraph && (HTML_BLOCK_START.test(content) || HTML_TAG_LINE.test(content))) inHtml = true;
    else if (paragraph && HTML_BLOCK_START.test(content)) {
      flush();
      inHtml = true;
    }
    if (inHtml) continue;
    if (/^ {0,3}#{1,6}(?:\s|$)/.test(content)) {
      flush();
      const single = new Segment();
      single.add(content, offset);
      scanParagraph(single, 1, syntax, scan);
      continue;
    }
    paragraph ??= new Segment();
    paragraph.add(content, offset);
    paragraphLines++;
  }
  flush();
}

function displayOpener(trimmed: string, syntax: MathSyntax): { open: string; close: string } | undefined {
  if (syntax.dollars !== 'none' && trimmed.startsWith('$$')) return { open: '$$', close: '$$' };
  if (syntax.brackets && trimmed.startsWith('\\[')) return { open: '\\[', close: '\\]' };
  return undefined;
}

function skipFenceLines(note: NoteLines, from: number, endLine: number, marker: string): number {
  for (let line = from + 1; line < endLine; line++) {
    const content = note.lines[line].replace(QUOTE_PREFIX, '').trim();
    if (content.length >= marker.length && content.split('').every((ch) => ch === marker[0])) return line;
  }
  return endLine;
}

/** renbaoshuo's block rule on raw lines: from the opener to the first line ending with the closer. */
function scanDisplayBlock(note: NoteLines, from: number, endLine: number, delimiters: { open: string; close: string }, scan: MathScan): number {
  const segment = new Segment();
  let closeLine = -1;
  for (let line = from; line < endLine; line++) {
    const raw = note.lines[line];
    const prefix = QUOTE_PREFIX.exec(raw)?.[0] ?? '';
    segment.add(raw.slice(prefix.length), note.starts[line] + prefix.length);
    const rest = line === from ? raw.slice(prefix.length).trim().slice(delimiters.open.length) : raw.trim();
    if (rest.trimEnd().endsWith(delimiters.close) && (line > from || rest.trim().length >= delimiters.close.length)) {
      closeLine = line;
      break;
    }
  }
  const text = segment.text;
  const openAt = text.indexOf(delimiters.open);
  const texStart = openAt + delimiters.open.length;
  const texEnd = closeLine === -1 ? text.length : Math.max(texStart, text.lastIndexOf(delimiters.close));
  const end = closeLine === -1 ? texEnd : texEnd + delimiters.close.length;
  scan.spans.push({
    start: segment.toNote(openAt),
    end: segment.toNote(end),
    tex: text.slice(texStart, texEnd),
    display: true,
    delimiter: delimiters.open === '$$' ? '$$' : '\\[',
    texOffset: (index) => segment.toNote(texStart + index),
  });
  return closeLine === -1 ? endLine : closeLine;
}

/** A paragraph or heading: tables are scanned cell by cell, as markdown-it parses them. */
function scanParagraph(segment: Segment, lineCount: number, syntax: MathSyntax, scan: MathScan): void {
  const lines = segment.text.split('\n');
  if (lineCount >= 2 && lines[0].includes('|') && TABLE_DELIMITER.test(lines[1])) {
    let lineStart = 0;
    lines.forEach((line, index) => {
      if (index !== 1) {
        for (const cell of tableCells(line)) {
          const cellSegment = new Segment();
          cellSegment.add(cell.text, segment.toNote(lineStart + cell.start));
          scanInline(cellSegment, syntax, scan);
        }
      }
      lineStart += line.length + 1;
    });
    return;
  }
  scanInline(segment, syntax, scan);
}

function tableCells(line: string): Array<{ text: string; start: number }> {
  const cells: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || (line[i] === '|' && line[i - 1] !== '\\')) {
      cells.push({ text: line.slice(start, i), start });
      start = i + 1;
    }
  }
  return cells;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** The inline scan: code spans, escapes, then the math rules in markdown-it's order. */
function scanInline(segment: Segment, syntax: MathSyntax, scan: MathScan): void {
  const src = segment.text;
  const segmentIndex = scan.segments.push(segment) - 1;
  const push = (open: number, texStart: number, texEnd: number, close: number, display: boolean, delimiter: MathSpan['delimiter']): void => {
    scan.spans.push({
      start: segment.toNote(open),
      end: segment.toNote(close),
      tex: src.slice(texStart, texEnd),
      display,
      delimiter,
      texOffset: (index) => segment.toNote(texStart + index),
    });
  };
  let pos = 0;
  while (pos < src.length) {
    const ch = src[pos];
    if (ch === '\\') {
      const next = src[pos + 1];
      if (next === '(' || next === '[') {
        const closer = next === '(' ? '\\)' : '\\]';
        const end = src.indexOf(closer, pos + 2);
        if (end !== -1 && src.slice(pos + 2, end).trim() !== '') {
          if (syntax.brackets) {
            push(pos, pos + 2, end, end + 2, next === '[', next === '(' ? '\\(' : '\\[');
            pos = end + 2;
            continue;
          }
          scan.nonMath.brackets.push({ start: segment.toNote(pos), end: segment.toNote(end + 2), display: next === '[', tex: src.slice(pos + 2, end) });
        }
      }
      pos += next !== undefined && ASCII_PUNCT.test(next) ? 2 : 1;
      continue;
    }
    if (ch === '`') {
      let run = 1;
      while (src[pos + run] === '`') run++;
      const close = findClosingBackticks(src, pos + run, run);
      pos = close === -1 ? pos + run : close + run;
      continue;
    }
    if (ch === '$' && syntax.dollars !== 'none') {
      pos = syntax.dollars === 'pandoc' ? pandocDollar(src, pos, segmentIndex, segment, scan, push) : looseDollar(src, pos, push);
      continue;
    }
    pos++;
  }
}

function findClosingBackticks(src: string, from: number, run: number): number {
  for (let pos = src.indexOf('`', from); pos !== -1; pos = src.indexOf('`', pos)) {
    let length = 1;
    while (src[pos + length] === '`') length++;
    if (length === run) return pos;
    pos += length;
  }
  return -1;
}

type Push = (open: number, texStart: number, texEnd: number, close: number, display: boolean, delimiter: MathSpan['delimiter']) => void;

/** The renbaoshuo inline rule, recording what it leaves as text. Returns the next position. */
function pandocDollar(src: string, pos: number, segmentIndex: number, segment: Segment, scan: MathScan, push: Push): number {
  const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;
  const literal = (at: number, next: number, double = false): number => {
    (double ? scan.nonMath.doubleDollars : scan.nonMath.dollars).push({ offset: segment.toNote(at), segment: segmentIndex });
    return next;
  };
  if (isBlank(src.charCodeAt(pos + 1))) return literal(pos, pos + 1);
  const start = pos + 1;
  const match = nextUnescapedDollar(src, start);
  if (match === -1) return literal(pos, start);
  if (match === start) return literal(pos, start + 1, true);
  const after = src.charCodeAt(match + 1);
  if (isBlank(src.charCodeAt(match - 1)) || (after >= 0x30 && after <= 0x39)) return literal(pos, start);
  push(pos, start, match, match + 1, false, '$');
  return match + 1;
}

function looseDollar(src: string, pos: number, push: Push): number {
  const display = src[pos + 1] === '$';
  const open = display ? 2 : 1;
  let match = pos + open;
  for (;;) {
    match = nextUnescapedDollar(src, match);
    if (match === -1 || !display || src[match + 1] === '$') break;
    match++;
  }
  if (match === -1 || src.slice(pos + open, match).trim() === '') return pos + open;
  push(pos, pos + open, match, match + open, display, display ? '$$' : '$');
  return match + open;
}
