// The integration suite inside code-server's real Node extension host, against the INSTALLED VSIX:
// package -> install into a fresh extensions folder -> start code-server with the smoke-test driver ->
// open the workbench with a `payload` naming extensionDevelopmentPath (the installed folder) and
// extensionTestsPath (out/test/integration/index.js), the way microsoft/vscode's browser integration
// tests do (test/integration/browser/src/index.ts). The page reports the result via codeAutomationExit.
//   node test/integration/runInCodeServer.mjs [--vsix <file>]   (without --vsix it runs `npm run package`)
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { TEST_SETTINGS, codeServerState, installVsix, packageVsix, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { makeRunDir, repoRoot } from '../../scripts/lib/paths.mjs';
import { runCleanups } from '../../scripts/lib/processes.mjs';
import { copyExampleBlog, logPath, removeRunDir, snapshotCompiledTests, tierSummary } from '../../scripts/lib/workspace.mjs';

const RESULT_MARKER = 'MATHPOST_INTEGRATION_RESULT';
const RUN_TIMEOUT_MS = 10 * 60_000;

/** Host console output arrives as (type, args); args are strings VS Code already formatted. */
function formatLog(args) {
  return format(...(Array.isArray(args) ? args : [args]));
}

// Workbench chatter that says nothing about our tests (connection set-up, the offline chat/agent features);
// everything still goes to the log file.
const NOISE = [
  /Failed to load resource/,
  /marketplace|gallery/i,
  /\[Extension Host\] debugger listening/i,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[reconnection-grace-time\]/,
  /^\[Service Worker\]/,
  /^Updating additional builtin extensions cache/,
  /^\[(AgentHost|AccountPolicyGate|ChatModelSelection)/,
  /authentication provider 'github'/,
  /No signed-in session/,
  /^Creation of workbench contribution/,
];

export async function runIntegrationInCodeServer({ vsix } = {}) {
  if (!existsSync(join(repoRoot, 'out', 'test', 'integration', 'index.js')))
    throw new Error('out/test/integration/index.js is missing: run `node scripts/build.mjs` first');
  const vsixFile = vsix ?? (await packageVsix());
  const runDir = makeRunDir('integration');
  const started = Date.now();
  try {
    const testsIndex = join(snapshotCompiledTests(runDir), 'out', 'test', 'integration', 'index.js');
    const state = codeServerState(runDir, { settings: TEST_SETTINGS });
    const workspace = copyExampleBlog(runDir);
    const installed = await installVsix(state, vsixFile);
    const server = await startCodeServer(state, { folder: workspace, smokeTestDriver: true, logFile: logPath('integration-code-server.log') });
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(installed)],
      ['extensionTestsPath', remote(testsIndex)],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const browser = await launchChromium(join(runDir, 'chromium'));
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    let result;
    let exitCode;
    let markExited;
    const exited = new Promise((resolve) => (markExited = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = code;
      markExited();
    });
    const hostLog = createWriteStream(logPath('integration-console.log'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = formatLog(args);
      hostLog.write(`${new Date().toISOString()} ${type} ${text}\n`);
      // A crashed host never calls codeAutomationExit: stop waiting at once instead of at the timeout.
      if (/Extension host .*terminated unexpectedly/i.test(text)) {
        exitCode ??= 1;
        markExited();
      }
      const marker = text.indexOf(RESULT_MARKER);
      if (marker >= 0)
        result = JSON.parse(
          text
            .slice(marker + RESULT_MARKER.length)
            .trim()
            .split('\n')[0],
        );
      else if (!NOISE.some((pattern) => pattern.test(text))) (type === 'error' ? console.error : console.log)(text);
    });
    page.on('pageerror', (error) => console.error(`workbench page error: ${error.message}`));
    console.log(`integration: VSIX installed, code-server and Chromium up in ${((Date.now() - started) / 1000).toFixed(1)} s; running the suite ...`);
    await page.goto(url);
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS)));
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    await browser.close();
    await server.stop();
    hostLog.end();
    if (outcome === 'timeout') throw new Error(`the extension host did not finish the tests within ${RUN_TIMEOUT_MS / 60000} min; log: ${server.logFile}`);
    if (!result) throw new Error(`the tests exited with code ${exitCode} without reporting results (did index.js load?); log: ${server.logFile}`);
    // A run that crashed after reporting still fails.
    const failed = result.failed + result.pending + (exitCode !== 0 && result.failed === 0 ? 1 : 0);
    return { passed: result.passed, failed };
  } finally {
    await runCleanups();
    removeRunDir(runDir);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const vsixIndex = process.argv.indexOf('--vsix');
  const started = Date.now();
  let summary;
  try {
    summary = await runIntegrationInCodeServer({ vsix: vsixIndex > 0 ? process.argv[vsixIndex + 1] : undefined });
  } catch (error) {
    console.error(`integration (code-server): ${error instanceof Error ? error.message : error}`);
    summary = { passed: 0, failed: 1 };
  }
  console.log(`integration (code-server) took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(tierSummary('integration', summary.passed, summary.failed));
  process.exit(summary.failed > 0 || summary.passed === 0 ? 1 : 0);
}
