/**
 * The workers' half of the preview's first render of a long note (issue #15; MathRenderer.prefetch starts it): they
 * render its formulas into the renderer's cache in the order the slices will reach them, and the slices follow
 * (ProgressiveRender asks `pending` before rendering a block). On the 2-core benchmark machine, KaTeX on the
 * extension host's thread after a major GC runs at a third of its warm speed (V8 drops the optimised code that
 * referred to objects the GC freed: "weak objects" deopts), and a second thread rendering KaTeX beside it slowed
 * the worker too (their compilers share the cores): the worker alone rendered the note's 1,400 formulas in
 * ~150 ms, both together took ~400 ms.
 */
import type { FormulaJob, MathResult, ParallelMath } from './katexRenderer';

/** Formulas per message to a worker: large enough that messaging is noise, small enough to share the work evenly. */
const PARALLEL_CHUNK = 24;
/**
 * Chunks per worker sent ahead: a worker goes on with the next while this thread reads a reply or renders a slice
 * (~12 ms). When this thread rendered its own share of the formulas, it read replies only between its slices and 8
 * were needed; following the workers, it reads each as it comes, and 3, 4 or 8 gave the same first render. Fewer
 * are fewer formulas rendered twice when the slices go on alone past chunks already sent (a worker still starting).
 */
const CHUNKS_IN_FLIGHT = 4;

/** A prefetch under way (MathRenderer.prefetch): what the workers still hold, and when they send something back. */
export interface MathPrefetch {
  /** Resolves to the number of formulas the workers rendered, once nothing more is sent or awaited. */
  readonly done: Promise<number>;
  /**
   * Whether `formulas[index]` is with the workers: queued or in flight, not back yet, and the prefetch goes on. False
   * for a formula they were not given (a macro definition and all after it, a duplicate) or dropped (a failed chunk).
   */
  pending(index: number): boolean;
  /** Resolves after the next reply is cached, or when the prefetch ends. */
  progress(): Promise<void>;
  /** Replies cached so far (failed chunks included: their formulas went back to the render). */
  readonly replies: number;
}

export class WorkerPrefetch implements MathPrefetch {
  readonly done: Promise<number>;
  replies = 0;
  private readonly withWorkers = new Set<number>();
  private ended = false;
  private wake: Array<() => void> = [];

  constructor(
    private readonly math: { has(key: string): boolean; storeRendered(key: string, result: MathResult): void },
    formulas: readonly FormulaJob[],
    private readonly keys: readonly string[],
    todo: readonly number[],
    baseMacros: Readonly<Record<string, string>>,
    parallel: ParallelMath,
    wanted: () => boolean,
  ) {
    for (const index of todo) this.withWorkers.add(index);
    let next = 0;
    let offThread = 0;
    const feed = async (): Promise<void> => {
      while (next < todo.length && wanted()) {
        const chunk: number[] = [];
        while (next < todo.length && chunk.length < PARALLEL_CHUNK) {
          const index = todo[next++];
          if (math.has(keys[index])) this.withWorkers.delete(index);
          else chunk.push(index);
        }
        if (chunk.length === 0) return;
        let results: MathResult[];
        try {
          results = await parallel.renderChunk(
            chunk.map((index) => formulas[index]),
            baseMacros,
          );
        } catch {
          // A worker that failed: its formulas are the render's again.
          for (const index of chunk) this.withWorkers.delete(index);
          this.notify();
          return;
        }
        results.forEach((result, i) => {
          this.withWorkers.delete(chunk[i]);
          if (math.has(keys[chunk[i]])) return;
          offThread++;
          math.storeRendered(keys[chunk[i]], result);
        });
        this.notify();
      }
    };
    // A few chunks in flight per worker: a worker keeps rendering while this thread reads a reply or renders a slice.
    this.done = Promise.all(Array.from({ length: CHUNKS_IN_FLIGHT * parallel.size }, feed)).then(() => {
      this.ended = true;
      this.notify();
      return offThread;
    });
  }

  pending(index: number): boolean {
    return !this.ended && this.withWorkers.has(index) && !this.math.has(this.keys[index]);
  }

  progress(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => this.wake.push(resolve));
  }

  private notify(): void {
    this.replies++;
    const waiting = this.wake;
    this.wake = [];
    for (const resolve of waiting) resolve();
  }
}
