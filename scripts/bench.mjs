// `npm run bench`: measures Mathpost against the baselines on this machine and prints a table.
//   npm run bench                      build, run everything, print a markdown table
//   npm run bench -- --json            the same as a JSON array on stdout, and bench/results/<date>.json
//                                      (machine, versions, every sample; not with --quick)
//   npm run bench -- --only preview    only the benchmarks whose name contains one of the words
//                                      (comma-separated: --only frontmatter.post,kl)
//   npm run bench -- --no-build        use the current dist/ and out/ as they are
//   npm run bench -- --quick           fewer runs (a smoke test of the suite, not a measurement)
// Progress goes to stderr, results to stdout. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cases } from '../bench/cases/index.mjs';
import { formatTable, row, unavailable } from '../bench/lib/harness.mjs';
import { NotAvailable, firstLine, repoRoot } from '../bench/lib/ours.mjs';
import { storeResult } from '../bench/lib/results.mjs';

const usage = 'usage: npm run bench -- [--json] [--only name[,name…]] [--no-build] [--quick]';

function parseArgs(argv) {
  const options = { json: false, only: [], build: true, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--only' && argv[i + 1]) options.only.push(...argv[++i].split(','));
    else if (arg.startsWith('--only=')) options.only.push(...arg.slice(7).split(','));
    else if (arg === '-h' || arg === '--help') {
      console.log(usage);
      process.exit(0);
    } else {
      console.error(`bench: unknown argument '${arg}'\n${usage}`);
      process.exit(2);
    }
  }
  return options;
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function build() {
  log('building (node scripts/build.mjs)…');
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    log(`build failed, measuring the previous build where there is one:\n${(result.stderr || result.stdout).slice(0, 2000)}`);
    return false;
  }
  return true;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const selected = cases.filter((c) => options.only.length === 0 || options.only.some((word) => c.name.includes(word)));
  if (selected.length === 0) {
    console.error(`bench: no benchmark matches ${options.only.join(', ')}; names: ${cases.map((c) => c.name).join(', ')}`);
    process.exit(2);
  }
  const built = options.build ? build() : true;
  const context = { quick: options.quick, built, log };
  const rows = [];
  const startedAt = new Date();
  const started = performance.now();
  for (const benchmark of selected) {
    log(`${benchmark.name}…`);
    const caseStarted = performance.now();
    let result;
    try {
      result = row(benchmark.name, { goal: benchmark.goal, unit: benchmark.unit, ...(await benchmark.run(context)) });
    } catch (error) {
      const why = error instanceof NotAvailable ? error.message : `failed: ${firstLine(error)}`;
      if (!(error instanceof NotAvailable)) log(error instanceof Error && error.stack ? error.stack : String(error));
      result = unavailable(benchmark.name, why, { goal: benchmark.goal, unit: benchmark.unit });
    }
    if (benchmark.meets && result.status !== 'not available') result.met = benchmark.meets(result);
    rows.push(result);
    log(`${benchmark.name}: ${result.status === 'not available' ? result.note : 'done'} (${((performance.now() - caseStarted) / 1000).toFixed(1)} s)`);
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  log(`total ${seconds} s`);
  if (options.json && !options.quick) log(`stored: ${storeResult(rows, { started: startedAt, seconds, argv: process.argv.slice(2) })}`);
  process.stdout.write(options.json ? JSON.stringify(rows, null, 2) + '\n' : formatTable(rows) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
