// `npm test`: build, then every tier in order, each in its own process, with a plain summary.
//   node scripts/test.mjs                      static, unit, fidelity, fuzz, integration, e2e
//   node scripts/test.mjs unit e2e             only those tiers
//   node scripts/test.mjs integration --electron   the integration suite through @vscode/test-electron
// static = `npm run lint` + `npm run typecheck` (one check each). Tiers that need VS Code set up Node 24,
// code-server and Chromium into .cache/ first; a missing prerequisite fails the tier with a message, never
// skips it. Prints "<tier>: N passed, N failed" per tier, then the total alone on the last line.
// fidelity = test/fidelity/run.mjs: a corpus of posts rendered by real Hexo 8 + Butterfly 5.7 and by Mathpost,
// compared element by element; fails below its REQUIRED_SHARE of identical renders.
// fuzz = scripts/fuzz.mjs with FUZZ_RUNS runs per property (MATHPOST_FUZZ_RUNS), beyond the unit tier's fixed-seed
// sample; its seed comes from the commit (MATHPOST_FUZZ_SEED overrides), so each commit explores new inputs and a
// failure in CI replays exactly with `node scripts/fuzz.mjs --runs N --seed S` (both printed).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageVsix } from './lib/codeServer.mjs';
import { repoRoot } from './lib/paths.mjs';
import { onCleanup } from './lib/processes.mjs';
import { runCommand } from './lib/run.mjs';
import { tierSummary } from './lib/workspace.mjs';
import { ensureTools } from './setup-tools.mjs';

const ALL_TIERS = ['static', 'unit', 'fidelity', 'fuzz', 'integration', 'e2e'];
const FUZZ_RUNS = Number(process.env.MATHPOST_FUZZ_RUNS ?? 3000);
const args = process.argv.slice(2);
const useElectron = args.includes('--electron') || process.env.MATHPOST_INTEGRATION_LAUNCHER === 'electron';
const unknown = args.filter((arg) => !arg.startsWith('--') && !ALL_TIERS.includes(arg));
if (unknown.length > 0) {
  console.error(`unknown tier(s): ${unknown.join(', ')}; choose from ${ALL_TIERS.join(', ')}`);
  process.exit(2);
}
const requested = args.filter((arg) => ALL_TIERS.includes(arg));
const tiers = requested.length > 0 ? ALL_TIERS.filter((tier) => requested.includes(tier)) : ALL_TIERS;

const results = [];
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function record(tier, passed, failed, note = '') {
  // No tests in a tier is a failure too: nothing may be skipped silently.
  if (passed === 0 && failed === 0) results.push({ tier, passed, failed: 1, note: ['no tests ran', note].filter(Boolean).join('; ') });
  else results.push({ tier, passed, failed, note });
}

let currentChild;
onCleanup(async () => {
  // SIGTERM/SIGINT: let the running tier stop its own servers before we exit.
  if (!currentChild || currentChild.exitCode !== null) return;
  currentChild.kill('SIGTERM');
  await new Promise((resolve) => currentChild.once('exit', resolve));
});

/** Runs a tier's script, echoing its output, and reads its "<tier>: N passed, N failed" line. */
function runTierProcess(tier, script, scriptArgs = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, script), ...scriptArgs], { cwd: repoRoot, stdio: ['inherit', 'pipe', 'inherit'] });
    currentChild = child;
    let counts;
    let pending = '';
    const summaryLine = new RegExp(`^${tier}: (\\d+) passed, (\\d+) failed$`);
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const match = summaryLine.exec(line.trim());
        if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
      }
    });
    // 'close', not 'exit': 'exit' can fire before the last chunks of stdout (the summary line) arrived.
    child.on('close', (code, signal) => {
      const match = summaryLine.exec(pending.trim());
      if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
      currentChild = undefined;
      if (!counts) resolve({ passed: 0, failed: 1, note: `the ${tier} runner ended (${signal ?? `exit code ${code}`}) without a summary` });
      else if (code !== 0 && counts.failed === 0) resolve({ ...counts, failed: 1, note: `the ${tier} runner exited with code ${code}` });
      else resolve(counts);
    });
  });
}

async function runStatic() {
  let passed = 0;
  let failed = 0;
  for (const script of ['lint', 'typecheck']) {
    console.log(`\n--- npm run ${script}`);
    const { code } = await runCommand('npm', ['run', '--silent', script], { cwd: repoRoot });
    if (code === 0) passed += 1;
    else {
      failed += 1;
      console.log(`npm run ${script} failed (exit code ${code})`);
    }
  }
  return { passed, failed };
}

