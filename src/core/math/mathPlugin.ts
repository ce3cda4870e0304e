/**
 * The markdown-it math plugin. With the default syntax it follows @renbaoshuo/markdown-it-katex
 * (a fork of waylonflinn/markdown-it-katex) rule for rule, so the preview shows as math exactly
 * what the blog shows as math; see delimiters.ts for the rules and the other conventions.
 * Rendering is delegated (`renderMath`), so the plugin knows nothing about KaTeX or caching.
 */
import type MarkdownItModule from 'markdown-it';
import type { MathSyntax } from './delimiters';

export type MarkdownIt = MarkdownItModule.MarkdownIt;
type StateInline = MarkdownItModule.StateInline;
type StateBlock = MarkdownItModule.StateBlock;

export interface MathPluginOptions {
  syntax: MathSyntax;
  /** HTML for one formula (errors included); `display` for `$$`/`\[` math. */
  renderMath(tex: string, display: boolean): string;
}

const SPACE = 0x20;
const TAB = 0x09;
const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

/** renbaoshuo `isValidDelim`: may the `$` at `pos` open / close inline math? */
function dollarDelimiter(state: StateInline, pos: number): { canOpen: boolean; canClose: boolean } {
  const prev = pos > 0 ? state.src.charCodeAt(pos - 1) : -1;
  const next = pos + 1 <= state.posMax ? state.src.charCodeAt(pos + 1) : -1;
  const nextIsDigit = next >= 0x30 && next <= 0x39;
  return {
    canOpen: next !== SPACE && next !== TAB,
    canClose: !(prev === SPACE || prev === TAB || nextIsDigit),
  };
}

/** The next `$` at or after `from` that is preceded by an even number of backslashes, or -1. */
export function nextUnescapedDollar(src: string, from: number, limit = src.length): number {
  let match = from;
  while ((match = src.indexOf('$', match)) !== -1 && match < limit) {
    let pos = match - 1;
    while (pos >= 0 && src.charCodeAt(pos) === BACKSLASH) pos--;
    if ((match - pos) % 2 === 1) return match;
    match++;
  }
  return -1;
}

/** renbaoshuo `math_inline`, including how it gives up (the `$` becomes text, scanning goes on). */
function pandocInline(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== DOLLAR) return false;
  const literal = (text: string, nextPos: number): boolean => {
    if (!silent) state.pending += text;
    state.pos = nextPos;
    return true;
  };
  if (!dollarDelimiter(state, state.pos).canOpen) return literal('$', state.pos + 1);
  const start = state.pos + 1;
  const match = nextUnescapedDollar(state.src, start, state.posMax + 1);
  if (match === -1) return literal('$', start);
  if (match === start) return literal('$$', start + 1);
  if (!dollarDelimiter(state, match).canClose) return literal('$', start);
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.markup = '$';
    token.content = state.src.slice(start, match);
  }
  state.pos = match + 1;
  return true;
}

/** MathJax-style dollars: `$…$` with any non-blank content, `$$…$$` as display math anywhere. */
function looseInline(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== DOLLAR) return false;
  const display = state.src.charCodeAt(state.pos + 1) === DOLLAR;
  const open = display ? 2 : 1;
  const start = state.pos + open;
  let match = start;
  for (;;) {
    match = nextUnescapedDollar(state.src, match, state.posMax + 1);
    if (match === -1) break;
    if (!display || state.src.charCodeAt(match + 1) === DOLLAR) break;
    match++;
  }
  const content = match === -1 ? '' : state.src.slice(start, match);
  if (match === -1 || content.trim() === '') {
    if (!silent) state.pending += state.src.slice(state.pos, start);
    state.pos = start;
    return true;
  }
  if (!silent) {
    const token = state.push(display ? 'math_inline_display' : 'math_inline', 'math', 0);
    token.markup = display ? '$$' : '$';
    token.content = content;
  }
  state.pos = match + open;
  return true;
}

