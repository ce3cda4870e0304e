/**
 * The parallel half of a first render (issue #15): the formulas of a note, found by the diagnostics' scanner
 * (same delimiter rules as the render), rendered into the KaTeX cache by the worker pool and this thread
 * together, before the note's synchronous render, which then finds them cached. A formula the scanner sees
 * differently from the render is only a cache miss: the render renders it, the output cannot change.
 */
import type { MathRenderer, ParallelMath } from '../math/katexRenderer';
import { resolveMathSyntax } from '../math/delimiters';
import { scanMath } from '../math/mathSpans';
import { Note } from '../note/note';
import type { RenderOptions } from './blockRenderer';

/** The macros a note starts with: the blog's `katex.macros`, then the settings (they win). */
export function noteBaseMacros(options: Pick<RenderOptions, 'blog' | 'macros'>): Record<string, string> {
  return { ...(options.blog?.katexMacros ?? {}), ...(options.macros ?? {}) };
}

/** Renders the note's uncached formulas into `math`'s cache with `parallel`; resolves to how many the workers did. */
export async function prefetchNoteMath(source: Note | string, options: RenderOptions, math: MathRenderer, parallel: ParallelMath | undefined): Promise<number> {
  if (!parallel || parallel.size < 1) return 0;
  const syntax = resolveMathSyntax(options.delimiters, options.blog);
  if (syntax.dollars === 'none' && !syntax.brackets) return 0;
  const spans = scanMath(Note.of(source), syntax).spans;
  return math.prefetch(
    spans.map((span) => ({ tex: span.tex, display: span.display })),
    noteBaseMacros(options),
    parallel,
  );
}
