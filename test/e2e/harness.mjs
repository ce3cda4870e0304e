// One code-server (VSIX installed, NO smoke-test driver so notifications show as a person sees them) and one
// Chromium per e2e run, shared by every *.e2e.mjs file; each file opens its own workbench page on a fresh
// copy of examples/blog, so files cannot see each other's edits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchChromium } from '../../scripts/lib/browser.mjs';
import { TEST_SETTINGS, TRUST_SETTINGS, codeServerState, installVsix, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { makeRunDir } from '../../scripts/lib/paths.mjs';
import { runCleanups } from '../../scripts/lib/processes.mjs';
import { copyExampleBlog, logPath, removeRunDir } from '../../scripts/lib/workspace.mjs';
import { Workbench } from './workbench.mjs';

let harness;

/** `browserEnv`: environment variables for Chromium only (see launchChromium); `settings`: added user settings. */
export async function startHarness(vsix, { browserEnv, settings = {} } = {}) {
  const started = Date.now();
  const runDir = makeRunDir('e2e');
  harness = { runDir, workspaces: 0, vsix };
  const state = codeServerState(runDir, { settings: { ...TEST_SETTINGS, ...settings } });
  await installVsix(state, vsix);
  harness.server = await startCodeServer(state, { logFile: logPath('e2e-code-server.log') });
  harness.browser = await launchChromium(join(runDir, 'chromium'), { env: browserEnv });
  console.log(`e2e: VSIX installed, code-server and Chromium up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function stopHarness() {
  if (!harness) return;
  await harness.browser?.close();
  await harness.server?.stop();
  await harness.restrictedServer?.stop();
  await runCleanups();
  removeRunDir(harness.runDir);
  harness = undefined;
}

/**
 * A new browser tab with VS Code open on a fresh copy of the example blog; close it in `after`.
 * `restricted` opens it in Restricted Mode (an untrusted workspace, its own code-server).
 * `files` ({ 'relative/path.md': 'content' }) are added to the copy before VS Code opens it (files written
 * later show up in the Explorer only once its file watcher has started).
 */
export async function openWorkbench({ files = {}, restricted = false } = {}) {
  if (!harness?.browser) throw new Error('the e2e harness is not running: start the tests with `npm run test:e2e`');
  const server = restricted ? await restrictedServer() : harness.server;
  const workspaceParent = join(harness.runDir, `workspace-${++harness.workspaces}`);
  mkdirSync(workspaceParent, { recursive: true });
  const folder = copyExampleBlog(workspaceParent);
  for (const [relativePath, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, relativePath)), { recursive: true });
    writeFileSync(join(folder, relativePath), content);
  }
  const page = await harness.browser.context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}?folder=${encodeURIComponent(folder)}`);
  const workbench = new Workbench(page, folder);
  await workbench.ready();
  return workbench;
}

/**
 * A second code-server, started on first use, with workspace trust on: every folder it opens is untrusted
 * (Restricted Mode), as when someone opens a blog they downloaded.
 */
async function restrictedServer() {
  if (!harness.restrictedServer) {
    const state = codeServerState(join(harness.runDir, 'restricted'), { settings: { ...TEST_SETTINGS, ...TRUST_SETTINGS } });
    await installVsix(state, harness.vsix);
    harness.restrictedServer = await startCodeServer(state, { workspaceTrust: true, logFile: logPath('e2e-restricted-code-server.log') });
  }
  return harness.restrictedServer;
}

/** Screenshots of every open tab, for a failed test (saved in .cache/logs/). */
export async function screenshotPages(testTitle) {
  if (!harness?.browser) return [];
  const saved = [];
  const pages = harness.browser.context.pages();
  for (const [index, page] of pages.entries()) {
    const file = logPath(`e2e-${testTitle.replace(/[^\w-]+/g, '_').slice(0, 80)}-${index}.png`);
    await page.screenshot({ path: file }).then(
      () => saved.push(file),
      () => {},
    );
  }
  return saved;
}
