/**
 * KaTeX worker threads whose replies this thread reads synchronously (`receiveMessageOnPort`), for
 * src/core/math/parallelFill.ts: the note renders on this thread without yielding, and takes what the workers
 * have rendered on each cache miss. The workers are dist/katexWorker.js, the pool's (src/node/katexPool.ts),
 * told by `workerData.replyPort` to reply on a port of their own instead of the parent port.
 */
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { FormulaJob, MathResult } from '../core/math/katexRenderer';
import type { SyncParallelMath } from '../core/math/parallelFill';
import { defaultPoolSize, type WorkerReply, type WorkerRequest } from './katexPool';

export interface KatexWorkerChannelOptions {
  /** Number of workers (default: the pool's, one per core but this thread's). */
  size?: number;
  /** The worker script (default: katexWorker.js next to this module, in dist/ and in out/src/node/ alike). */
  workerFile?: string;
}

interface ChannelWorker {
  worker: Worker;
  port: MessagePort;
  pending: number;
  failed: boolean;
}

export class KatexWorkerChannel implements SyncParallelMath {
  readonly size: number;
  private readonly workerFile: string;
  private workers: ChannelWorker[] | undefined;
  private nextId = 1;

  constructor(options: KatexWorkerChannelOptions = {}) {
    this.size = options.size ?? defaultPoolSize();
    this.workerFile = options.workerFile ?? join(__dirname, 'katexWorker.js');
  }

  /** The workers, started on the first chunk: a note with few formulas never pays for one (~0.1 s of CPU each). */
  private started(): ChannelWorker[] {
    if (this.workers) return this.workers;
    this.workers = [];
    for (let i = 0; i < this.size; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(this.workerFile, { workerData: { replyPort: port2 }, transferList: [port2] });
      const entry: ChannelWorker = { worker, port: port1, pending: 0, failed: false };
      // A worker that fails only stops helping: what it held is rendered by the calling thread.
      const fail = (): void => {
        entry.failed = true;
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      worker.unref();
      this.workers.push(entry);
    }
    return this.workers;
  }

  send(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): number {
    const id = this.nextId++;
    const live = this.started().filter((entry) => !entry.failed);
    if (live.length === 0) return id; // never answered: the caller renders these formulas itself
    const target = live.reduce((least, next) => (next.pending < least.pending ? next : least));
    target.pending++;
    const request: WorkerRequest = { id, formulas: [...formulas], macros: { ...macros } };
    target.worker.postMessage(request);
    return id;
  }

  receive(): Array<{ id: number; results: MathResult[] }> {
    const replies: WorkerReply[] = [];
    for (const entry of this.workers ?? []) {
      for (let message = receiveMessageOnPort(entry.port); message; message = receiveMessageOnPort(entry.port)) {
        entry.pending--;
        replies.push(message.message as WorkerReply);
      }
    }
    return replies;
  }

  /** Ends the workers (what they still hold is dropped). */
  dispose(): void {
    for (const entry of this.workers ?? []) {
      entry.port.close();
      void entry.worker.terminate();
    }
    this.workers = [];
  }

  /** Workers started (0 until the first chunk). */
  get running(): number {
    return this.workers?.length ?? 0;
  }
}
