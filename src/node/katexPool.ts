/**
 * KaTeX in worker threads (issue #15): a note of ~1,400 distinct formulas spends most of its first render in
 * KaTeX, one formula at a time, on one core. The pool renders chunks of formulas on the other cores
 * (`MathRenderer.prefetch` for the preview, `fillDuringRender` for the CLI: the calling thread renders the rest).
 * Workers start on first use, only for a note with enough formulas (below 4 cores: after its render, see `cold`), and
 * end after 5 quiet minutes: an idle editor holds no extra heaps.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FormulaJob, MathResult, ParallelMath } from '../core/math/katexRenderer';

export interface KatexPoolOptions {
  /** Number of workers (default: one per core but the calling thread's, at most MAX_WORKERS). */
  size?: number;
  /** Workers end after this long without work (default 5 minutes). */
  idleMs?: number;
  /** The machine's cores (default: os.availableParallelism()); below COLD_START_MIN_CORES a render starts no worker. */
  cores?: number;
  /** The worker script (default: katexWorker.js next to this module, in dist/ and in out/src/node/ alike). */
  workerFile?: string;
}

/** Each worker is a V8 heap with its own KaTeX (~15 MB): beyond a few, the extension host's memory grows for little. */
export const MAX_WORKERS = 4;

/**
 * Below this many cores, a worker that a render starts slows that render down: on the 2-core benchmark machine the
 * 200 KB note took ~0.75× the baseline's time with a worker started by the render, ~1.04× on one thread, ~1.7× with a
 * worker already warm (preview.first-render-200kb-cold-worker). The render then goes alone and warms the worker after.
 */
export const COLD_START_MIN_CORES = 4;

/**
 * Workers end after this long without work. Long enough that a writing session keeps its warm worker from one long
 * note to the next (a worker's heap is ~20–40 MB), short enough that an idle editor gives the memory back.
 */
const DEFAULT_IDLE_MS = 5 * 60_000;

/**
 * V8's default young generation: with 8 MB (to keep the extension host's peak memory low), the worker's KaTeX ran at
 * ~0.3 ms a formula instead of ~0.2 (more scavenges, and the major GCs they lead to drop optimised code); peak memory
 * stays below VS Code's own preview's (preview.memory-200kb).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256 };

export interface WorkerRequest {
  id: number;
  formulas: FormulaJob[];
  macros: Record<string, string>;
  /** A warm-up: render, then reply with no results. */
  discard?: boolean;
}

export interface WorkerReply {
  id: number;
  results: MathResult[];
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, { resolve(results: MathResult[]): void; reject(error: Error): void }>;
}

/** One worker per core but the calling thread's, at most MAX_WORKERS. */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(0, Math.min(MAX_WORKERS, cores - 1));
}

export class KatexWorkerPool implements ParallelMath {
  readonly size: number;
  private readonly cores: number;
  private readonly idleMs: number;
  private readonly workerFile: string;
  private workers: PoolWorker[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(options: KatexPoolOptions = {}) {
    this.size = options.size ?? defaultPoolSize();
    this.cores = options.cores ?? availableParallelism();
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.workerFile = options.workerFile ?? join(__dirname, 'katexWorker.js');
  }

  /** Workers running now (0 before the first chunk and after the idle time). */
  get running(): number {
    return this.workers.length;
  }

  /** No worker running, on a machine with fewer than COLD_START_MIN_CORES cores (see ParallelMath.cold). */
  get cold(): boolean {
    return this.size > 0 && this.workers.length === 0 && this.cores < COLD_START_MIN_CORES;
  }

  warmUp(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): void {
    if (this.disposed || this.size < 1 || this.workers.length > 0 || formulas.length === 0) return;
    // A failed warm-up leaves the pool as it was: the next render starts the workers itself.
    this.send(formulas, macros, true).catch(() => {});
  }

  renderChunk(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): Promise<MathResult[]> {
    return this.send(formulas, macros, false);
  }

  private send(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>, discard: boolean): Promise<MathResult[]> {
    if (this.disposed || this.size < 1) return Promise.reject(new Error('the KaTeX worker pool is closed'));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    while (this.workers.length < this.size) this.workers.push(this.startWorker());
    const target = this.workers.reduce((least, next) => (next.jobs.size < least.jobs.size ? next : least));
    const id = this.nextId++;
    return new Promise<MathResult[]>((resolve, reject) => {
      target.jobs.set(id, { resolve, reject });
      // A busy worker keeps the process alive (the CLI awaits it); an idle one does not.
      target.worker.ref();
      const request: WorkerRequest = { id, formulas: [...formulas], macros: { ...macros }, discard };
      target.worker.postMessage(request);
    });
  }

  /** Ends every worker now (pending chunks are rejected: their formulas are left to the caller's render). */
  dispose(): void {
    this.disposed = true;
    this.stopAll();
  }

  private startWorker(): PoolWorker {
    // Required here, not at the top: the extension bundles this module, and loading worker_threads (4–6 ms) has no
    // place in activation; only a long note's first render needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const entry: PoolWorker = { worker: new WorkerThread(this.workerFile, { resourceLimits: WORKER_LIMITS }), jobs: new Map() };
    const fail = (error: Error): void => {
      this.workers = this.workers.filter((other) => other !== entry);
      for (const job of entry.jobs.values()) job.reject(error);
      entry.jobs.clear();
      this.whenIdle();
    };
    entry.worker.on('message', (reply: WorkerReply) => {
      const job = entry.jobs.get(reply.id);
      entry.jobs.delete(reply.id);
      if (entry.jobs.size === 0) entry.worker.unref();
      job?.resolve(reply.results);
      this.whenIdle();
    });
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => fail(new Error(`KaTeX worker exited (${code})`)));
    return entry;
  }

  private whenIdle(): void {
    if (this.disposed || this.idleTimer || this.workers.some((entry) => entry.jobs.size > 0)) return;
    this.idleTimer = setTimeout(() => this.stopAll(), this.idleMs);
    this.idleTimer.unref();
  }

  private stopAll(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const workers = this.workers;
    this.workers = [];
    for (const entry of workers) {
      for (const job of entry.jobs.values()) job.reject(new Error('the KaTeX worker pool was closed'));
      entry.jobs.clear();
      void entry.worker.terminate();
    }
  }
}
