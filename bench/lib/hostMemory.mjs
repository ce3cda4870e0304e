// Memory of the real extension host while it serves a preview of the 200 KB note: code-server in
// headless Chromium, one new window (so one new extension host process) per run. Ours: Mathpost's
// "Open Preview to the Side"; baseline: VS Code's own "Markdown: Open Preview to the Side", whose
// math comes from the built-in markdown-math extension (markdown-it + KaTeX, rendered in the host).
//
// The baseline runs in a second code-server WITHOUT Mathpost installed: Mathpost activates on
// onLanguage:markdown, so in a shared instance the baseline's host would carry our code as well.
// Both hosts load the same built-ins (markdown-language-features activates on the note in both).
//
// The host is the Node process code-server forks with `--type=extensionHost`; /proc/<pid>/status
// gives VmHWM (its peak resident set since it started) and VmRSS (resident now).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTE_FORMULAS, generateNote } from './note.mjs';
import { loadCodeServerTools } from './codeServerTools.mjs';
import { NotAvailable } from './ours.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const EDITS = 5;

export const OUR_COMMAND = 'Mathpost: Open Preview to the Side';
export const BASELINE_COMMAND = 'Markdown: Open Preview to the Side';

export async function loadHelpers() {
  const tools = await loadCodeServerTools();
  const markdownMath = join(tools.paths.codeServerPackageDir, 'lib/vscode/extensions/markdown-math/package.json');
  if (!existsSync(markdownMath)) throw new NotAvailable('code-server ships no markdown-math extension (the baseline preview would show no math)');
  return tools;
}

/** Process ids of every extension host below `rootPid` (code-server forks one per window). */
function extensionHostsUnder(rootPid) {
  const parents = new Map();
  const commandLines = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      commandLines.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      // the process exited while we looked
    }
  }
  const descends = (pid) => {
    for (let current = pid, depth = 0; current > 1 && depth < 20; current = parents.get(current), depth++) if (current === rootPid) return true;
    return false;
  };
  return [...commandLines].filter(([pid, line]) => line.includes('--type=extensionHost') && descends(pid)).map(([pid]) => pid);
}

/** VmHWM and VmRSS of a process, in MB. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { peakMB: kilobytes('VmHWM') / 1024, rssMB: kilobytes('VmRSS') / 1024 };
}

export async function waitFor(condition, what, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await condition();
    if (value) return value;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
}

/**
 * Asks every webview frame (iframe.webview > iframe#active-frame, see test/e2e/workbench.mjs) for
 * `probe(document)`'s value and returns the first truthy one. Frames are looked up again on every
 * call because a webview may replace its inner frame.
 */
export async function inWebviews(page, probe, argument) {
  for (const frame of page.frames()) {
    if (!frame.url().includes('fake.html') && frame.name() !== 'active-frame') continue;
    const value = await frame.evaluate(probe, argument).catch(() => undefined);
    if (value) return value;
  }
  return undefined;
}

const katexCount = (page) => inWebviews(page, () => document.querySelectorAll('.katex').length);

/** The n-th typed line: prose with two inline formulas, both delimiter styles' idea of `$…$`. */
const editLine = (n) => `Memory edit ${n}: the penalty $D_{KL}(P\\|Q_${n})$ grows with $\\beta = 0.${n}$ here.`;

/**
 * One measured session in a new window of the server at `url`: read the new host's memory, open
 * the note, open the preview with `command`, wait for its math, type EDITS lines at the end (each
 * waited for in the preview), read the memory again.
 */
