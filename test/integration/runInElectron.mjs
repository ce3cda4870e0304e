// The same integration suite through @vscode/test-electron, for machines that can download VS Code from
// update.code.visualstudio.com (it fails at once with ENOTFOUND where they cannot; use runInCodeServer.mjs).
// On a Linux machine without a display run it under xvfb-run.
//   node test/integration/runInElectron.mjs        (npm run test:integration -- --electron)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { cacheDir, makeRunDir, repoRoot } from '../../scripts/lib/paths.mjs';
import { copyExampleBlog, removeRunDir, tierSummary } from '../../scripts/lib/workspace.mjs';

export async function runIntegrationInElectron() {
  const testsIndex = join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(testsIndex)) throw new Error(`${testsIndex} is missing: run \`node scripts/build.mjs\` first`);
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node scripts/build.mjs` first');
  const runDir = makeRunDir('electron');
  const resultFile = join(runDir, 'result.json');
  try {
    const workspace = copyExampleBlog(runDir);
    // runTests rejects whenever VS Code exits non-zero, which is also what failing tests do: only when the
    // tests wrote no result file did VS Code itself not run.
    let exitCode = 0;
    let launchError;
    try {
      exitCode = await runTests({
        cachePath: join(cacheDir, 'vscode-test'),
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsIndex,
        extensionTestsEnv: { MATHPOST_INTEGRATION_RESULT_FILE: resultFile },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-workspace-trust',
          '--user-data-dir',
          join(runDir, 'user-data'),
          '--extensions-dir',
          join(runDir, 'extensions'),
        ],
      });
    } catch (error) {
      launchError = error;
      exitCode = 1;
    }
    return resultsOfRun(resultFile, exitCode, launchError);
  } finally {
    removeRunDir(runDir);
  }
}

/**
 * The counts the tests reported in `resultFile`; failing tests are failures, not a launch problem. Only a run
 * that left no result file is reported as "could not run VS Code".
 */
export function resultsOfRun(resultFile, exitCode, launchError) {
  if (!existsSync(resultFile)) {
    if (launchError) {
      throw new Error(
        `@vscode/test-electron could not run VS Code (${launchError instanceof Error ? launchError.message : launchError}). ` +
          'It downloads VS Code from update.code.visualstudio.com; where that is unreachable use the default code-server launcher.',
      );
    }
    throw new Error(`the tests exited with code ${exitCode} without reporting results`);
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8'));
  const failed = result.failed + result.pending;
  // A non-zero exit with no failing test (a crash after the run) still fails the tier.
  return { passed: result.passed, failed: failed + (exitCode !== 0 && failed === 0 ? 1 : 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let summary;
  try {
    summary = await runIntegrationInElectron();
  } catch (error) {
    console.error(`integration (electron): ${error instanceof Error ? error.message : error}`);
    summary = { passed: 0, failed: 1 };
  }
  console.log(tierSummary('integration', summary.passed, summary.failed));
  process.exit(summary.failed > 0 || summary.passed === 0 ? 1 : 0);
}
