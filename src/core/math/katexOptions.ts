/**
 * Every KaTeX option Mathpost uses, in one place (preview, export, CLI and diagnostics all go
 * through here, so what the author sees in the editor and in the preview cannot drift apart).
 */
import type { KatexOptions } from 'katex';

/**
 * Why each value:
 * - `throwOnError: true`: we catch the ParseError ourselves to turn `position`/`length` into a
 *   diagnostic at the exact character and to show the error escaped in the preview.
 * - `trust: false`: a note is untrusted input; `\href{javascript:…}`, `\htmlClass`, `\includegraphics`
 *   must never produce markup.
 * - `maxExpand`/`maxSize`: a hostile or mistyped macro cannot freeze the extension host or paint a
 *   page-sized box.
 * - `strict: 'ignore'`: the blog (KaTeX defaults) renders these, so the preview must too, and KaTeX's
 *   'warn' would write to the console for every formula.
 * - `globalGroup: true`: `\newcommand` / `\gdef` in one formula carry over to the later formulas of
 *   the same note (the macros object is shared for one render pass and reset per note).
 * - `output: 'htmlAndMathml'`: what the blog's renderer produces (KaTeX default), and MathML keeps
 *   the formula readable by screen readers and copy/paste.
 */
export const KATEX_BASE_OPTIONS: Readonly<KatexOptions> = Object.freeze({
  throwOnError: true,
  trust: false,
  maxExpand: 1000,
  maxSize: 20,
  strict: 'ignore',
  globalGroup: true,
  output: 'htmlAndMathml',
});

/** The options for one formula; `macros` is the note's shared, mutable macro table. */
export function katexOptionsFor(displayMode: boolean, macros: Record<string, unknown>): KatexOptions {
  return { ...KATEX_BASE_OPTIONS, displayMode, macros: macros as KatexOptions['macros'] };
}

/** A string that changes whenever an option that affects KaTeX output changes (part of cache keys). */
export const KATEX_OPTIONS_SIGNATURE = JSON.stringify(KATEX_BASE_OPTIONS);

/**
 * TeX commands that define macros: a formula containing one of these changes the macro table
 * for every formula after it (with `globalGroup: true`).
 */
export const MACRO_DEFINITION_PATTERN = /\\(?:(?:re)?newcommand|providecommand|[gxe]?def|global|let|futurelet)(?![a-zA-Z])/;
