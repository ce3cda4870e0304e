/**
 * Tokenizer of the KL snippet language. It accepts the typographic operators people paste from
 * formulas (`−`, `·`, `×`, `÷`) and the full-width punctuation of a Chinese input method, so a
 * snippet copied from prose still evaluates.
 */
import { type KlError, klError, type Span } from './messages';

/** `numbers`: a whole list literal of plain numbers, `[0.2, 0.3, 0.5]` (see `scanNumberList`). */
export type TokenKind = 'number' | 'numbers' | 'identifier' | 'string' | 'punct' | 'newline' | 'invalid' | 'eof';

export interface NumberList {
  values: Float64Array;
  /** Where entry `index` was written (offsets into the note), found by a re-scan on first use. */
  entrySpan: (index: number) => Span | undefined;
}

export interface Token {
  kind: TokenKind;
  /** For `punct`: the canonical ASCII operator; for identifiers: the name; for strings: the value. */
  text: string;
  value?: number;
  start: number;
  end: number;
  /** For `invalid` tokens: what is wrong; the parser reports it when the statement reaches it. */
  error?: KlError;
  /** For `numbers` tokens: the list's entries. */
  list?: NumberList;
}

const CANONICAL_PUNCT: Readonly<Record<string, string>> = {
  '(': '(',
  ')': ')',
  '[': '[',
  ']': ']',
  '{': '{',
  '}': '}',
  ',': ',',
  ':': ':',
  ';': ';',
  '=': '=',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '^': '^',
  '\u2212': '-',
  '\u00b7': '*',
  '\u22c5': '*',
  '\u00d7': '*',
  '\u00f7': '/',
  '\uff0c': ',',
  '\uff1a': ':',
  '\uff08': '(',
  '\uff09': ')',
  '\uff1b': ';',
};

/** ASCII punctuation by char code: an array read instead of a hash lookup per comma. */
const ASCII_PUNCT: ReadonlyArray<string | undefined> = (() => {
  const table: Array<string | undefined> = new Array(128).fill(undefined);
  for (const ch of '()[]{},:;=+-*/^') table[ch.charCodeAt(0)] = ch;
  return table;
})();

const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/uy;

/**
 * Tokenizes `source`, whose first character sits at offset `base` of the note. Never throws: a bad
 * character becomes an `invalid` token so one typo spoils only its own statement.
 */
export function tokenize(source: string, base: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // Hot loop (a hover re-tokenizes 1,000-entry lists): ASCII is dispatched on char codes without
  // allocating; only the rare cases fall through to the tables and regexes.
  while (i < source.length) {
    const code = source.charCodeAt(i);
    if (code === 32 || code === 9 || code === 12 || code === 11 || code === 0xa0 || code === 0x3000) {
      i++;
      continue;
    }
    if (code === 10 || code === 13) {
      tokens.push(token('newline', '\n', base + i, base + i + 1));
      i++;
      continue;
    }
    if (code === 35 /* # */) {
      while (i < source.length && source.charCodeAt(i) !== 10 && source.charCodeAt(i) !== 13) i++;
      continue;
    }
    if ((code >= 48 && code <= 57) || (code === 46 && isDigit(source.charCodeAt(i + 1)))) {
      const end = scanNumber(source, i);
      const value = simpleDecimal(source, i, end) ?? Number(source.slice(i, end));
      if (!Number.isFinite(value)) {
        const text = source.slice(i, end);
        const error = klError(
          'kl.number-range',
          { start: base + i, end: base + end },
          'The number {0} is too large for a double; write inf for infinity.',
          text,
        );
        tokens.push(token('invalid', text, base + i, base + end, error));
      } else {
        // No text: a million-entry list should not allocate a string per number (see `describeToken`).
        tokens.push(token('number', '', base + i, base + end, undefined, value));
      }
      i = end;
      continue;
    }
    if (code === 42 /* * */ && source.charCodeAt(i + 1) === 42) {
      tokens.push(token('punct', '^', base + i, base + i + 2));
      i += 2;
      continue;
    }
    if (code === 91 /* [ */) {
      const list = scanNumberList(source, i, base);
      if (list) {
        tokens.push(token('numbers', '', base + i, base + list.end, undefined, undefined, list));
        i = list.end;
        continue;
      }
    }
    const ascii = code < 128 ? ASCII_PUNCT[code] : undefined;
    if (ascii !== undefined) {
      tokens.push(token('punct', ascii, base + i, base + i + 1));
      i++;
      continue;
    }
    const ch = source[i];
    const punct = CANONICAL_PUNCT[ch];
    if (punct !== undefined) {
      tokens.push(token('punct', punct, base + i, base + i + 1));
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const result = readString(source, i, base);
      tokens.push(result.token);
      i = result.next;
      continue;
    }
    IDENTIFIER.lastIndex = i;
    const identifier = IDENTIFIER.exec(source);
    if (identifier) {
      tokens.push(token('identifier', identifier[0], base + i, base + i + identifier[0].length));
      i += identifier[0].length;
      continue;
    }
    const codePoint = String.fromCodePoint(source.codePointAt(i) ?? 0);
    const span = { start: base + i, end: base + i + codePoint.length };
    const error = klError('kl.syntax', span, 'Unexpected character “{0}”.', codePoint);
    tokens.push(token('invalid', codePoint, span.start, span.end, error));
    i += codePoint.length;
  }
  tokens.push(token('eof', '', base + source.length, base + source.length));
  return tokens;
}

