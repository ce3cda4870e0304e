/**
 * `mathpost check` over many posts on several threads (issue #15: 10,000 posts in a few seconds). Each post is
 * checked on its own (its front matter, math, KL snippets and links, with its blog's config), so the posts are
 * shared out in chunks between this thread and worker threads, and the results are put back in the posts' order:
 * the output is the one of a check on one thread, byte for byte.
 *
 * The workers are the CLI's own file (dist/cli.js) started with CHECK_WORKER_ARGUMENT, which makes it
 * `serveCheckChunks` instead of the command line: no other bundle to ship, and the very code this thread runs.
 */
import type { Worker } from 'node:worker_threads';
import type { CheckResult } from './checkFormats';

/** `process.argv[2]` of a check worker (a person typing it gets a usage error: it only works in a worker). */
export const CHECK_WORKER_ARGUMENT = '--mathpost-check-worker';
/** Below this many posts the workers' start (~0.1 s of CPU each, to load the libraries) costs more than they save. */
export const MIN_PARALLEL_FILES = 400;
/**
 * Posts per message: a chunk is ~20–40 ms of work, so messages are noise and the last chunk (when this thread
 * may wait for a worker's) is short.
 */
const CHUNK = 48;
/** Chunks in flight per worker: it never waits for this thread, which reads replies only between its own chunks. */
const IN_FLIGHT = 2;
interface ChunkRequest {
  id: number;
  files: string[];
}

interface ChunkReply {
  id: number;
  results: CheckResult[][];
}

/** Checks one file (its results in report order); never throws for a problem of the file. */
export type CheckOne = (file: string) => CheckResult[];

/**
 * The results of every file, in `files`' order, checked by this thread and `workers` worker threads running
 * `workerFile` with CHECK_WORKER_ARGUMENT. A worker that fails only stops helping: its chunks are checked here.
 */
export async function checkInParallel(files: readonly string[], checkOne: CheckOne, workers: number, workerFile: string): Promise<CheckResult[][]> {
  const perFile: CheckResult[][] = new Array(files.length);
  const queue: number[] = []; // first index of each chunk not yet given out
  for (let from = 0; from < files.length; from += CHUNK) queue.push(from);
  const chunkOf = (from: number): string[] => files.slice(from, from + CHUNK);
  const checkHere = (from: number): void => {
    chunkOf(from).forEach((file, i) => (perFile[from + i] = checkOne(file)));
  };

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
  let nextId = 1;
  const running: Array<{ worker: Worker; inFlight: Map<number, number> }> = [];
  let settle: (() => void) | undefined;
  const outstanding = (): number => running.reduce((sum, entry) => sum + entry.inFlight.size, 0);
  const give = (entry: (typeof running)[number]): void => {
    while (entry.inFlight.size < IN_FLIGHT && queue.length > 0) {
      const from = queue.shift()!;
      const request: ChunkRequest = { id: nextId++, files: chunkOf(from) };
      entry.inFlight.set(request.id, from);
      entry.worker.postMessage(request);
    }
  };
  // No more workers than chunks beside this thread's first: a worker with nothing to do only costs its start.
  const starting = Math.min(workers, queue.length - 1);
  for (let i = 0; i < starting; i++) {
    const entry = {
      worker: new WorkerThread(workerFile, { argv: [CHECK_WORKER_ARGUMENT] }),
      inFlight: new Map<number, number>(),
    };
    entry.worker.on('message', (reply: ChunkReply) => {
      const from = entry.inFlight.get(reply.id);
      entry.inFlight.delete(reply.id);
      if (from !== undefined) reply.results.forEach((results, i) => (perFile[from + i] = results));
      give(entry);
      settle?.();
    });
    const fail = (): void => {
      if (!running.includes(entry)) return;
      running.splice(running.indexOf(entry), 1);
      // Back to the front of the queue: this thread checks them.
      queue.unshift(...entry.inFlight.values());
      entry.inFlight.clear();
      settle?.();
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', fail);
    running.push(entry);
    give(entry);
  }
  try {
    for (;;) {
      const from = queue.shift();
      if (from !== undefined) {
        checkHere(from);
        // Lets the workers' replies in (each one hands that worker its next chunk).
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (outstanding() > 0) {
        await new Promise<void>((resolve) => (settle = resolve));
        settle = undefined;
      } else {
        break;
      }
    }
  } finally {
    for (const entry of running.splice(0)) void entry.worker.terminate();
  }
  return perFile;
}

/** The worker's side: checks each chunk it is sent with `checkOne` and replies with the results. */
export function serveCheckChunks(checkOne: CheckOne): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  if (!parentPort) throw new Error(`${CHECK_WORKER_ARGUMENT} is for the check's worker threads only`);
  parentPort.on('message', (request: ChunkRequest) => {
    const reply: ChunkReply = { id: request.id, results: request.files.map(checkOne) };
    parentPort.postMessage(reply);
  });
}
