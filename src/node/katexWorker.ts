/**
 * A KaTeX worker of KatexWorkerPool: renders each formula of a chunk with the very function the calling
 * thread uses (same limits, options and KaTeX build), each with a fresh copy of the note's base macros.
 */
import { parentPort } from 'node:worker_threads';
import { renderWithKatex } from '../core/math/katexRenderer';
import type { WorkerReply, WorkerRequest } from './katexPool';

parentPort?.on('message', (request: WorkerRequest) => {
  const results = request.formulas.map((formula) => renderWithKatex(formula.tex, formula.display, { ...request.macros }));
  const reply: WorkerReply = { id: request.id, results };
  parentPort?.postMessage(reply);
});
