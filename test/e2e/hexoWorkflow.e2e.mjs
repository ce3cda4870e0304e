/* global describe, it, before, after, atob, Blob, navigator, ClipboardItem -- mocha's bdd globals; the browser's, inside page.evaluate */
// Issue #14 as a person does it: New Post from the command palette (layout pick, title typed into the
// validated input box), and a PNG pasted with Ctrl+V from the system clipboard into a post, which must be
// applied by Mathpost's paste provider (before VS Code's built-in markdown one) and shown by the preview.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

// A 1×1 PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('the Hexo workflow in the workbench', () => {
  let workbench;
  before(async () => {
    workbench = await openWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('New Post: palette → layout → title with live validation → the post opens', async () => {
    const { page } = workbench;
    await workbench.openFileFromExplorer('source/_posts/kl-divergence.md');
    await workbench.openCommandPalette('Mathpost: New Post');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Mathpost: New Post' }).first().click();
    // The layout quick pick: the blog's default_layout (post) comes first.
    const firstLayout = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await waitUntil(async () => /^post\b/.test((await firstLayout.getAttribute('aria-label')) ?? ''), 'the layout pick with post first');
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await input.fill('???');
    await waitUntil(async () => /empty file name/.test((await message.textContent()) ?? ''), 'the validation error for a title without letters');
    await page.keyboard.press('Enter');
    assert.ok(await input.isVisible(), 'an invalid title is not accepted');
    await input.fill('E2E 测试文章');
    await waitUntil(async () => /Creates source\/_posts\/E2E-测试文章\.md/.test((await message.textContent()) ?? ''), 'the file the title will create');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[aria-label*="E2E-测试文章.md"]').waitFor({ timeout: 30_000 });
    const file = join(workbench.workspaceFolder, 'source/_posts/E2E-测试文章.md');
    assert.match(readFileSync(file, 'utf8'), /^---\nlayout: post\ntitle: E2E 测试文章\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\ntags:\n---\n$/);
    assert.ok(existsSync(join(workbench.workspaceFolder, 'source/_posts/E2E-测试文章')), 'the asset folder');
  });

  it('Ctrl+V of a PNG on the clipboard copies it into the asset folder, links it with asset_img, and the preview shows it', async () => {
    const { page } = workbench;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await workbench.openFileFromExplorer('source/_posts/kl-divergence.md');
    await workbench.runCommand('Mathpost: Open Preview to the Side');
    await workbench.webviewFrame('KL');
    // Back into the note (the first editor group), at its end, on a line of its own.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.evaluate(async (base64) => {
      const blob = new Blob([Uint8Array.from(atob(base64), (character) => character.charCodeAt(0))], { type: 'image/png' });
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    }, PNG_BASE64);
    await page.keyboard.press('Control+V');
    const image = join(workbench.workspaceFolder, 'source/_posts/kl-divergence/image.png');
    await waitUntil(() => existsSync(image), 'the pasted image in the post asset folder');
    // The browser's clipboard re-encodes images: the same 1×1 PNG, not the same bytes.
    const bytes = readFileSync(image);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1, 1], 'of 1×1 pixels');
    const editorText = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await waitUntil(
      async () => /\{% asset_img image\.png %\}/.test((await editorText.textContent())?.replace(/\u00a0/g, ' ') ?? ''),
      'the asset_img link in the editor',
    );
    const frame = await workbench.webviewFrame('KL');
    await waitUntil(async () => (await frame.locator('img[src*="kl-divergence/image.png"]').count()) > 0, 'the pasted image in the preview');
  });
});
