/**
 * The math of one note version, computed once and shared by the hover, the completion, go to definition and
 * the macro hints (issue #11): the formulas as the blog parses them (mathSpans.ts), the macros the note defines
 * (`\newcommand`, `\renewcommand`, `\providecommand`, `\def`, `\gdef`, `\edef`, `\xdef`) and every control word
 * used, all at note offsets. Kept on the Note of the version (note/note.ts), built from its one math scan, which
 * the math checks and the renderer read too.
 */
import { Note } from '../note/note';
import type { MathSyntax } from './delimiters';
import { mathSyntaxKey } from './delimiters';
import { type MathSpan, scanMath } from './mathSpans';

export type DefiningCommand = 'newcommand' | 'renewcommand' | 'providecommand' | 'def' | 'gdef' | 'edef' | 'xdef';

export interface MacroDefinition {
  /** Without the backslash. */
  name: string;
  command: DefiningCommand;
  /** Note offsets of `\name` in the definition. */
  start: number;
  end: number;
  /** The replacement text as written (between its braces). */
  body: string;
  /** Index of the formula in `spans`. */
  span: number;
}

export interface ControlWord {
  /** Without the backslash. */
  name: string;
  /** Note offsets of `\name`. */
  start: number;
  end: number;
  span: number;
}

export interface NoteMath {
  spans: MathSpan[];
  definitions: MacroDefinition[];
  /** Control words that are not the name being defined. */
  uses: ControlWord[];
}

const DEFINITION = /\\(newcommand|renewcommand|providecommand|gdef|edef|xdef|def)(?![a-zA-Z])\s*(\{\s*)?\\([a-zA-Z]+|.)/g;
const CONTROL_WORD = /\\([a-zA-Z]+)/g;

/** The math of a note version for one delimiter syntax: computed on first use from the note's math scan, then kept. */
export function noteMathOf(note: Note, syntax: MathSyntax): NoteMath {
  return note.derived(`noteMath:${mathSyntaxKey(syntax)}`, () => mathModelOf(scanMath(note, syntax).spans));
}

/** The math of a text that has no Note (a completion's what-if text, tests). */
export function analyzeNoteMath(text: string, syntax: MathSyntax): NoteMath {
  return noteMathOf(new Note(text), syntax);
}

/** Definitions and control words of formulas already found. */
export function mathModelOf(spans: MathSpan[]): NoteMath {
  const definitions: MacroDefinition[] = [];
  const uses: ControlWord[] = [];
  spans.forEach((span, index) => {
    const defined = new Set<number>();
    if (span.tex.includes('def') || span.tex.includes('command')) {
      DEFINITION.lastIndex = 0;
      for (let match = DEFINITION.exec(span.tex); match; match = DEFINITION.exec(span.tex)) {
        const nameAt = match.index + match[0].length - match[3].length - 1;
        defined.add(nameAt);
        definitions.push({
          name: match[3],
          command: match[1] as DefiningCommand,
          start: span.texOffset(nameAt),
          end: span.texOffset(nameAt + 1 + match[3].length),
          body: bodyAfter(span.tex, DEFINITION.lastIndex + (match[2] ? 1 : 0)),
          span: index,
        });
      }
    }
    CONTROL_WORD.lastIndex = 0;
    for (let match = CONTROL_WORD.exec(span.tex); match; match = CONTROL_WORD.exec(span.tex)) {
      if (defined.has(match.index) || isEscapedBackslash(span.tex, match.index)) continue;
      uses.push({ name: match[1], start: span.texOffset(match.index), end: span.texOffset(match.index + match[0].length), span: index });
    }
  });
  return { spans, definitions, uses };
}

/** `\\alpha` is a line break followed by the text "alpha", not a control word. */
function isEscapedBackslash(tex: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && tex[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** The braced replacement text after a macro's name and parameters (`[2]`, `#1#2`), or ''. */
function bodyAfter(tex: string, from: number): string {
  let at = from;
  while (at < tex.length && tex[at] !== '{') {
    if (!/[\s}[\]\d#]/.test(tex[at])) return '';
    at++;
  }
  if (tex[at] !== '{') return '';
  let depth = 0;
  for (let end = at; end < tex.length; end++) {
    const char = tex[end];
    if (char === '\\') end++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return tex.slice(at + 1, end);
  }
  return tex.slice(at + 1);
}

/** The formula containing `offset` (delimiters included), by binary search over the ordered spans. */
export function spanIndexAt(model: NoteMath, offset: number): number | undefined {
  let low = 0;
  let high = model.spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = model.spans[mid];
    if (offset < span.start) high = mid - 1;
    else if (offset > span.end) low = mid + 1;
    else return mid;
  }
  return undefined;
}