async function session(page, server, folder, command, log) {
  const hostsBefore = new Set(extensionHostsUnder(server.child.pid));
  await page.goto(`${server.url}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  const pid = await waitFor(() => {
    const fresh = extensionHostsUnder(server.child.pid).filter((candidate) => !hostsBefore.has(candidate));
    if (fresh.length > 1) throw new Error(`${fresh.length} new extension hosts for one window`);
    return fresh[0];
  }, "the window's extension host");
  await sleep(3000); // start-up activations (built-ins on '*' / onStartupFinished) settle first
  const before = memoryOf(pid);

  const note = page.locator('.explorer-folders-view .monaco-list-row[aria-label="note.md"]').first();
  await note.waitFor({ timeout: 60_000 });
  await note.dblclick();
  const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await editor.waitFor({ timeout: 60_000 });
  const started = performance.now();
  // The command palette lists Mathpost's command once the markdown editor is active (its `when`).
  await runCommand(page, command);
  // Every formula rendered, and the count stable for a second (the preview may fill in stages).
  let previous = -1;
  const formulas = await waitFor(
    async () => {
      const count = (await katexCount(page)) ?? 0;
      const settled = count >= NOTE_FORMULAS * 0.9 && count === previous;
      previous = count;
      if (settled) return count;
      await sleep(750);
      return undefined;
    },
    `the preview to show ~${NOTE_FORMULAS} formulas`,
    120_000,
  );
  const renderSeconds = (performance.now() - started) / 1000;

  for (let n = 1; n <= EDITS; n++) {
    await editor.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+End');
    // One input event per line: a single document change, like the suite's other one-line edits.
    await page.keyboard.insertText(`\n${editLine(n)}`);
    const marker = `Memory edit ${n}:`;
    await waitFor(() => inWebviews(page, (text) => document.body.textContent.includes(text), marker), `"${marker}" in the preview`, 60_000);
  }
  await sleep(1000); // the host's work after the last update (diagnostics, caches) lands in the reading too
  const after = memoryOf(pid);
  // Disconnect the window now so its host stops working while the next run measures.
  await page.goto('about:blank');
  log(
    `    ${command}: host ${pid}, ${formulas} formulas in ${renderSeconds.toFixed(1)} s; peak ${after.peakMB.toFixed(1)} MB, RSS ${before.rssMB.toFixed(1)} → ${after.rssMB.toFixed(1)} MB`,
  );
  return { peakMB: after.peakMB, growthMB: after.rssMB - before.rssMB, beforeRssMB: before.rssMB, afterRssMB: after.rssMB };
}

/**
 * Starts two code-servers (one with `vsix` installed, one without) and measures `runs` sessions per
 * side, interleaved (ours first on even runs, the baseline first on odd ones), each in a new window
 * and so a new extension host. Returns { ours, baseline }: arrays of { peakMB, growthMB, ... }.
 */
export async function measureHostMemory(vsix, { runs, log }) {
  const { codeServer, browser, paths, processes, workspace } = await loadHelpers();
  const runDir = paths.makeRunDir('bench-memory');
  try {
    const noteText = generateNote(1);
    let folders = 0;
    const makeFolder = () => {
      const folder = join(runDir, `notes-${folders++}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'note.md'), noteText);
      return folder;
    };
    const settings = { ...codeServer.TEST_SETTINGS, 'workbench.editor.restoreViewState': false };
    const ourState = codeServer.codeServerState(join(runDir, 'ours'), { settings });
    const baselineState = codeServer.codeServerState(join(runDir, 'baseline'), { settings });
    await codeServer.installVsix(ourState, vsix);
    const servers = {
      ours: await codeServer.startCodeServer(ourState, { logFile: join(runDir, 'ours.log') }),
      baseline: await codeServer.startCodeServer(baselineState, { logFile: join(runDir, 'baseline.log') }),
    };
    const commands = { ours: OUR_COMMAND, baseline: BASELINE_COMMAND };
    const chromium = await browser.launchChromium(join(runDir, 'chromium'));
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    const results = { ours: [], baseline: [] };
    for (let run = 0; run < runs; run++) {
      for (const side of run % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours']) {
        results[side].push(await session(page, servers[side], makeFolder(), commands[side], log));
      }
    }
    await chromium.close();
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    return results;
  } finally {
    await processes.runCleanups();
    workspace.removeRunDir(runDir);
  }
}