/**
 * MATHPOST_FUZZ_SEED, else the first 31 bits of the commit being tested. Without either the tier fails
 * with a message: a silent fixed seed would re-run the same inputs on every commit and look like coverage.
 */
async function fuzzSeed(env = process.env) {
  if (env.MATHPOST_FUZZ_SEED !== undefined) {
    const seed = Number(env.MATHPOST_FUZZ_SEED);
    if (!Number.isInteger(seed)) throw new Error(`MATHPOST_FUZZ_SEED=${JSON.stringify(env.MATHPOST_FUZZ_SEED)} is not an integer`);
    return { seed, source: 'MATHPOST_FUZZ_SEED' };
  }
  const head = await runCommand('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, quiet: true }).catch(() => undefined);
  const hash = head?.code === 0 ? /^[0-9a-f]{8}/.exec(head.output.trim())?.[0] : undefined;
  if (!hash) throw new Error('no fuzz seed: `git rev-parse HEAD` gave no commit here; set MATHPOST_FUZZ_SEED=<integer> to choose one');
  return { seed: parseInt(hash, 16) % 2 ** 31, source: `commit ${hash}` };
}

async function runFuzzTier() {
  let chosen;
  try {
    chosen = await fuzzSeed();
  } catch (error) {
    console.error(`fuzz: ${error.message}`);
    return { passed: 0, failed: 1, note: error.message };
  }
  console.log(`fuzz: seed ${chosen.seed} (from ${chosen.source}), ${FUZZ_RUNS} runs per property`);
  return runTierProcess('fuzz', 'scripts/fuzz.mjs', ['--runs', String(FUZZ_RUNS), '--seed', String(chosen.seed)]);
}

async function main() {
  const started = Date.now();
  console.log('--- build (node scripts/build.mjs)');
  const build = await runCommand(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot });
  if (build.code !== 0) {
    for (const tier of tiers) record(tier, 0, 1, 'not run: the build failed');
    return;
  }

  const needsVsix = tiers.includes('integration') || tiers.includes('e2e');
  // The Electron launcher downloads its own VS Code; e2e and the default launcher need code-server + Chromium.
  const needsCodeServer = tiers.includes('e2e') || (tiers.includes('integration') && !useElectron);
  let vsix;
  let vsCodeProblem;
  if (needsVsix) {
    try {
      if (needsCodeServer) {
        console.log('\n--- set-up (scripts/setup-tools.mjs)');
        await ensureTools({ chromium: true });
      }
      console.log('\n--- package the VSIX (npm run package)');
      vsix = await packageVsix();
    } catch (error) {
      vsCodeProblem = `set-up failed (a prerequisite is missing): ${error instanceof Error ? error.message : error}`;
      console.error(vsCodeProblem);
    }
  }

  for (const tier of tiers) {
    const tierStarted = Date.now();
    console.log(`\n=== ${tier}`);
    let outcome;
    if (tier === 'static') outcome = await runStatic();
    else if (tier === 'unit') outcome = await runTierProcess('unit', 'scripts/lib/runMocha.mjs', ['unit', 'out/test/unit']);
    else if (tier === 'fidelity') outcome = await runTierProcess('fidelity', 'test/fidelity/run.mjs');
    else if (tier === 'fuzz') outcome = await runFuzzTier();
    else if (vsCodeProblem) outcome = { passed: 0, failed: 1, note: vsCodeProblem };
    else if (tier === 'integration') {
      const launcher = useElectron ? 'test/integration/runInElectron.mjs' : 'test/integration/runInCodeServer.mjs';
      outcome = await runTierProcess('integration', launcher, ['--vsix', vsix]);
    } else outcome = await runTierProcess('e2e', 'test/e2e/run.mjs', ['--vsix', vsix]);
    record(tier, outcome.passed, outcome.failed, [outcome.note, seconds(tierStarted)].filter(Boolean).join('; '));
  }
  console.log(`\nall tiers took ${seconds(started)}`);
}

try {
  await main();
} catch (error) {
  console.error(`npm test crashed: ${error instanceof Error ? error.stack : error}`);
  record('runner', 0, 1, 'crashed');
}

console.log('\n=== summary');
for (const { tier, passed, failed, note } of results) console.log(`${tierSummary(tier, passed, failed)}${note ? `  (${note})` : ''}`);
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
