/**
 * A KaTeX worker of KatexWorkerPool (and of KatexWorkerChannel, which reads the replies synchronously on
 * the port it passes as `workerData.replyPort`): renders each formula of a chunk with the very function the
 * calling thread uses (same limits, options and KaTeX build), each with a fresh copy of the note's base macros.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { renderWithKatex } from '../core/math/katexRenderer';
import type { WorkerReply, WorkerRequest } from './katexPool';

const replyPort = (workerData as { replyPort?: MessagePort } | null)?.replyPort ?? parentPort;

parentPort?.on('message', (request: WorkerRequest) => {
  const results = request.formulas.map((formula) => renderWithKatex(formula.tex, formula.display, { ...request.macros }));
  const reply: WorkerReply = { id: request.id, results: request.discard ? [] : results };
  replyPort?.postMessage(reply);
});
