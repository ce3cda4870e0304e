// preview.webview-patch: a one-block update applied by our webview (dist/webview.js) in headless
// Chromium, timed in the page from the message event to a finished layout (offsetHeight forces
// style + layout; paint is not included), on the 200 KB note already displayed.
// Baseline: VS Code's built-in preview on the same edit: DOMParser over the whole new HTML, then
// morphdom(childrenOnly) that keeps equal top-level nodes. morphdom is not installed, so the page
// runs a reduced version of it (top-level pairs by position, kept when equal as VS Code's
// areNodesEqual decides, replaced otherwise); real morphdom does at least this much work.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBaselineEngine } from '../lib/baseline.mjs';
import { compare, median } from '../lib/harness.mjs';
import { editNote, generateNote } from '../lib/note.mjs';
import { NotAvailable, repoRoot, requireFromRoot } from '../lib/ours.mjs';
import { createOurRenderer } from '../lib/ourSides.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const katexCss = () => pathToFileURL(join(repoRoot, 'dist/katex/katex.min.css')).href;
const style = '<style>body{font-family:sans-serif;max-width:900px;margin:0 auto;padding:0 20px}</style>';

function ourPage() {
  // The preview's own stylesheet, when there is one: its rules are part of the layout cost.
  const previewCss = join(repoRoot, 'media/preview.css');
  const ownCss = existsSync(previewCss) ? `<link rel="stylesheet" href="${pathToFileURL(previewCss).href}">` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${katexCss()}">${ownCss}${style}</head>
<body data-uri="file:///bench/note.md"><div id="mp-header"></div><div id="mp-body"></div>
<script>
window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });
window.__apply = (message) => {
  const started = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: message }));
  void document.body.offsetHeight;
  return performance.now() - started;
};
</script>
<script src="${pathToFileURL(join(repoRoot, 'dist/webview.js')).href}"></script></body></html>`;
}

function baselinePage() {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${katexCss()}">${style}</head>
<body><div class="markdown-body"></div>
<script>
function areNodesEqual(a, b) {
  if (a.isEqualNode(b)) return true;
  if (a.tagName !== b.tagName || a.textContent !== b.textContent) return false;
  const aAttrs = [...a.attributes].filter((x) => x.name !== 'open');
  const bAttrs = [...b.attributes].filter((x) => x.name !== 'open');
  if (aAttrs.length !== bAttrs.length) return false;
  for (let i = 0; i < aAttrs.length; ++i) {
    if (aAttrs[i].name !== bAttrs[i].name) return false;
    if (aAttrs[i].value !== bAttrs[i].value && aAttrs[i].name !== 'data-line') return false;
  }
  const ac = Array.from(a.children), bc = Array.from(b.children);
  return ac.length === bc.length && ac.every((x, i) => areNodesEqual(x, bc[i]));
}
window.__apply = (html, first) => {
  const started = performance.now();
  const root = document.querySelector('.markdown-body');
  const parsed = new DOMParser().parseFromString('<div class="markdown-body">' + html + '</div>', 'text/html');
  const newRoot = parsed.querySelector('.markdown-body');
  if (first) {
    root.replaceWith(newRoot);
  } else {
    const from = Array.from(root.children), to = Array.from(newRoot.children);
    for (let i = 0; i < to.length; i++) {
      if (i >= from.length) root.appendChild(to[i]);
      else if (areNodesEqual(from[i], to[i])) {
        const fromLines = from[i].querySelectorAll('[data-line]'), toLines = to[i].querySelectorAll('[data-line]');
        for (let j = 0; j < fromLines.length; j++) if (toLines[j]) fromLines[j].setAttribute('data-line', toLines[j].getAttribute('data-line'));
      } else from[i].replaceWith(to[i]);
    }
    for (let i = to.length; i < from.length; i++) from[i].remove();
  }
  void document.body.offsetHeight;
  return performance.now() - started;
};
</script></body></html>`;
}