/** `\(…\)` and `\[…\]` inside a paragraph; runs before markdown-it's `escape` rule. */
function bracketInline(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== BACKSLASH) return false;
  const kind = state.src[state.pos + 1];
  if (kind !== '(' && kind !== '[') return false;
  const closer = kind === '(' ? '\\)' : '\\]';
  const start = state.pos + 2;
  const end = state.src.indexOf(closer, start);
  if (end === -1 || end + 2 > state.posMax + 1 || state.src.slice(start, end).trim() === '') return false;
  if (!silent) {
    const token = state.push(kind === '(' ? 'math_inline' : 'math_inline_display', 'math', 0);
    token.markup = kind === '(' ? '\\(' : '\\[';
    token.content = state.src.slice(start, end);
  }
  state.pos = end + 2;
  return true;
}

/** renbaoshuo `math_block`: a line starting with `$$`, up to a line ending with `$$` (or the end). */
function dollarBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  return delimitedBlock(state, startLine, endLine, silent, '$$', '$$');
}

function bracketBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  return delimitedBlock(state, startLine, endLine, silent, '\\[', '\\]');
}

function delimitedBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean, open: string, close: string): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (pos + open.length > max || state.src.slice(pos, pos + open.length) !== open) return false;
  pos += open.length;
  let firstLine = state.src.slice(pos, max);
  if (silent) return true;
  let found = false;
  let lastLine = '';
  if (firstLine.trim().endsWith(close) && firstLine.trim().length >= close.length) {
    firstLine = firstLine.trim().slice(0, -close.length);
    found = true;
  }
  let next = startLine;
  while (!found) {
    next++;
    if (next >= endLine) break;
    pos = state.bMarks[next] + state.tShift[next];
    max = state.eMarks[next];
    if (pos < max && state.tShift[next] < state.blkIndent) break; // a less indented line ends a list item
    if (state.src.slice(pos, max).trim().endsWith(close)) {
      const lastPos = state.src.slice(0, max).lastIndexOf(close);
      lastLine = state.src.slice(pos, lastPos);
      found = true;
    }
  }
  state.line = next + 1;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content =
    (firstLine && firstLine.trim() ? firstLine + '\n' : '') +
    state.getLines(startLine + 1, next, state.tShift[startLine], true) +
    (lastLine && lastLine.trim() ? lastLine : '');
  token.map = [startLine, state.line];
  token.markup = open;
  return true;
}

export function mathPlugin(md: MarkdownIt, options: MathPluginOptions): void {
  const { syntax, renderMath } = options;
  if (syntax.dollars === 'pandoc') md.inline.ruler.after('escape', 'math_inline', pandocInline);
  if (syntax.dollars === 'loose') md.inline.ruler.after('escape', 'math_inline', looseInline);
  if (syntax.brackets) md.inline.ruler.before('escape', 'math_inline_brackets', bracketInline);
  const alt = { alt: ['paragraph', 'reference', 'blockquote', 'list'] };
  if (syntax.dollars !== 'none') md.block.ruler.after('blockquote', 'math_block', dollarBlock, alt);
  if (syntax.brackets) md.block.ruler.after('blockquote', 'math_block_brackets', bracketBlock, alt);

  md.renderer.rules.math_inline = (tokens, idx) => renderMath(tokens[idx].content, false);
  md.renderer.rules.math_inline_display = (tokens, idx) => renderMath(tokens[idx].content, true);
  md.renderer.rules.math_block = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    // `lineOffset`: markdown rendered inside a Hexo tag body counts lines from the tag's block.
    const line = token.map ? ` data-offset="${token.map[0] + Number(env?.lineOffset ?? 0)}"` : '';
    // renbaoshuo wraps a display block in <p> (the blog's margins); the class is the preview's scroll hook.
    return `<p class="mp-math-block"${line}>${renderMath(token.content, true)}</p>\n`;
  };
}
