// Extension activation time as the extension host itself measures it: code-server with the packaged
// VSIX, a workbench in headless Chromium, a markdown file opened from the Explorer, and the number
// the Running Extensions view shows ("Activation: N ms" = code loading + the activate() call, from
// the host's ActivationTimes). The host log line "ExtensionService#_doActivateExtension
// mathpost.mathpost" tells when activation has started; it carries no duration, hence the view.
//
// Extensions that activate on the same event load in parallel and each one's clock then includes
// the others' loading (a stub extension showed ~500 ms next to markdown-language-features). So the
// built-ins that also activate on onLanguage:markdown are activated first, through other events
// (a .json file for extension-editing, a .prompt.md file for markdown-language-features), and our
// extension is then the only one the markdown file activates. markdown-language-features' own
// activation, also alone, is the baseline.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCodeServerTools } from './codeServerTools.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function hostLogLines(userDataDir, pattern) {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return 0;
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  let count = 0;
  for (const file of walk(logs).filter((path) => path.endsWith('exthost.log'))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.includes('_doActivateExtension') && pattern.test(line)) count++;
  }
  return count;
}

async function waitFor(condition, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** "Activation: N ms" of the named extensions, scrolling the (virtualised) Running Extensions list. */
async function readActivationTimes(page, displayNames) {
  await runCommand(page, 'Developer: Show Running Extensions');
  const rows = '.runtime-extensions-editor .monaco-list-row';
  await page.waitForSelector(rows, { timeout: 20_000 });
  const found = new Map();
  for (let attempt = 0; attempt < 60 && found.size < displayNames.length; attempt++) {
    for (const text of await page.$$eval(rows, (elements) => elements.map((element) => element.innerText))) {
      const name = displayNames.find((candidate) => text.split('\n')[0].trim() === candidate);
      const time = /Activation: (\d+)ms/.exec(text);
      if (name && time) found.set(name, Number(time[1]));
    }
    const box = await page.locator('.runtime-extensions-editor').boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, attempt % 20 === 19 ? -5000 : 300);
    }
    await sleep(150);
  }
  return found;
}

/**
 * Starts one code-server with `vsix` installed, and measures `runs` activations (a page reload
 * each, in a new workspace folder: a new extension host). Returns { ours: ms[], baseline: ms[] }.
 */
export async function measureActivation(vsix, { runs, log }) {
  const { codeServer, browser, paths, processes, workspace } = await loadCodeServerTools();
  const { displayName, publisher, name } = JSON.parse(readFileSync(join(paths.repoRoot, 'package.json'), 'utf8'));
  const ourName = JSON.parse(readFileSync(join(paths.repoRoot, 'package.nls.json'), 'utf8'))[displayName?.replace(/^%|%$/g, '')] ?? displayName;
  const runDir = paths.makeRunDir('bench-activation');
  try {
    // A new folder (so a new workspace, with no editors to restore) and a new extension host per run.
    const makeFolder = (run) => {
      const folder = join(runDir, `notes-${run}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'a.json'), '{}\n');
      writeFileSync(join(folder, 'b.prompt.md'), '# warm-up\n');
      writeFileSync(join(folder, 'note.md'), '---\ntitle: KL\ndate: 2025-06-25 10:00:00\n---\n\n$D_{KL}(P\\|Q)$\n');
      return folder;
    };
    const state = codeServer.codeServerState(runDir, { settings: { ...codeServer.TEST_SETTINGS, 'workbench.editor.restoreViewState': false } });
    await codeServer.installVsix(state, vsix);
    const server = await codeServer.startCodeServer(state, { logFile: join(runDir, 'code-server.log') });
    const chromium = await browser.launchChromium(join(runDir, 'chromium'));
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1400, height: 1600 });
    const ours = [];
    const baseline = [];
    const ourPattern = new RegExp(` ${publisher}\\.${name},`);
    const markdownPattern = / vscode\.markdown-language-features,/;
    const openFromExplorer = async (file) => {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file });
      await row.first().waitFor({ timeout: 60_000 });
      await row.first().click();
    };
    const started = performance.now();
    // Each run is a new window (~10-20 s on 2 cores); stop early rather than blow the suite's budget.
    for (let run = 0; run < runs && (run === 0 || performance.now() - started < 300_000); run++) {
      const before = { ours: hostLogLines(state.userDataDir, ourPattern), markdown: hostLogLines(state.userDataDir, markdownPattern) };
      await page.goto(`${server.url}?folder=${encodeURIComponent(makeFolder(run))}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await openFromExplorer('a.json');
      await openFromExplorer('b.prompt.md');
      await waitFor(() => hostLogLines(state.userDataDir, markdownPattern) > before.markdown, 'markdown-language-features to activate');
      await sleep(2000); // let its activation finish before ours starts
      if (hostLogLines(state.userDataDir, ourPattern) > before.ours) throw new Error('Mathpost activated before the markdown file was opened');
      await openFromExplorer('note.md');
      await waitFor(() => hostLogLines(state.userDataDir, ourPattern) > before.ours, 'Mathpost to activate');
      await sleep(1000);
      const times = await readActivationTimes(page, [ourName, 'Markdown Language Features']);
      if (!times.has(ourName)) throw new Error(`the Running Extensions view shows no activation time for ${ourName}`);
      ours.push(times.get(ourName));
      if (times.has('Markdown Language Features')) baseline.push(times.get('Markdown Language Features'));
      log(
        `  run ${run + 1}: ${ourName} ${times.get(ourName)} ms, Markdown Language Features ${times.get('Markdown Language Features')} ms (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    await chromium.close();
    await server.stop();
    return { ours, baseline };
  } finally {
    await processes.runCleanups();
    workspace.removeRunDir(runDir);
  }
}
