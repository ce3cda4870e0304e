/**
 * The parallel half of a first render (issue #15): the formulas of a note, found by the diagnostics' scanner
 * (same delimiter rules as the render), rendered into the KaTeX cache by the worker pool and this thread
 * together, before the note's synchronous render, which then finds them cached. A formula the scanner sees
 * differently from the render is only a cache miss: the render renders it, the output cannot change.
 */
import type { FormulaJob, MathRenderer, ParallelMath } from '../math/katexRenderer';
import { resolveMathSyntax } from '../math/delimiters';
import { type MathSpan, scanMath } from '../math/mathSpans';
import { Note } from '../note/note';
import type { RenderOptions } from './blockRenderer';

/** The macros a note starts with: the blog's `katex.macros`, then the settings (they win). */
export function noteBaseMacros(options: Pick<RenderOptions, 'blog' | 'macros'>): Record<string, string> {
  return { ...(options.blog?.katexMacros ?? {}), ...(options.macros ?? {}) };
}

/**
 * The TeX as the render hands it to KaTeX: a display block opened by a line of its own (`$$` or `\\[` alone) starts
 * with that line's newline in the scanner's span (whose offsets the diagnostics need) but not in the block token.
 */
function renderedTex(span: MathSpan): string {
  return span.display && span.tex.startsWith('\n') ? span.tex.slice(1) : span.tex;
}

/** The note's formulas as the render hands them to KaTeX, in order, with their offsets. */
function noteFormulas(note: Note, options: RenderOptions): Array<FormulaJob & { start: number }> {
  const syntax = resolveMathSyntax(options.delimiters, options.blog);
  if (syntax.dollars === 'none' && !syntax.brackets) return [];
  return scanMath(note, syntax).spans.map((span) => ({ tex: renderedTex(span), display: span.display, start: span.start }));
}

/** The note's formulas in document order, as the render will hand them to KaTeX (for src/core/math/parallelFill.ts). */
export function noteFormulaJobs(source: Note | string, options: RenderOptions): FormulaJob[] {
  return noteFormulas(Note.of(source), options).map(({ tex, display }) => ({ tex, display }));
}

/**
 * The workers alone on the note's formulas, from its end backwards while this thread renders from `fromOffset` on
 * (see MathRenderer.prefetchFromEnd); resolves to how many the workers did.
 */
export async function prefetchNoteMathFromEnd(
  note: Note,
  fromOffset: number,
  options: RenderOptions,
  math: MathRenderer,
  parallel: ParallelMath,
  wanted: () => boolean,
): Promise<number> {
  const formulas = noteFormulas(note, options);
  const startAt = formulas.findIndex((formula) => formula.start >= fromOffset);
  return math.prefetchFromEnd(formulas, startAt === -1 ? formulas.length : startAt, noteBaseMacros(options), parallel, wanted);
}
