/**
 * KaTeX worker threads whose replies this thread reads synchronously (`receiveMessageOnPort`), for
 * src/core/math/parallelFill.ts: the note renders on this thread without yielding, and takes what the workers
 * have rendered on each cache miss. The workers are dist/katexWorker.js, the pool's (src/node/katexPool.ts),
 * told by `workerData.replyPort` to reply on a port of their own instead of the parent port.
 */
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, type ResourceLimits, Worker } from 'node:worker_threads';
import type { FormulaJob, MathResult } from '../core/math/katexRenderer';
import type { SyncParallelMath } from '../core/math/parallelFill';
import { defaultPoolSize, type WorkerReply, type WorkerRequest } from './katexPool';

export interface KatexWorkerChannelOptions {
  /** Number of workers (default: the pool's, one per core but this thread's). */
  size?: number;
  /** The worker script (default: katexWorker.js next to this module, in dist/ and in out/src/node/ alike). */
  workerFile?: string;
  /** V8 limits of each worker (default: V8's own, for a one-shot command line process). */
  resourceLimits?: ResourceLimits;
}

interface ChannelWorker {
  worker: Worker;
  port: MessagePort;
  pending: number;
  failed: boolean;
}

export class KatexWorkerChannel implements SyncParallelMath {
  readonly size: number;
  private readonly workers: ChannelWorker[] = [];
  private nextId = 1;

  /** Starts the workers now: a worker needs ~0.2 s to boot, which the caller spends reading and scanning the note. */
  constructor(options: KatexWorkerChannelOptions = {}) {
    this.size = options.size ?? defaultPoolSize();
    const workerFile = options.workerFile ?? join(__dirname, 'katexWorker.js');
    for (let i = 0; i < this.size; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(workerFile, { workerData: { replyPort: port2 }, transferList: [port2], resourceLimits: options.resourceLimits });
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
  }

  send(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): number {
    const id = this.nextId++;
    const live = this.workers.filter((entry) => !entry.failed);
    if (live.length === 0) return id; // never answered: the caller renders these formulas itself
    const target = live.reduce((least, next) => (next.pending < least.pending ? next : least));
    target.pending++;
    const request: WorkerRequest = { id, formulas: [...formulas], macros: { ...macros } };
    target.worker.postMessage(request);
    return id;
  }

  receive(): Array<{ id: number; results: MathResult[] }> {
    const replies: WorkerReply[] = [];
    for (const entry of this.workers) {
      for (let message = receiveMessageOnPort(entry.port); message; message = receiveMessageOnPort(entry.port)) {
        entry.pending--;
        replies.push(message.message as WorkerReply);
      }
    }
    return replies;
  }

  /** Ends the workers (what they still hold is dropped). */
  dispose(): void {
    for (const entry of this.workers) {
      entry.port.close();
      void entry.worker.terminate();
    }
    this.workers.length = 0;
  }
}
