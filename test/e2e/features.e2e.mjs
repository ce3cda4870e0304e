/* global describe, it, before, after, window -- mocha's bdd globals; window is used inside frame.evaluate */
// Mathpost used as a person uses it: the packaged VSIX in code-server, driven through Chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

const KL_POST = 'source/_posts/kl-divergence.md';
const klPostLines = readFileSync(join(repoRoot, 'examples/blog', KL_POST), 'utf8').split('\n');

/**
 * Ctrl+G to the line holding `text`, as a person scrolls to it: the editor then shows it. With `atColumnOf`, the
 * cursor goes to the middle of that text on the line (Go to Line takes `line:column`).
 */
async function goToLineWith(workbench, text, { atColumnOf } = {}) {
  const line = klPostLines.findIndex((candidate) => candidate.includes(text)) + 1;
  assert.ok(line > 0, `${text} is in ${KL_POST}`);
  const column = atColumnOf ? klPostLines[line - 1].indexOf(atColumnOf) + Math.ceil(atColumnOf.length / 2) : undefined;
  await workbench.goToLine(line, column);
  await waitUntil(() => workbench.textPosition(text), `line ${line} to be visible`);
}

describe('Mathpost as a person uses it', () => {
  let workbench;
  before(async () => {
    workbench = await openWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows the front-matter problems of a post in the Problems panel', async () => {
    await workbench.openFileFromExplorer('source/_posts/needs-fixes.md');
    await workbench.waitForProblem(/2025-02-30 does not exist/);
    // The front matter's problems are published as the post opens and the math's in slices after them (issue #15):
    // wait for the KaTeX error too before reading the panel once (read at the first row, it could be missing).
    const rows = await workbench.waitForProblem(/Unexpected end of input in a macro argument/);
    const all = rows.map((row) => `${row.label} ${row.text}`).join('\n');
    assert.match(all, /Did you mean `categories`/);
    assert.match(all, /toc: 'false'/);
    // Not /KaTeX/ alone: the front-matter warning "Butterfly will not load KaTeX …" matches that too. KaTeX's own
    // parse error of the unclosed \frac (line 13), with its code, at the end of the formula's input: the closing
    // $$ on line 14, column 1 (KaTeX reports position = length of the TeX, i.e. where the input ran out).
    const katexRow = rows.find((row) => /Unexpected end of input in a macro argument/.test(`${row.label} ${row.text}`));
    assert.ok(katexRow, `a KaTeX parse error row in:\n${all}`);
    const row = `${katexRow.label} ${katexRow.text}`;
    assert.match(row, /math\.parse-error/, row);
    assert.match(row, /Ln 14, Col 1/, row);
  });

  it('evaluates a kl line (mouse) and D_{KL}(P\\|Q) in math (keyboard) in the hover widget', async () => {
    await workbench.openFileFromExplorer('source/_posts/kl-divergence.md');
    const expected = (0.5 * Math.log(1.25) + 0.3 * Math.log(0.75)).toFixed(6);
    await goToLineWith(workbench, 'kl(P, Q)');
    // Over the call itself (`kl(`), not over a name: a name's hover shows its definition instead.
    const overSnippet = await workbench.hoverText('kl(');
    assert.ok(overSnippet.includes(expected), `hover over kl(P, Q): ${overSnippet}`);
    assert.match(overSnippet, /bits/);
    // This line starts with Chinese: from the keyboard, so the columns cannot shift with the fonts installed.
    await goToLineWith(workbench, '于是 $D_{KL}(P\\|Q)$', { atColumnOf: 'D_{KL}(P\\|Q)' });
    const overMath = await workbench.keyboardHoverText();
    assert.ok(overMath.includes(expected), `hover over D_{KL}(P\\|Q): ${overMath}`);
  });

  it('opens the preview from the palette, renders KaTeX, and shows an edit without a reload', async () => {
    await workbench.openFileFromExplorer('source/_posts/kl-divergence.md');
    await workbench.runCommand('Mathpost: Open Preview to the Side');
    const frame = await workbench.webviewFrame('Gibbs');
    // The shell paints the visible part first and the host's first message brings the whole note: wait for all of it.
    let formulas = 0;
    await waitUntil(
      async () => ((formulas = await frame.locator('.katex').count()) > 10 ? formulas : undefined),
      'more than 10 KaTeX formulas in the preview',
    ).catch(() => {
      assert.fail(`${formulas} .katex elements in the preview, expected more than 10`);
    });
    assert.ok((await frame.locator('.mp-kl-card').count()) >= 1, 'the kl block is shown as a result card');
    // A mark on the page's window survives a DOM patch but not a reload of the webview.
    await frame.evaluate(() => {
      window.mathpostE2eMark = 'still here';
    });
    await workbench.page.keyboard.press('Control+1'); // back to the editor: the preview took the focus
    // Ctrl+G puts the cursor on the line itself; a click at measured coordinates could land on another line when
    // the editor scrolls in between (scroll sync with the preview moves it).
    await goToLineWith(workbench, '这就是 Gibbs 不等式');
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.type(' EDITED-IN-E2E');
    await waitUntil(() => workbench.textPosition('这就是 Gibbs 不等式。 EDITED-IN-E2E'), 'the typed text in the editor, at the end of the Gibbs line');
    await waitUntil(async () => (await frame.locator('body').innerText()).includes('EDITED-IN-E2E'), 'the edit in the preview').catch(async (error) => {
      const text = await frame
        .locator('body')
        .innerText()
        .catch((reason) => `(unreadable: ${reason.message})`);
      const around = text.slice(Math.max(0, text.indexOf('Gibbs') - 80), text.indexOf('Gibbs') + 120);
      throw new Error(`${error.message}; the preview around "Gibbs": ${JSON.stringify(around)}`);
    });
    assert.equal(await frame.evaluate(() => window.mathpostE2eMark), 'still here', 'the webview was patched, not reloaded');
  });
});