export const webviewPatch = {
  name: 'preview.webview-patch',
  goal: '≤ 16 ms',
  meets: (r) => r.ours_ms <= 16,
  async run({ quick }) {
    if (!existsSync(CHROMIUM)) throw new NotAvailable(`${CHROMIUM} is missing`);
    if (!existsSync(join(repoRoot, 'dist/webview.js'))) throw new NotAvailable('dist/webview.js not built');
    const renderer = createOurRenderer();
    const { chromium } = requireFromRoot('playwright-core');
    const note = generateNote(1);
    // The page shows what the session posted when it opened the note; its patches then name those blocks.
    let opening = [];
    const session = renderer.openSession(note, (messages) => (opening = messages));
    const baseline = createBaselineEngine();
    const versions = [note];
    const version = (run) => {
      while (versions.length <= run + 1) versions.push(editNote(versions[versions.length - 1], versions.length).text);
      return versions[run + 1];
    };
    const folder = mkdtempSync(join(tmpdir(), 'mathpost-bench-webview-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const open = async (html) => {
        const file = join(folder, `${Math.random().toString(36).slice(2)}.html`);
        writeFileSync(file, html);
        const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
        await page.goto(pathToFileURL(file).href);
        return page;
      };
      const ours = await open(ourPage());
      const theirs = await open(baselinePage());
      await session.opened;
      for (const message of opening) await ours.evaluate((posted) => window.__apply(posted), JSON.parse(message));
      const posted = await ours.evaluate(() => window.__posted.map((m) => m.type));
      if (!posted.includes('applied')) throw new NotAvailable(`the webview did not acknowledge the full render (posted: ${posted.join(', ') || 'nothing'})`);
      // The baseline's HTML alternates between the note and the note with one line edited: each
      // update is still a one-line change, and the slow full render runs twice, not once per run.
      const baselineHtml = [baseline.render(note), baseline.render(version(0))];
      await theirs.evaluate((html) => window.__apply(html, true), baselineHtml[0]);
      await Promise.all([ours, theirs].map((page) => page.evaluate(() => document.fonts.ready.then(() => undefined))));
      const patches = new Map();
      // Made in `prepare` (off the clock), read from the map on the clock.
      const patchFor = async (run) => {
        if (!patches.has(run))
          patches.set(
            run,
            (await session.update(version(run))).map((message) => JSON.parse(message)),
          );
        return patches.get(run);
      };
      // Only the in-page time counts; the harness clock (which includes the CDP round trip) is replaced.
      const inPage = { ours: [], baseline: [] };
      await compare({
        prepare: patchFor,
        // A one-line edit is one message; were it more, the page's time is that of all of them.
        ours: async (run) =>
          inPage.ours.push(await ours.evaluate((messages) => messages.reduce((ms, message) => ms + window.__apply(message), 0), await patchFor(run))),
        baseline: async (run) => inPage.baseline.push(await theirs.evaluate((html) => window.__apply(html, false), baselineHtml[(run + 1) % 2])),
        warmup: 2,
        minRuns: quick ? 2 : 8,
        maxRuns: quick ? 2 : 30,
        budgetMs: quick ? 0 : 8_000,
        gc: false,
      });
      const timed = (samples) => samples.slice(2);
      const acknowledged = await ours.evaluate(() => window.__posted.filter((m) => m.type === 'applied' && m.kind === 'patch').map((m) => m.ms));
      return {
        ours_ms: median(timed(inPage.ours)),
        baseline: 'VS Code preview update: DOMParser + morphdom-style top-level diff',
        baseline_ms: median(timed(inPage.baseline)),
        runs: timed(inPage.ours).length,
        note: `message → layout done, in the page; the webview's own "applied" ms: ${median(acknowledged.slice(2))?.toFixed(2)}`,
      };
    } finally {
      await browser.close();
      renderer.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
