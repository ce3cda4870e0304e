// Loaded by VS Code's extension host as `extensionTestsPath` (both launchers): runs every compiled
// out/test/integration/**/*.test.js in one mocha suite with the real `vscode` API.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** The runner scripts parse this line (it reaches them through the host's forwarded console). */
export const RESULT_MARKER = 'MATHPOST_INTEGRATION_RESULT';

interface Result {
  passed: number;
  failed: number;
  pending: number;
}

/**
 * code-server's launcher reads the marker line from the forwarded console; the Electron launcher cannot
 * see the host's console, so it names a file in MATHPOST_INTEGRATION_RESULT_FILE.
 */
function report(result: Result): void {
  console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
  const resultFile = process.env.MATHPOST_INTEGRATION_RESULT_FILE;
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
}

function findTestFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return findTestFiles(path);
      return name.endsWith('.test.js') ? [path] : [];
    });
}

export function run(): Promise<void> {
  // No colours: the output goes through the browser console (code-server) or a pipe (Electron).
  // forbidOnly: a stray `.only` fails the run instead of silently running one test.
  // MATHPOST_INTEGRATION_GREP runs only the matching tests (while working on one feature; the full tier never sets it).
  const grep = process.env.MATHPOST_INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', forbidOnly: true, ...(grep ? { grep } : {}) });
  const files = findTestFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      report({ passed: 0, failed: 0, pending: 0 });
      reject(new Error(`no integration tests (*.test.js) found under ${__dirname}`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        report({ passed: stats.passes, failed: stats.failures, pending: stats.pending });
        // Skipped tests count as failures: the project allows none (a silently skipped check is a lie).
        if (failures > 0 || stats.pending > 0) reject(new Error(`${failures} integration test(s) failed, ${stats.pending} pending`));
        else resolve();
      });
    } catch (error) {
      report({ passed: 0, failed: 1, pending: 0 });
      reject(error);
    }
  });
}