/** One constructor so every token has the same shape (keeps the parser's property reads monomorphic). */
export function token(kind: TokenKind, text: string, start: number, end: number, error?: KlError, value?: number, list?: NumberList): Token {
  return { kind, text, value, start, end, error, list };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 11 || code === 0xa0 || code === 0x3000 || code === 10 || code === 13;
}

function skipSpace(source: string, i: number): number {
  while (isSpace(source.charCodeAt(i))) i++;
  return i;
}

function isNumberStart(source: string, i: number): boolean {
  const code = source.charCodeAt(i);
  return isDigit(code) || (code === 46 && isDigit(source.charCodeAt(i + 1)));
}

let plainDecimalValue = 0;

/**
 * `simpleDecimal` and `scanNumber` in one pass, for the list fast path: the end of a plain decimal
 * (digits, an optional fraction, no exponent) of at most 15 significant and 22 fraction digits,
 * with its value left in `plainDecimalValue` (no allocation); 0 for anything else.
 */
function scanPlainDecimal(source: string, start: number): number {
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  let i = start;
  for (; ; i++) {
    const code = source.charCodeAt(i);
    if (code === 46 && fraction < 0) {
      fraction = 0;
      continue;
    }
    if (code < 48 || code > 57) break;
    if (fraction >= 0) fraction++;
    if (mantissa === 0 && code === 48) continue;
    mantissa = mantissa * 10 + (code - 48);
    if (++digits > 15) return 0;
  }
  const next = source.charCodeAt(i);
  if (next === 101 || next === 69 || fraction > 22) return 0; // an exponent, or too many digits
  plainDecimalValue = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
  return i;
}

/** 1 for a sign written right before a number (`-`, `−` or `+`), else 0. */
function signLength(source: string, i: number): number {
  const code = source.charCodeAt(i);
  return code === 45 || code === 0x2212 || code === 43 ? 1 : 0;
}

function isComma(code: number): boolean {
  return code === 44 || code === 0xff0c;
}

/**
 * Fast path for the hot case of a hover over big distributions: `[n, n, …]` made of plain numbers
 * (a sign right before one is allowed), commas (a trailing one too) and whitespace, read straight
 * into one array without a token per entry. Anything else — a name, an operator, a comment, a
 * number too large for a double, an empty or unclosed list — returns undefined and the general path tokenizes the list (and reports its
 * errors) as before.
 */
