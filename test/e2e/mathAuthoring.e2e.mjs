/* global describe, it, before, after -- mocha's bdd globals */
// Issue #11 as a person uses it: the formula hover image loads, `\` in math opens LaTeX suggestions, and the
// preview follows the cursor to a formula and back on a double-click.
import assert from 'node:assert/strict';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

const NOTE = 'source/_posts/authoring.md';
const lines = [
  '---',
  'title: authoring',
  'date: 2025-06-01 10:00:00',
  '---',
  '',
  'Entropy $H(p) = -\\sum_x p(x) \\log p(x)$ is the first.',
  '',
  'The paragraph starts here,',
  'and its second line has $\\alpha + \\beta$ inside.',
  '',
  'Type here: TYPEHERE',
  '',
];

/** Ctrl+G to `line:column` (1-based), as a keyboard user moves the cursor. */
async function goTo(workbench, line, column) {
  const quickInput = workbench.page.locator('.quick-input-widget');
  await workbench.page.keyboard.press('Control+G');
  await quickInput.waitFor({ state: 'visible' });
  await workbench.page.keyboard.type(`${line}:${column}`);
  await workbench.page.keyboard.press('Enter');
  await quickInput.waitFor({ state: 'hidden' });
}

/** The editor's cursor as the status bar shows it ("Ln 9, Col 25"). */
async function cursorPosition(workbench) {
  const text = await workbench.page.locator('[id="status.editor.selection"]').innerText();
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

describe('math authoring (issue #11)', () => {
  let workbench;
  before(async () => {
    workbench = await openWorkbench({ files: { [NOTE]: lines.join('\n') } });
    await workbench.openFileFromExplorer(NOTE);
  });
  after(async () => workbench?.close());

  it('hovers a formula with its rendered image, loaded', async () => {
    const text = await workbench.hoverText('\\sum_x');
    assert.ok(text !== undefined);
    const image = workbench.hoverWidget().locator('img[src^="data:image/svg+xml"]');
    const size = await waitUntil(async () => {
      const loaded = await image
        .first()
        .evaluate((element) => (element.complete && element.naturalWidth > 0 ? { width: element.naturalWidth, height: element.naturalHeight } : undefined))
        .catch(() => undefined);
      return loaded;
    }, 'the hover image to load');
    assert.ok(size.width > 100 && size.height > 10, `image ${size.width}x${size.height}`);
    await workbench.closeHover();
  });

  it('opens LaTeX suggestions when \\ is typed in math, and none in prose', async () => {
    await goTo(workbench, 11, 1);
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.type(' $x + \\fra');
    const suggest = workbench.page.locator('.editor-widget.suggest-widget.visible');
    await suggest.waitFor({ timeout: 15_000 });
    const labels = await waitUntil(async () => {
      const rows = await suggest
        .locator('.monaco-list-row')
        .evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? element.textContent ?? ''));
      return rows.some((row) => row.includes('\\frac')) && rows;
    }, 'a \\frac suggestion');
    assert.ok(labels.length > 0);
    await workbench.page.keyboard.press('Escape');
    // Undo the typing, then the same in prose: no LaTeX suggestion list opens.
    for (let i = 0; i < 3; i++) await workbench.page.keyboard.press('Control+Z');
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.type(' plain \\fra');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const prose = await suggest
      .locator('.monaco-list-row')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''))
      .catch(() => []);
    assert.ok(!prose.some((row) => row.includes('\\frac')), `suggestions in prose: ${prose.join(' | ')}`);
    await workbench.page.keyboard.press('Escape');
  });

  it('highlights the formula at the cursor in the preview, and a double-click on a formula puts the cursor on its source', async () => {
    await workbench.runCommand('Mathpost: Open Preview to the Side');
    const frame = await workbench.webviewFrame('second line has');
    await workbench.page.keyboard.press('Control+1');
    // Cursor inside $\alpha + \beta$ (line 9): the preview marks that formula, not the entropy one.
    await goTo(workbench, 9, lines[8].indexOf('\\beta') + 2);
    const marked = await waitUntil(async () => {
      const texts = await frame.locator('.mp-cursor-formula').allInnerTexts();
      return texts.length === 1 && texts[0];
    }, 'one highlighted formula in the preview');
    assert.match(marked, /α/);
    // Elsewhere, then a double-click on the α formula in the preview: the cursor goes to its `$`.
    await goTo(workbench, 11, 1);
    await frame.locator('.katex', { hasText: 'α' }).first().dblclick();
    const position = await waitUntil(async () => {
      const at = await cursorPosition(workbench);
      return at && at.line === 9 && at;
    }, 'the cursor on line 9');
    assert.equal(position.column, lines[8].indexOf('$') + 1, 'at the formula, not the start of its paragraph');
  });
});
