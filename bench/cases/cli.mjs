// cli.render-200kb: `mathpost render` as a whole process (start, load, render, write) on the 200 KB note with
// ~1,400 distinct formulas, vs a Node process running VS Code's preview pipeline (bench/lib/baselineRender.mjs)
// on the same file. Both cold processes, started the same way, a new note variant per run (no cache can help).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, spread } from '../lib/harness.mjs';
import { countFormulas, generateNote } from '../lib/note.mjs';
import { repoRoot } from '../lib/ours.mjs';
import { BASELINE_PREVIEW } from '../lib/baseline.mjs';

function timedNode(args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.split('\n')[0]}`);
  return ms;
}

export const cliRender = {
  name: 'cli.render-200kb',
  goal: 'ratio ≥ 1.5',
  meets: (r) => r.ratio >= 1.5,
  async run({ quick }) {
    const cli = join(repoRoot, 'dist/cli.js');
    const baselineScript = join(repoRoot, 'bench/lib/baselineRender.mjs');
    const folder = mkdtempSync(join(tmpdir(), 'mathpost-cli-render-'));
    const samples = [[], []];
    const runs = quick ? 1 : 8;
    let formulas;
    let outputBytes;
    try {
      if (!existsSync(cli)) return { status: 'not available', note: 'dist/cli.js not built', baseline: BASELINE_PREVIEW };
      // One warm-up pair (disk cache for node and the bundles), not timed.
      const warm = join(folder, 'warm.md');
      writeFileSync(warm, generateNote(2999));
      timedNode([cli, 'render', warm, '-o', join(folder, 'warm.html')]);
      timedNode([baselineScript, warm, join(folder, 'warm-baseline.html')]);
      for (let run = 0; run < runs; run++) {
        const note = generateNote(3000 + run);
        formulas ??= countFormulas(note);
        const input = join(folder, `note-${run}.md`);
        writeFileSync(input, note);
        const order = run % 4 === 1 || run % 4 === 2 ? [1, 0] : [0, 1];
        for (const side of order) {
          const output = join(folder, `out-${run}-${side}.html`);
          samples[side].push(side === 0 ? timedNode([cli, 'render', input, '-o', output]) : timedNode([baselineScript, input, output]));
          if (side === 0) outputBytes = statSync(output).size;
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    return {
      ours_ms: median(samples[0]),
      baseline: `${BASELINE_PREVIEW}, as a node process writing one HTML page`,
      baseline_ms: median(samples[1]),
      runs,
      ...spread(samples[0], 'ours'),
      ...spread(samples[1], 'baseline'),
      samples,
      formulas: formulas.total,
      distinct_formulas: formulas.distinct,
      note: `node dist/cli.js render <note> -o <file> (${outputBytes} bytes, KaTeX fonts inlined) vs node bench/lib/baselineRender.mjs <note> <file>; cold processes; ${formulas.distinct} distinct of ${formulas.total} formulas, a new note each run`,
    };
  },
};