function scanNumberList(source: string, open: number, base: number): (NumberList & { end: number }) | undefined {
  const values: number[] = [];
  let i = skipSpace(source, open + 1);
  for (;;) {
    const start = i;
    const sign = signLength(source, i);
    i += sign;
    if (!isNumberStart(source, i)) return undefined;
    let end = scanPlainDecimal(source, i);
    let magnitude = plainDecimalValue;
    if (end === 0) {
      end = scanNumber(source, i);
      magnitude = Number(source.slice(i, end));
      if (!Number.isFinite(magnitude)) return undefined;
    }
    i = end;
    // As the general path evaluates it: unary minus multiplies by −1 (so -0 stays -0), unary plus keeps it.
    values.push(sign > 0 && source.charCodeAt(start) !== 43 ? -1 * magnitude : magnitude);
    i = skipSpace(source, i);
    if (source.charCodeAt(i) === 93 /* ] */) break;
    if (!isComma(source.charCodeAt(i))) return undefined;
    i = skipSpace(source, i + 1);
    if (source.charCodeAt(i) === 93) break;
  }
  return { values: Float64Array.from(values), entrySpan: lazyEntrySpans(source, open, base, values.length), end: i + 1 };
}

/** Entry offsets of a list accepted by `scanNumberList`, computed once when first asked for (an error to point at). */
function lazyEntrySpans(source: string, open: number, base: number, count: number): (index: number) => Span | undefined {
  let starts: Int32Array | undefined;
  let ends: Int32Array | undefined;
  return (index) => {
    if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
    if (!starts || !ends) {
      starts = new Int32Array(count);
      ends = new Int32Array(count);
      let i = skipSpace(source, open + 1);
      for (let k = 0; k < count; k++) {
        const end = scanNumber(source, i + signLength(source, i));
        starts[k] = base + i;
        ends[k] = base + end;
        i = skipSpace(source, skipSpace(source, end) + 1); // past the comma
      }
    }
    return { start: starts[index], end: ends[index] };
  };
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Clinger's fast path: a decimal with at most 15 significant digits and at most 22 fraction
 * digits is M / 10^k with both exact doubles, so one division rounds correctly, exactly like
 * Number(text), without allocating the text. Anything else returns undefined.
 */
function simpleDecimal(source: string, start: number, end: number): number | undefined {
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code === 46) {
      fraction = 0;
      continue;
    }
    if (code < 48 || code > 57) return undefined; // an exponent
    if (fraction >= 0) fraction++;
    if (mantissa === 0 && code === 48) continue;
    mantissa = mantissa * 10 + (code - 48);
    if (++digits > 15) return undefined;
  }
  if (fraction > 22) return undefined;
  return fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
}

/** A token as the user wrote it, for messages. */
export function describeToken(token: Token): string {
  if (token.kind === 'number') return String(token.value);
  if (token.kind === 'string') return JSON.stringify(token.text);
  if (token.kind === 'numbers') return '[';
  return token.text;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** End of the number starting at `start`: digits, an optional fraction, an optional exponent. */
function scanNumber(source: string, start: number): number {
  let i = start;
  while (isDigit(source.charCodeAt(i))) i++;
  if (source.charCodeAt(i) === 46 /* . */) {
    i++;
    while (isDigit(source.charCodeAt(i))) i++;
  }
  const e = source.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = source.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(source.charCodeAt(j))) {
      while (isDigit(source.charCodeAt(j))) j++;
      i = j;
    }
  }
  return i;
}

function readString(source: string, open: number, base: number): { token: Token; next: number } {
  const quote = source[open];
  let value = '';
  let i = open + 1;
  while (i < source.length) {
    const ch = source[i];
    if (ch === quote) {
      return { token: token('string', value, base + open, base + i + 1), next: i + 1 };
    }
    if (ch === '\n' || ch === '\r') break;
    if (ch === '\\' && i + 1 < source.length && source[i + 1] !== '\n') {
      value += source[i + 1];
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  const span = { start: base + open, end: base + i };
  const error = klError('kl.syntax', span, 'This string is not closed: add {0} before the end of the line.', quote);
  return { token: token('invalid', source.slice(open, i), span.start, span.end, error), next: i };
}
