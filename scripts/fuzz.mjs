// The long fuzz run of the hardening properties (test/unit/hardening/properties.ts; CI runs the same
// properties with few runs in test/unit/hardening/fuzz.test.ts).
//   node scripts/fuzz.mjs [--runs N] [--seed S] [--only TEXT] [--budget-ms MS]
// Needs `node scripts/build.mjs` first (it imports out/). Each property runs in a worker thread: a
// synchronous hang cannot be interrupted in-process, so the main thread watches the time since the
// worker announced its current input, and after --budget-ms terminates it and prints that input.
// Exit code 0 when every property held, 1 otherwise.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { repoRoot } from './lib/paths.mjs';

const modulePath = join(repoRoot, 'out/test/unit/hardening/properties.js');

function option(args, name, fallback) {
  const index = args.indexOf(name);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
}

if (isMainThread) {
  const args = process.argv.slice(2);
  const runs = Number(option(args, '--runs', '2000'));
  const seed = Number(option(args, '--seed', String(Date.now() % 2 ** 31)));
  const only = option(args, '--only', '');
  const budgetMs = Number(option(args, '--budget-ms', '15000'));
  if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed) || !(budgetMs > 0)) {
    console.error('usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--only TEXT] [--budget-ms MS]');
    process.exit(2);
  }
  if (!existsSync(modulePath)) {
    console.error(`${modulePath} is missing: run \`node scripts/build.mjs\` first.`);
    process.exit(2);
  }
  const { propertyDefinitions } = createRequire(import.meta.url)(modulePath);
  const names = propertyDefinitions()
    .map((definition) => definition.name)
    .filter((name) => name.includes(only));
  console.log(`fuzz: ${names.length} properties, ${runs} runs each, seed ${seed}, hang budget ${budgetMs} ms per input`);
  let failed = 0;
  for (const [index, name] of names.entries()) {
    const ok = await runOne(name, runs, seed + index, budgetMs);
    if (!ok) failed++;
  }
  console.log(
    failed === 0
      ? 'fuzz: all properties held'
      : `fuzz: ${failed} propert${failed === 1 ? 'y' : 'ies'} failed; replay: node scripts/fuzz.mjs --runs ${runs} --seed ${seed}`,
  );
  // The line `npm test` reads: one test per property.
  console.log(`fuzz: ${names.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
} else {
  const fc = createRequire(import.meta.url)('fast-check');
  const { propertyDefinitions, toProperty } = createRequire(import.meta.url)(modulePath);
  const { name, runs, seed } = workerData;
  const definition = propertyDefinitions().find((candidate) => candidate.name === name);
  let count = 0;
  const property = toProperty(definition, (input) => parentPort.postMessage({ kind: 'input', input, count: ++count }));
  const details = fc.check(property, { seed, numRuns: runs });
  parentPort.postMessage({
    kind: 'done',
    failed: details.failed,
    numRuns: details.numRuns,
    report: details.failed ? `${fc.defaultReportMessage(details)}\n${details.errorInstance?.stack ?? details.error ?? ''}` : '',
  });
}

function show(input) {
  return String(JSON.stringify(input)).slice(0, 4000);
}

/** Runs one property in a worker; resolves to true when it held. */
function runOne(name, runs, seed, budgetMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const worker = new Worker(new URL(import.meta.url), { workerData: { name, runs, seed } });
    let current = { input: undefined, since: Date.now(), count: 0 };
    let slowest = { ms: 0, input: undefined };
    let settled = false;
    const finish = (ok, message) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (seed ${seed}, ${seconds} s, slowest input ${slowest.ms} ms)`);
      if (message) console.log(message);
      resolve(ok);
    };
    const note = (now) => {
      const ms = now - current.since;
      if (ms > slowest.ms && current.input !== undefined) slowest = { ms, input: current.input };
    };
    const watchdog = setInterval(() => {
      if (Date.now() - current.since <= budgetMs) return;
      void worker.terminate();
      finish(false, `  input #${current.count} did not finish within ${budgetMs} ms (a hang):\n  ${show(current.input)}`);
    }, 250);
    worker.on('message', (message) => {
      const now = Date.now();
      if (message.kind === 'input') {
        note(now);
        current = { input: message.input, since: now, count: message.count };
      } else {
        note(now);
        finish(!message.failed, message.failed ? message.report : `  ${message.numRuns} runs`);
        void worker.terminate();
      }
    });
    worker.on('error', (error) => finish(false, `  worker crashed: ${error.stack ?? error}\n  last input: ${show(current.input)}`));
    worker.on('exit', (code) => finish(false, `  worker exited (${code}) before finishing; last input: ${show(current.input)}`));
  });
}
