// Child process of preview.memory-200kb: one preview session on the 200 KB note (open = first
// render, then 5 one-line edits), alone in a fresh Node process so that its peak RSS is its own.
//   node --expose-gc bench/lib/memoryChild.mjs ours|baseline
// Prints {peakRssMB, heapAfterMB, retainedHeapMB} or {unavailable: why}.
import { createBaselineEngine } from './baseline.mjs';
import { editNote, generateNote } from './note.mjs';
import { NotAvailable } from './ours.mjs';
import { createOurRenderer } from './ourSides.mjs';

const side = process.argv[2];
const megabytes = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
try {
  let note = generateNote(1);
  const versions = [];
  for (let i = 1; i <= 5; i++) versions.push((note = editNote(note, i).text));
  note = generateNote(1);
  if (side === 'ours') {
    const session = createOurRenderer().openSession(note);
    for (const version of versions) session.update(version);
    globalThis.keep = session;
  } else {
    const engine = createBaselineEngine();
    engine.render(note);
    for (const version of versions) engine.render(version);
    globalThis.keep = engine;
  }
  const heapAfter = process.memoryUsage().heapUsed;
  globalThis.gc?.();
  process.stdout.write(JSON.stringify({
    // maxRSS is in kilobytes: the high-water mark of the whole process, start-up included.
    peakRssMB: megabytes(process.resourceUsage().maxRSS * 1024),
    heapAfterMB: megabytes(heapAfter),
    retainedHeapMB: megabytes(process.memoryUsage().heapUsed),
  }) + '\n');
} catch (error) {
  if (!(error instanceof NotAvailable)) throw error;
  process.stdout.write(JSON.stringify({ unavailable: error.message }) + '\n');
}
