// preview.memory-200kb: peak memory of a preview session on the 200 KB note (first render + 5
// edits), ours and the baseline each in its own fresh Node process, as the extension host would
// hold it. Reported as peak RSS (start-up of Node included, same for both sides); the note adds the
// JS heap still retained after a full GC (caches kept for fast edits show up there).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BASELINE_PREVIEW } from '../lib/baseline.mjs';
import { median } from '../lib/harness.mjs';
import { NotAvailable, repoRoot } from '../lib/ours.mjs';

function measure(side) {
  const result = spawnSync(process.execPath, ['--expose-gc', join(repoRoot, 'bench/lib/memoryChild.mjs'), side], { encoding: 'utf8', cwd: repoRoot });
  if (result.status !== 0) throw new Error(`memoryChild ${side} exited ${result.status}: ${result.stderr.split('\n').slice(0, 5).join(' ')}`);
  const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
  if (parsed.unavailable) throw new NotAvailable(parsed.unavailable);
  return parsed;
}

export const previewMemory = {
  name: 'preview.memory-200kb',
  unit: 'MB',
  async run({ quick }) {
    const runs = quick ? 1 : 2;
    const ours = [];
    const baseline = [];
    let why;
    for (let i = 0; i < runs; i++) {
      baseline.push(measure('baseline'));
      if (why) continue;
      try {
        ours.push(measure('ours'));
      } catch (error) {
        if (!(error instanceof NotAvailable)) throw error;
        why = error.message;
      }
    }
    const peak = (samples) => median(samples.map((s) => s.peakRssMB));
    const retained = (samples) => median(samples.map((s) => s.retainedHeapMB));
    const fields = { baseline: `${BASELINE_PREVIEW}, peak RSS`, baseline_value: peak(baseline), runs };
    if (why) return { ...fields, status: 'not available', note: why };
    const ratio = peak(baseline) / peak(ours);
    return {
      ...fields,
      ours_value: peak(ours),
      ratio: Math.round(ratio * 100) / 100,
      note: `peak RSS; heap retained after GC: ours ${retained(ours)} MB, baseline ${retained(baseline)} MB`,
    };
  },
};
