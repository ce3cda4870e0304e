/**
 * Limits checked before KaTeX sees a formula (issue #6, hardening): input that would keep the extension
 * host busy for seconds gets an error with a message instead. Shared by the render and the parse-only check.
 */
import type { MathError } from './katexRenderer';

/**
 * KaTeX needs about 50 µs per character, and far more on long input: a 1 MB formula in a pasted
 * note kept the extension host busy for minutes. Longer formulas get an error instead.
 */
export const MAX_FORMULA_LENGTH = 20_000;

/**
 * KaTeX recurses once per group, and very deep input only fails when the stack runs out, after
 * seconds (5,000 nested `\frac`: 3.5 s). Real formulas nest a few levels; this is far above that.
 */
export const MAX_FORMULA_NESTING = 300;

const NESTING_TOKEN = /\\(?:left|begin)(?![a-zA-Z])|\\(?:right|end)(?![a-zA-Z])|\\[^a-zA-Z]|[{}]/g;

/** An error for input beyond the limits above, before KaTeX sees it. */
export function formulaLimitError(tex: string): MathError | undefined {
  if (tex.length > MAX_FORMULA_LENGTH) {
    return { message: `Formula too long to render (${tex.length} characters; the limit is ${MAX_FORMULA_LENGTH})` };
  }
  let depth = 0;
  NESTING_TOKEN.lastIndex = 0;
  for (let match = NESTING_TOKEN.exec(tex); match; match = NESTING_TOKEN.exec(tex)) {
    const token = match[0];
    if (token === '{' || token === '\\left' || token === '\\begin') depth++;
    else if (token === '}' || token === '\\right' || token === '\\end') depth = Math.max(0, depth - 1);
    if (depth > MAX_FORMULA_NESTING) {
      return { message: `Formula nested too deeply to render (more than ${MAX_FORMULA_NESTING} levels)`, position: match.index, length: token.length };
    }
  }
  return undefined;
}

/**
 * `maxExpand` counts expansions, not what they produce: `\def\b{…1,000 x…}` used 100 times is 1.2 KB of
 * text and 100,000 atoms (21 s in KaTeX). Estimate the expanded size before KaTeX runs: each use of a
 * macro adds its body, whose own macro uses count once more (nested blow-ups beyond that are what
 * `maxExpand` stops).
 */
export const MAX_EXPANDED_LENGTH = 100_000;

const MACRO_DEFINITION = /\\(?:[gex]?def|(?:re)?newcommand|providecommand)\s*\{?\\([a-zA-Z]+)\}?[^{]{0,20}\{/g;

function macroBodies(tex: string, macros: Record<string, unknown>): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const [name, body] of Object.entries(macros)) {
    // Settings give strings; KaTeX stores a \gdef of an earlier formula as { tokens, numArgs }.
    const tokens = (body as { tokens?: Array<{ text?: string }> } | undefined)?.tokens;
    const text = typeof body === 'string' ? body : Array.isArray(tokens) ? tokens.map((token) => token.text ?? '').join('') : undefined;
    if (text !== undefined) bodies.set(name.replace(/^\\/, ''), text);
  }
  MACRO_DEFINITION.lastIndex = 0;
  for (let match = MACRO_DEFINITION.exec(tex); match; match = MACRO_DEFINITION.exec(tex)) {
    let depth = 1;
    let end = MACRO_DEFINITION.lastIndex;
    while (end < tex.length && depth > 0) {
      const char = tex[end++];
      if (char === '\\') end++;
      else if (char === '{') depth++;
      else if (char === '}') depth--;
    }
    bodies.set(match[1], tex.slice(MACRO_DEFINITION.lastIndex, end - 1));
  }
  return bodies;
}

export function expansionLimitError(tex: string, macros: Record<string, unknown>): MathError | undefined {
  if (!tex.includes('\\')) return undefined;
  const bodies = macroBodies(tex, macros);
  if (bodies.size === 0) return undefined;
  const uses = (text: string, name: string) => text.split(`\\${name}`).length - 1;
  const expandedLength = (body: string) => body.length + [...bodies].reduce((sum, [name, inner]) => sum + uses(body, name) * inner.length, 0);
  let total = tex.length;
  for (const [name, body] of bodies) {
    total += uses(tex, name) * expandedLength(body);
    if (total > MAX_EXPANDED_LENGTH) {
      return { message: `Macros expand too much to render (more than ${MAX_EXPANDED_LENGTH} characters after \\${name})` };
    }
  }
  return undefined;
}
