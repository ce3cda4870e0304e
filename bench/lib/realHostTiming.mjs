// What a person waits for in a real VS Code (code-server + headless Chromium), issue #15:
//
// - first paint: "Open Preview to the Side" → the note's first body element painted in the webview.
//   Ours: Mathpost's command in a code-server with the VSIX; baseline: VS Code's own markdown preview
//   (math by the built-in markdown-math) in a second code-server WITHOUT Mathpost, so its host carries
//   none of our code (see hostMemory.mjs). Same settings, viewport and note for both.
// - first diagnostics: a post opened from the Explorer → its first diagnostic drawn in the editor.
//
// "Painted" is defined once, for both sides, by an observer Playwright adds to every webview frame
// before it loads (`addInitScript`): on every animation frame, the webview's host frame (…/pre/index.html,
// same origin as its content frame) looks into its content iframes for the note's first heading
// ("1. …", the first element of every generated note's body) and records the wall-clock time of the
// first animation frame in which that heading is laid out with a non-empty box inside the content
// frame's viewport and the frame is not `visibility: hidden` (VS Code shows the content frame only
// once it has loaded). A requestAnimationFrame callback runs just before the frame it belongs to is
// painted, so this is the paint of that frame, within one frame (~16 ms) for both sides. Polling from
// Node instead would add the round trips of Playwright to the measure (and CPU load on 2 cores).
// The clock starts right before the click on the command's row in the command palette (wall clock,
// same machine, so comparable with the page's `performance.timeOrigin + performance.now()`).
//
// Diagnostics are observed the same way in the workbench page: the first `.squiggly-*` decoration in the
// editor of the post (what the person sees), on a line of its front matter, from the mousedown of the click
// on the file in the Explorer. The same is measured with a floor extension (bench/floor-extension) that
// publishes one warning in the open event's turn and does nothing else: what VS Code alone costs.
/* global location, getComputedStyle, requestAnimationFrame -- used in functions that run inside the page */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTE_FORMULAS, generateNote } from './note.mjs';
import { repoRoot } from './ours.mjs';
import { BASELINE_COMMAND, OUR_COMMAND, inWebviews, loadHelpers, waitFor } from './hostMemory.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs in every frame; only the webview host frames (…/webview/browser/pre/index.html) watch. */
export function paintObserver() {
  if (!/\/webview\/browser\/pre\/index\.html$/.test(location.pathname)) return;
  const heading = /^\s*#?\s*1\.\s/;
  const visible = (frame) => {
    if (getComputedStyle(frame).visibility === 'hidden') return false;
    const doc = frame.contentDocument;
    if (!doc?.body) return false;
    for (const element of doc.querySelectorAll('h1, h2')) {
      if (!heading.test(element.textContent ?? '')) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.top < frame.contentWindow.innerHeight && box.bottom > 0) return true;
    }
    return false;
  };
  const check = () => {
    if (window.__mpFirstPaint) return;
    for (const frame of document.querySelectorAll('iframe')) {
      try {
        if (visible(frame)) {
          window.__mpFirstPaint = performance.timeOrigin + performance.now();
          return;
        }
      } catch {
        // a frame of another origin: not the webview's content
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** The first paint recorded by any webview frame of the page, or undefined. */
async function firstPaintOf(page) {
  for (const frame of page.frames()) {
    if (!frame.url().includes('/webview/browser/pre/index.html')) continue;
    const value = await frame.evaluate(() => window.__mpFirstPaint).catch(() => undefined);
    if (value) return value;
  }
  return undefined;
}

/** What the webview frames hold, for the message of a run that saw no paint. */
async function describeWebviews(page) {
  const frames = page.frames().filter((frame) => frame.url().includes('/webview/browser/pre/index.html'));
  return Promise.all(
    frames.map((frame) =>
      frame
        .evaluate(() => ({
          painted: window.__mpFirstPaint,
          frames: [...document.querySelectorAll('iframe')].map((inner) => ({
            visibility: getComputedStyle(inner).visibility,
            headings: [...(inner.contentDocument?.querySelectorAll('h1, h2') ?? [])].slice(0, 3).map((h) => h.textContent),
          })),
        }))
        .catch((error) => String(error)),
    ),
  );
}

async function openFromExplorer(page, file) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${file}"]`).first();
  await row.waitFor({ timeout: 60_000 });
  await row.dblclick();
  await page.locator(`.tabs-container .tab.active[aria-label*="${file}"]`).waitFor({ timeout: 60_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
}

/** F1, the command's title, and a click on its row; returns the wall-clock time of the click's mousedown. */
async function startCommand(page, title) {
  // The commands' `when` clauses need the markdown editor focused (a click on its text, as a person would).
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  // The row of exactly this command (others match the words too, e.g. "… Open Locked Preview to the Side").
  const row = await waitFor(
    async () => {
      const labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
      const index = labels.findIndex((label) => label === title || label.startsWith(`${title},`));
      return index === -1 ? undefined : rows.nth(index);
    },
    `"${title}" in the command palette`,
    30_000,
  );
  // The clock starts at the click's mousedown in the page (Playwright's checks before the click stay off it).
  await page.evaluate(() => {
    window.__mpClicked = undefined;
    const mark = () => (window.__mpClicked = performance.timeOrigin + performance.now());
    document.addEventListener('mousedown', mark, { capture: true, once: true });
  });
  await row.click();
  return page.evaluate(() => window.__mpClicked);
}

async function closeAllEditors(page) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill('>View: Close All Editors');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'View: Close All Editors' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'detached', timeout: 30_000 });
}

/** A window of `server` on a new folder holding `files` ({ name: text }). */
async function openWindow(context, server, folder, files) {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  await sleep(3000); // start-up activations settle before the first measure
  return page;
}

/**
 * First paint, `runs` measured runs per side after one cold run (the first preview of a window also
 * loads the renderer; it is reported apart). One window per side for all runs; each run opens a
 * different note (seed 2000 + run, the same text on both sides) so no cache keyed by formula source
 * helps, waits 1.5 s (the note's diagnostics are computed on open, as when a person opens a note and
 * then asks for the preview), runs the command, and waits until the preview shows all its math before
 * closing every editor. Sides alternate (ABBA). Then `floor`: the same command on a one-line note (up to 5 runs per
 * side), the webview's own start, which no renderer can go below: the best ratio a side can have is the other's time
 * over this floor.
 */
export async function measureFirstPaint(vsix, { runs, log }) {
  const { codeServer, browser, paths, processes, workspace } = await loadHelpers();
  const runDir = paths.makeRunDir('bench-first-paint');
  try {
    const notes = Object.fromEntries(Array.from({ length: runs + 1 }, (_, run) => [`note-${run}.md`, generateNote(2000 + run)]));
    // The floor: a note of one heading and one line, whose preview costs nothing but the webview's own start.
    notes['tiny.md'] = '---\ntitle: tiny\n---\n\n## 1. A one-line note\n\nNothing else.\n';
    const settings = { ...codeServer.TEST_SETTINGS, 'workbench.editor.restoreViewState': false };
    const states = {
      ours: codeServer.codeServerState(join(runDir, 'ours'), { settings }),
      baseline: codeServer.codeServerState(join(runDir, 'baseline'), { settings }),
    };
    await codeServer.installVsix(states.ours, vsix);
    const servers = {
      ours: await codeServer.startCodeServer(states.ours, { logFile: join(runDir, 'ours.log') }),
      baseline: await codeServer.startCodeServer(states.baseline, { logFile: join(runDir, 'baseline.log') }),
    };
    const commands = { ours: OUR_COMMAND, baseline: BASELINE_COMMAND };
    // One browser per side: a webview in a second tab of one headless browser never loaded its content.
    const browsers = {};
    const pages = {};
    for (const side of ['ours', 'baseline']) {
      browsers[side] = await browser.launchChromium(join(runDir, `chromium-${side}`));
      await browsers[side].context.addInitScript(paintObserver);
      pages[side] = await openWindow(browsers[side].context, servers[side], join(runDir, `notes-${side}`), notes);
    }
    const samples = { ours: [], baseline: [] };
    const cold = {};
    for (let run = 0; run <= runs; run++) {
      for (const side of run % 4 === 1 || run % 4 === 2 ? ['baseline', 'ours'] : ['ours', 'baseline']) {
        const page = pages[side];
        await openFromExplorer(page, `note-${run}.md`);
        await sleep(1500);
        const started = await startCommand(page, commands[side]);
        const painted = await waitFor(() => firstPaintOf(page), `the ${side} preview's first paint`, 120_000).catch(async (error) => {
          throw new Error(`${error.message}; webview frames: ${JSON.stringify(await describeWebviews(page))}`);
        });
        const ms = painted - started;
        // All math shown (and stable) before the next run, so no side's leftover work lands in another's run.
        let previous = -1;
        await waitFor(
          async () => {
            const count = (await inWebviews(page, () => document.querySelectorAll('.katex').length)) ?? 0;
            const settled = count >= NOTE_FORMULAS * 0.9 && count === previous;
            previous = count;
            if (!settled) await sleep(500);
            return settled;
          },
          `the ${side} preview to show its math`,
          120_000,
        );
        if (run === 0) cold[side] = ms;
        else samples[side].push(ms);
        log(`    run ${run}${run === 0 ? ' (cold)' : ''} ${side}: first paint ${ms} ms`);
        await closeAllEditors(page);
        await sleep(500);
      }
    }
    // The same command on the one-line note, a few runs per side: what a preview costs before any note is rendered.
    const floor = { ours: [], baseline: [] };
    for (let run = 0; run < Math.min(runs, 5); run++) {
      for (const side of run % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours']) {
        const page = pages[side];
        await openFromExplorer(page, 'tiny.md');
        await sleep(1500);
        const started = await startCommand(page, commands[side]);
        const painted = await waitFor(() => firstPaintOf(page), `the ${side} preview's first paint of the one-line note`, 120_000);
        floor[side].push(painted - started);
        log(`    floor run ${run} ${side}: first paint of the one-line note ${painted - started} ms`);
        await sleep(1000);
        await closeAllEditors(page);
        await sleep(500);
      }
    }
    await Promise.all(Object.values(browsers).map((opened) => opened.close()));
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    return { ...samples, cold, floor };
  } finally {
    await processes.runCleanups();
    workspace.removeRunDir(runDir);
  }
}

/**
 * Runs in the workbench page: the time of the first animation frame showing a diagnostic squiggle in the editor
 * of `file` (its tab active), the text of the line it is on (the run checks it is a line of the post's front
 * matter: the squiggle is Mathpost's, of this post), and, for reference, the first frame showing the post's
 * text (what VS Code alone costs to open a 200 KB file). The clock starts at the mousedown of the click on the
 * file in the Explorer (the first click of the double-click), in the page, so Playwright's own checks and round
 * trips before the click are not on it.
 */
function watchSquiggles({ title, file }) {
  window.__mpSquiggle = undefined;
  window.__mpSquiggleLine = undefined;
  window.__mpText = undefined;
  window.__mpClicked = undefined;
  document.addEventListener('mousedown', () => (window.__mpClicked = performance.timeOrigin + performance.now()), { capture: true, once: true });
  const check = () => {
    const now = performance.timeOrigin + performance.now();
    // One editor group (every run starts with all editors closed): the post's tab active, its editor.
    const editor = document.querySelector(`.tabs-container .tab.active[aria-label*="${file}"]`)
      ? document.querySelector('.editor-instance .monaco-editor')
      : undefined;
    if (editor && !window.__mpText && editor.querySelector('.view-lines')?.textContent.includes(title)) window.__mpText = now;
    const squiggle = editor?.querySelector('.view-overlays [class*="squiggly-"]');
    if (squiggle) {
      window.__mpSquiggle = now;
      // An overlay line and its text line share their `top`.
      const top = squiggle.parentElement?.style.top;
      const line = [...editor.querySelectorAll('.view-lines .view-line')].find((candidate) => candidate.style.top === top);
      window.__mpSquiggleLine = line?.textContent ?? '';
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * First diagnostics: one window per side with `runs + 1` posts (the 200 KB note, a different seed each, with a
 * front-matter date Hexo cannot read on line 3, so every post has a diagnostic at its top). Side `ours` is
 * Mathpost; side `floor` is bench/floor-extension, which publishes one warning on the date line in the open
 * event's turn and does nothing else: what any extension waits for on this host. Each run clicks a post in the
 * Explorer and waits for the first squiggle in its editor; sides alternate (ABBA). Run 0 is each window's first
 * markdown file: it activates the extension (and loads Mathpost's core); it is reported apart.
 */
// No spaces: the editor draws them as no-break spaces.
const TITLE = '一份很长的笔记';

export async function measureFirstDiagnostics(vsix, { runs, log }) {
  const { codeServer, browser, paths, processes, workspace } = await loadHelpers();
  const runDir = paths.makeRunDir('bench-first-diagnostics');
  try {
    const posts = Object.fromEntries(
      Array.from({ length: runs + 1 }, (_, run) => [`post-${run}.md`, generateNote(3000 + run).replace(/^date: .*$/m, 'date: 2025-13-45 25:61:00')]),
    );
    const settings = { ...codeServer.TEST_SETTINGS, 'workbench.editor.restoreViewState': false };
    const sides = {};
    for (const [side, extension, folderName] of [
      ['ours', vsix, undefined],
      ['floor', packageFloorExtension(runDir), 'mathpost-bench.diagnostics-floor-0.0.1'],
    ]) {
      const state = codeServer.codeServerState(join(runDir, side), { settings });
      await codeServer.installVsix(state, extension, folderName);
      const server = await codeServer.startCodeServer(state, { logFile: join(runDir, `${side}.log`) });
      const chromium = await browser.launchChromium(join(runDir, `chromium-${side}`));
      const page = await openWindow(chromium.context, server, join(runDir, `posts-${side}`), posts);
      sides[side] = { server, chromium, page, samples: [], text: [] };
    }
    // Both windows' start-up work (the built-in markdown extension indexes the posts) over before the first click.
    await sleep(10_000);
    const cold = {};
    for (let run = 0; run <= runs; run++) {
      for (const side of run % 4 === 1 || run % 4 === 2 ? ['floor', 'ours'] : ['ours', 'floor']) {
        const { page, samples, text } = sides[side];
        const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="post-${run}.md"]`).first();
        await row.waitFor({ timeout: 60_000 });
        await page.evaluate(watchSquiggles, { title: TITLE, file: `post-${run}.md` });
        await row.dblclick();
        const shown = await waitFor(() => page.evaluate(() => window.__mpSquiggle), `a diagnostic in post-${run}.md (${side})`, 60_000);
        const { started, textAt, line } = await page.evaluate(() => ({ started: window.__mpClicked, textAt: window.__mpText, line: window.__mpSquiggleLine }));
        // The first squiggle must be on a line of the post's front matter (where both sides report the bad date).
        const frontMatterLines = posts[`post-${run}.md`]
          .split('\n---\n')[0]
          .split('\n')
          .map((text) => text.replace(/\s+/g, ''));
        if (!line || !frontMatterLines.includes(line.replace(/\s+/g, '')))
          throw new Error(`the first squiggle of post-${run}.md (${side}) is not on a front-matter line: ${JSON.stringify(line)}`);
        const ms = shown - started;
        const textMs = textAt - started;
        if (run === 0) cold[side] = ms;
        else {
          samples.push(ms);
          text.push(textMs);
        }
        log(`    run ${run}${run === 0 ? ' (cold: activation)' : ''} ${side}: first diagnostic drawn ${ms} ms (the post's text ${textMs} ms)`);
        await sleep(3000); // the rest of Mathpost's checks (the formulas, in slices) finish before the next post
        await closeAllEditors(page);
        await sleep(500);
      }
    }
    for (const { chromium, server } of Object.values(sides)) {
      await chromium.close();
      await server.stop();
    }
    return { ours: sides.ours.samples, text: sides.ours.text, floor: sides.floor.samples, floorText: sides.floor.text, cold };
  } finally {
    await processes.runCleanups();
    workspace.removeRunDir(runDir);
  }
}

/** bench/floor-extension packaged as a VSIX in `folder` (vsce, as the real extension is packaged). */
function packageFloorExtension(folder) {
  const source = join(repoRoot, 'bench/floor-extension');
  const out = join(folder, 'diagnostics-floor.vsix');
  const vsce = join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], {
    cwd: source,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vsce package bench/floor-extension failed: ${result.stderr || result.stdout}`);
  return out;
}
