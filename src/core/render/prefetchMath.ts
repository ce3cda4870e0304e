/**
 * The parallel half of a long note's first render (issue #15): the note's formulas, found by the diagnostics' scanner
 * (same delimiter rules as the render), rendered into the KaTeX cache by the worker pool while the preview's slices
 * follow them. A formula the scanner sees differently from the render is only a cache miss: the render renders it,
 * the output cannot change.
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

/** The workers on a note's formulas (MathRenderer.prefetch), asked by note offsets. */
export interface NotePrefetch {
  /** Resolves to how many formulas the workers rendered, once they are done with the note. */
  readonly done: Promise<number>;
  /** Whether a formula that starts in [from, to) (offsets in the note) is still with the workers. */
  pendingIn(from: number, to: number): boolean;
  /** Resolves after the workers' next reply is cached, or when they are done. */
  progress(): Promise<void>;
  /** Replies cached so far. */
  readonly replies: number;
}

/**
 * The workers on the note's formulas, in the slices' order: from the first one at or after `fromOffset` (below the
 * visible range) to the end, then from the top (see MathRenderer.prefetch). Undefined when they have nothing to do.
 */
export function prefetchNoteMath(
  note: Note,
  fromOffset: number,
  options: RenderOptions,
  math: MathRenderer,
  parallel: ParallelMath,
  wanted: () => boolean,
): NotePrefetch | undefined {
  const formulas = noteFormulas(note, options);
  const startAt = formulas.findIndex((formula) => formula.start >= fromOffset);
  const job = math.prefetch(formulas, startAt === -1 ? formulas.length : startAt, noteBaseMacros(options), parallel, wanted);
  if (!job) return undefined;
  return {
    done: job.done,
    progress: () => job.progress(),
    get replies() {
      return job.replies;
    },
    pendingIn(from: number, to: number): boolean {
      // The formulas are in document order: the first one at or after `from`, then on while they start before `to`.
      let low = 0;
      let high = formulas.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (formulas[middle].start < from) low = middle + 1;
        else high = middle;
      }
      for (let index = low; index < formulas.length && formulas[index].start < to; index++) if (job.pending(index)) return true;
      return false;
    },
  };
}
