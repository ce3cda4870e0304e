/**
 * Worker threads fill the KaTeX cache while this thread renders the note (`mathpost render`, issue #15).
 *
 * Rendering every formula first and the note after (what the CLI did) left the note's own work (markdown,
 * highlighting, images, the page) to run alone at the end, a quarter of the CLI's time. Here the
 * note is rendered at once, synchronously, in document order, while the workers render formulas from the end
 * of the note towards it. Their replies are read synchronously (`receiveMessageOnPort`) on each cache miss, just
 * before this thread would render the formula itself, so the render never waits: a formula the workers have
 * not sent back yet is rendered here. The output is the render's own, whoever renders a formula (same
 * function, options and base macros; a formula that defines macros, and every one after it, stays here).
 */
import type { FormulaJob, MathResult, MathRenderer } from './katexRenderer';
import { MACRO_DEFINITION_PATTERN } from './katexOptions';

/** Worker threads whose replies can be read without yielding to the event loop (src/node/katexWorkerChannel.ts). */
export interface SyncParallelMath {
  /** Number of workers. */
  readonly size: number;
  /** Sends a chunk to the least busy worker; returns its id. */
  send(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): number;
  /** The replies that have arrived, without waiting. */
  receive(): Array<{ id: number; results: MathResult[] }>;
}

/** Below this many formulas, workers cost more than they save. */
export const MIN_FILL_FORMULAS = 96;
/** Formulas per message: large enough that messaging is noise, small enough that little is rendered twice. */
const CHUNK = 24;
/** Chunks in flight per worker: a worker never waits for this thread to read a reply before it goes on. */
const IN_FLIGHT = 2;

export interface ParallelFill {
  /** Stops feeding the workers and detaches from the renderer; returns how many formulas they rendered. */
  finish(): number;
}

/**
 * Starts filling `math`'s cache with `formulas` (the note's, in document order, as the render will ask for them)
 * on `workers`, and keeps feeding them from each cache miss of the render that follows. Call `finish` after it.
 */
export function fillDuringRender(
  math: MathRenderer,
  formulas: readonly FormulaJob[],
  baseMacros: Readonly<Record<string, string>>,
  workers: SyncParallelMath,
): ParallelFill {
  const keys: string[] = [];
  const indexOf = new Map<string, number>();
  const todo: FormulaJob[] = [];
  for (const job of formulas) {
    if (MACRO_DEFINITION_PATTERN.test(job.tex)) break;
    const key = math.baseKey(baseMacros, job);
    if (indexOf.has(key)) continue;
    indexOf.set(key, todo.length);
    keys.push(key);
    todo.push(job);
  }
  if (workers.size < 1 || todo.length < MIN_FILL_FORMULAS) return { finish: () => 0 };

  /** Where this thread's render is (it renders every formula before this index itself). */
  let reached = 0;
  /** The workers have been given every formula from this index on. */
  let back = todo.length;
  const inFlight = new Map<number, number>(); // chunk id -> index of its first formula
  let byWorkers = 0;

  const take = (): void => {
    for (const { id, results } of workers.receive()) {
      const from = inFlight.get(id);
      inFlight.delete(id);
      if (from === undefined) continue;
      results.forEach((result, i) => math.storeRendered(keys[from + i], result));
      byWorkers += results.length;
    }
  };
  const feed = (): void => {
    // Not the few formulas just ahead of the render: it would reach them before a worker sends them back.
    while (inFlight.size < IN_FLIGHT * workers.size && back - CHUNK > reached + CHUNK) {
      const from = back - CHUNK;
      inFlight.set(workers.send(todo.slice(from, back), baseMacros), from);
      back = from;
    }
  };
  const onMiss = (key: string): void => {
    const index = indexOf.get(key);
    if (index !== undefined && index >= reached) reached = index + 1;
    take();
    feed();
  };
  feed();
  math.onMiss = onMiss;
  return {
    finish: () => {
      if (math.onMiss === onMiss) math.onMiss = undefined;
      back = reached;
      return byWorkers;
    },
  };
}
