// What a person waits for in a real VS Code (issue #15), measured in code-server + headless Chromium
// (bench/lib/realHostTiming.mjs says how "painted" and "drawn" are observed):
// preview.first-paint-200kb: "Open Preview to the Side" → the note's first body element painted in the
//   webview, ours vs VS Code's own markdown preview (+ built-in markdown-math) in a code-server without Mathpost.
// open.first-diagnostics: a 200 KB post clicked in the Explorer → its first diagnostic drawn in the editor, beside
//   the floor: an extension that only publishes one warning when the post opens (bench/floor-extension).
import { median, spread } from '../lib/harness.mjs';
import { BASELINE_COMMAND } from '../lib/hostMemory.mjs';
import { countFormulas, generateNote } from '../lib/note.mjs';
import { measureFirstDiagnostics, measureFirstPaint } from '../lib/realHostTiming.mjs';
import { packageVsix } from '../lib/vsix.mjs';

export const firstPaint = {
  name: 'preview.first-paint-200kb',
  goal: 'ratio ≥ 5',
  meets: (r) => r.ratio >= 5,
  async run({ quick, log }) {
    const { vsix } = packageVsix();
    const { ours, baseline, cold: measured, floor } = await measureFirstPaint(vsix, { runs: quick ? 1 : 10, log });
    const cold = { ours: Math.round(measured.ours), baseline: Math.round(measured.baseline) };
    const floorMs = { ours: median(floor.ours), baseline: median(floor.baseline) };
    const formulas = countFormulas(generateNote(2000));
    return {
      ours_ms: median(ours),
      baseline: `VS Code preview ("${BASELINE_COMMAND}") + built-in markdown-math, in a code-server without Mathpost`,
      baseline_ms: median(baseline),
      ...spread(ours, 'ours'),
      ...spread(baseline, 'baseline'),
      runs: ours.length,
      samples: [ours, baseline],
      ours_cold_ms: cold.ours,
      baseline_cold_ms: cold.baseline,
      // The webview's own start (the same command on a one-line note): no side paints sooner than this.
      floor_ours_ms: floorMs.ours,
      floor_baseline_ms: floorMs.baseline,
      floor_samples: [floor.ours, floor.baseline],
      best_possible_ratio: Math.round((median(baseline) / Math.min(floorMs.ours, floorMs.baseline)) * 100) / 100,
      distinct_formulas: formulas.distinct,
      note: `command → first heading of the body painted in the webview (rAF in the webview frame), one window per side, a new 200 KB note (${formulas.distinct} distinct formulas) per run; the window's first preview (cold, renderer loading) apart: ours ${cold.ours} ms, baseline ${cold.baseline} ms; the same command on a one-line note (the webview's own start, a floor for both): ours ${Math.round(floorMs.ours)} ms, baseline ${Math.round(floorMs.baseline)} ms, so no preview could beat the baseline by more than ${(median(baseline) / Math.min(floorMs.ours, floorMs.baseline)).toFixed(1)}× here`,
    };
  },
};

export const firstDiagnostics = {
  name: 'open.first-diagnostics',
  goal: '≤ 300 ms',
  meets: (r) => r.ours_ms <= 300,
  async run({ quick, log }) {
    const { vsix } = packageVsix();
    const { ours, text, floor, floorText, cold: measured } = await measureFirstDiagnostics(vsix, { runs: quick ? 1 : 10, log });
    const cold = { ours: Math.round(measured.ours), floor: Math.round(measured.floor) };
    const floorMs = median(floor);
    return {
      ours_ms: median(ours),
      ...spread(ours, 'ours'),
      // Not a baseline (no built-in publishes diagnostics for a post): the floor, an extension that publishes one
      // warning in the open event's turn and does nothing else (bench/floor-extension), same host and clicks.
      floor_ms: floorMs,
      ...spread(floor, 'floor'),
      above_floor_ms: Math.round(median(ours) - floorMs),
      // VS Code's own part of the wait: the post's text drawn.
      editor_text_ms: median(text),
      editor_text_min_ms: Math.min(...text),
      editor_text_max_ms: Math.max(...text),
      floor_editor_text_ms: median(floorText),
      runs: ours.length,
      samples: [ours, floor],
      ours_cold_ms: cold.ours,
      floor_cold_ms: cold.floor,
      note: `200 KB post with a bad front-matter date clicked in the Explorer → first squiggle drawn in its editor, a new post per run; the same with an extension that only publishes one warning on open (the floor, median ${Math.round(floorMs)} ms: no extension draws a diagnostic sooner on this host; Mathpost's median minus the floor's: ${Math.round(median(ours) - floorMs)} ms); the post's text itself drawn after ${Math.round(median(text))} ms (median); each window's first post (activation) apart: ours ${cold.ours} ms, floor ${cold.floor} ms`,
    };
  },
};
