// The e2e tier: mocha over every test/e2e/**/*.e2e.mjs against code-server + Chromium with the VSIX installed.
//   node test/e2e/run.mjs [--vsix <file>] [--grep <pattern>]   (without --vsix it runs `npm run package`)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { packageVsix } from '../../scripts/lib/codeServer.mjs';
import { filesEndingWith } from '../../scripts/lib/paths.mjs';
import { tierSummary } from '../../scripts/lib/workspace.mjs';
import { screenshotPages, startHarness, stopHarness } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export async function runE2e({ vsix, grep } = {}) {
  const files = filesEndingWith(here, '.e2e.mjs');
  if (files.length === 0) throw new Error(`no e2e tests (*.e2e.mjs) under ${here}`);
  const vsixFile = vsix ?? (await packageVsix());
  try {
    await startHarness(vsixFile);
    const mocha = new Mocha({
      ui: 'bdd',
      timeout: 120_000,
      reporter: 'spec',
      // A stray `.only` fails the run instead of silently running one test.
      forbidOnly: true,
      grep,
      rootHooks: {
        async afterEach() {
          if (this.currentTest?.state !== 'failed') return;
          const saved = await screenshotPages(this.currentTest.fullTitle());
          if (saved.length > 0) console.log(`    screenshots: ${saved.join(', ')}`);
        },
      },
    });
    for (const file of files) mocha.addFile(file);
    await mocha.loadFilesAsync();
    const stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
    // Skipped tests count as failures: the project allows none.
    return { passed: stats.passes, failed: stats.failures + stats.pending };
  } finally {
    await stopHarness();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const started = Date.now();
  let summary;
  try {
    summary = await runE2e({ vsix: option('--vsix'), grep: option('--grep') });
  } catch (error) {
    console.error(`e2e: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    summary = { passed: 0, failed: 1 };
  }
  console.log(`e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(tierSummary('e2e', summary.passed, summary.failed));
  process.exit(summary.failed > 0 || summary.passed === 0 ? 1 : 0);
}
