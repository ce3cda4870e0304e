// preview.memory-200kb: peak memory of the real extension host (code-server) while it previews the
// 200 KB note: open the preview to the side, wait for its math, type 5 one-line edits and wait for
// each in the preview. Ours = Mathpost's preview; baseline = VS Code's own markdown preview with the
// built-in markdown-math, in a code-server without Mathpost. A new window (new host) per run.
import { median } from '../lib/harness.mjs';
import { BASELINE_COMMAND, measureHostMemory } from '../lib/hostMemory.mjs';
import { packageVsix } from '../lib/vsix.mjs';

const round = (value) => Math.round(value * 10) / 10;

export const previewMemory = {
  name: 'preview.memory-200kb',
  unit: 'MB',
  async run({ quick, log }) {
    const { vsix } = packageVsix();
    const { ours, baseline } = await measureHostMemory(vsix, { runs: quick ? 1 : 2, log });
    const peak = (samples) => round(median(samples.map((s) => s.peakMB)));
    const growth = (samples) => round(median(samples.map((s) => s.growthMB)));
    return {
      baseline: `VS Code preview ("${BASELINE_COMMAND}") + built-in markdown-math, host peak RSS`,
      baseline_value: peak(baseline),
      ours_value: peak(ours),
      ratio: Math.round((peak(baseline) / peak(ours)) * 100) / 100,
      ours_growth_value: growth(ours),
      baseline_growth_value: growth(baseline),
      runs: ours.length,
      note: `extension host VmHWM (peak RSS) after first render + 5 edits; RSS growth from before opening the note: ours ${growth(ours)} MB, baseline ${growth(baseline)} MB`,
    };
  },
};
