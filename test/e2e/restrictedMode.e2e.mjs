/* global describe, it, before, after, document -- mocha's bdd globals; document is used inside frame.evaluate */
// Workspace trust: a blog opened in Restricted Mode (an untrusted folder, as when someone opens a blog they
// downloaded) is still validated and previewed, and the workspace's own settings cannot turn raw HTML on.
// The same files opened trusted are the control: there the workspace setting does turn it on, so the
// restricted run shows trust at work, not a setting that never applied.
import assert from 'node:assert/strict';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

const NOTE = 'source/_posts/downloaded.md';
const FILES = {
  // `preview.allowHtml` is a restricted setting (package.json capabilities.untrustedWorkspaces).
  '.vscode/settings.json': JSON.stringify({ 'mathpost.preview.allowHtml': true }, null, 2),
  [NOTE]: `---
title: Downloaded note
date: 2025-02-30 10:00:00
---

Formula: $D_{KL}(P\\|Q) = \\sum_x P(x)\\log\\frac{P(x)}{Q(x)}$

<b id="raw-html-mark">RAW-HTML</b>

RESTRICTED-NOTE-END
`,
};

/** Opens the note, waits for its front-matter problem, opens the preview and returns its frame. */
async function validateAndPreview(workbench) {
  await workbench.openFileFromExplorer(NOTE);
  await workbench.waitForProblem(/2025-02-30 10:00:00 does not exist/);
  await workbench.runCommand('Mathpost: Open Preview to the Side');
  const frame = await workbench.webviewFrame('RESTRICTED-NOTE-END');
  await waitUntil(async () => (await frame.locator('.katex').count()) > 0 || undefined, 'KaTeX in the preview');
  return frame;
}

// The sanitizer drops `id` attributes (no DOM clobbering), so the element is found by its text.
const rawHtmlElements = (frame) => frame.evaluate(() => [...document.querySelectorAll('b')].filter((element) => element.textContent === 'RAW-HTML').length);

describe('a blog opened in Restricted Mode (untrusted workspace)', () => {
  let restricted;
  let trusted;
  before(async () => {
    restricted = await openWorkbench({ files: FILES, restricted: true });
  });
  after(async () => {
    await restricted?.close();
    await trusted?.close();
  });

  it('is really restricted: VS Code shows Restricted Mode', async () => {
    const indicator = restricted.page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
    await indicator.first().waitFor({ timeout: 30_000 });
  });

  it('still validates the front matter and previews the math, but ignores the workspace allowHtml', async () => {
    const frame = await validateAndPreview(restricted);
    assert.equal(await rawHtmlElements(frame), 0, 'raw HTML was rendered although the workspace is untrusted');
    assert.match(await frame.locator('body').innerText(), /<b id=.raw-html-mark.>RAW-HTML<\/b>/, 'the HTML is shown as text (typographer quotes aside)');
  });

  it('(control) the same workspace setting does render raw HTML once the folder is trusted', async () => {
    trusted = await openWorkbench({ files: FILES });
    const frame = await validateAndPreview(trusted);
    assert.equal(await rawHtmlElements(frame), 1);
  });
});
