// Runs every compiled *.test.js under a folder with mocha's spec reporter and ends with the tier's
// "<tier>: N passed, N failed" line (pending tests count as failed: the project allows no skipped tests).
//   node scripts/lib/runMocha.mjs unit out/test/unit
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import Mocha from 'mocha';
import { filesEndingWith } from './paths.mjs';
import { tierSummary } from './workspace.mjs';

const [tier = 'unit', folder = 'out/test/unit'] = process.argv.slice(2);
const dir = resolve(folder);
const files = existsSync(dir) ? filesEndingWith(dir, '.test.js') : [];
if (files.length === 0) {
  console.error(`${tier}: no *.test.js files under ${dir} (did the build run?)`);
  console.log(tierSummary(tier, 0, 1));
  process.exit(1);
}

// Property tests are deterministic: one fixed fast-check seed for the whole run (MATHPOST_FC_SEED to try
// another; `node scripts/fuzz.mjs` runs many more cases). A failure names the seed so it can be replayed.
const seed = Number(process.env.MATHPOST_FC_SEED ?? 20261125);
// The compiled tests `require` fast-check: configure that (CommonJS) instance, not the ESM one.
createRequire(import.meta.url)('fast-check').configureGlobal({ seed });
console.log(`${tier}: fast-check seed ${seed}`);

// forbidOnly: a stray `.only` left in a test file fails the run instead of silently running one test.
const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', forbidOnly: true });
for (const file of files) mocha.addFile(file);
try {
  await mocha.loadFilesAsync();
} catch (error) {
  console.error(`${tier}: a test file failed to load: ${error instanceof Error ? error.stack : error}`);
  console.log(tierSummary(tier, 0, 1));
  process.exit(1);
}
const runner = mocha.run(() => {
  const { passes, failures, pending } = runner.stats;
  if (pending > 0) console.log(`${tier}: ${pending} pending (skipped) test(s) counted as failed`);
  console.log(tierSummary(tier, passes, failures + pending));
  process.exitCode = failures + pending > 0 || passes === 0 ? 1 : 0;
});
