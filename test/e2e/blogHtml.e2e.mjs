/* global describe, it, before, after, document, window, getComputedStyle -- mocha's bdd globals; the DOM ones are used inside frame.evaluate */
// Issue #10 in the real preview: raw HTML, `<!-- more -->` and a fenced code block show as the blog shows them
// (elements, the excerpt divider, Hexo's highlight.js table), while a script and an event handler in the same note
// stay inert. test/integration/preview.test.ts compares the posted HTML with real Hexo; this looks at what the
// webview itself displays.
import assert from 'node:assert/strict';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

const mark = 'document.body.setAttribute(`data-pwned`,1)';
const POST = `---
title: raw html in the preview
---

摘要：这一段是文章的摘要。

<!-- more -->

<center>居中 CENTER-MARK</center>

<img src="https://example.invalid/cover.png" width="120" alt="cover">

<details>
<summary>证明 SUMMARY-MARK</summary>

由 Jensen 不等式可得。

</details>

\`\`\`python
def kl(p, q):
    return sum(a * math.log(a / b) for a, b in zip(p, q))
\`\`\`

<script>${mark}</script>
<img src="x" onerror="${mark}">

BLOG-HTML-END
`;

describe('raw HTML, the excerpt marker and highlighted code in the real preview (#10)', () => {
  let workbench;
  before(async () => {
    workbench = await openWorkbench({ files: { 'source/_posts/raw-html.md': POST } });
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows the HTML elements, the excerpt divider and the blog’s highlight.js table, and runs nothing', async () => {
    await workbench.openFileFromExplorer('source/_posts/raw-html.md');
    await workbench.runCommand('Mathpost: Open Preview to the Side');
    const frame = await workbench.webviewFrame('BLOG-HTML-END');
    // The host's first message replaces the HTML the webview starts with; wait for the highlighted code it brings.
    await waitUntil(async () => (await frame.locator('figure.highlight').count()) > 0 || undefined, 'the code block');
    await workbench.page.waitForTimeout(1000); // an image error handler would have fired by now
    const shown = await frame.evaluate(() => {
      const visible = (element) => {
        if (!element) return false;
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
      };
      const center = document.querySelector('#mp-body center');
      const image = document.querySelector('#mp-body img[alt="cover"]');
      const details = document.querySelector('#mp-body details');
      const divider = document.querySelector('#mp-body [data-mp-excerpt]');
      const figure = document.querySelector('#mp-body figure.highlight');
      return {
        text: document.body.innerText,
        center: center && { text: center.textContent, visible: visible(center), centered: /center/.test(getComputedStyle(center).textAlign) },
        imageWidth: image?.getAttribute('width'),
        details: details && { summary: details.querySelector(':scope > summary')?.textContent, open: details.open, visible: visible(details) },
        divider: divider && { id: divider.id, label: getComputedStyle(divider, '::before').content, visible: visible(divider) },
        figure: figure && {
          classes: figure.className,
          gutter: [...figure.querySelectorAll('td.gutter .line')].map((line) => line.textContent),
          keywords: [...figure.querySelectorAll('td.code span.keyword')].map((span) => span.textContent),
          title: figure.querySelector('td.code span.title')?.textContent,
          visible: visible(figure),
        },
        pwned: document.body.getAttribute('data-pwned'),
        handlers: [...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
        scripts: [...document.querySelectorAll('script')].filter((script) => script.textContent.includes('pwned')).length,
      };
    });
    // Elements, not their source: no tag shows as text.
    assert.doesNotMatch(shown.text, /<center>|<details>|<summary>|<img|<!--|<!–|<script>/);
    assert.deepEqual(shown.center, { text: '居中 CENTER-MARK', visible: true, centered: true });
    assert.equal(shown.imageWidth, '120');
    assert.deepEqual(shown.details, { summary: '证明 SUMMARY-MARK', open: false, visible: true });
    // Hexo's <span id="more">, shown as the labelled divider (ids of the note's elements carry the `user-` prefix).
    assert.equal(shown.divider?.id, 'user-more');
    assert.equal(shown.divider?.visible, true);
    assert.match(shown.divider?.label ?? '', /Excerpt ends here/);
    // Hexo's highlight.js markup: <figure class="highlight python"><table><td class="gutter">… <td class="code">…
    assert.ok(shown.figure, 'a highlighted code block');
    assert.match(shown.figure.classes, /\bhighlight\b.*\bpython\b/);
    assert.deepEqual(shown.figure.gutter, ['1', '2']);
    assert.deepEqual(shown.figure.keywords, ['def', 'return', 'for', 'in']);
    assert.equal(shown.figure.title, 'kl');
    assert.equal(shown.figure.visible, true);
    assert.deepEqual({ pwned: shown.pwned, handlers: shown.handlers, scripts: shown.scripts }, { pwned: null, handlers: 0, scripts: 0 });
  });
});

const TOOLBAR_POST = `---
title: code toolbar
---

\`\`\`python
print("first")
\`\`\`

TOOLBAR-AFTER

TOOLBAR-END
`;

describe("Butterfly's code toolbar in the real preview", () => {
  let workbench;
  before(async () => {
    workbench = await openWorkbench({
      files: { 'source/_posts/toolbar.md': TOOLBAR_POST, '.vscode/settings.json': JSON.stringify({ 'mathpost.preview.butterflyStyle': true }) },
    });
  });
  after(async () => {
    await workbench?.close();
  });

  it('puts the toolbar on every highlighted block, also on one typed after the preview opened', async () => {
    await workbench.openFileFromExplorer('source/_posts/toolbar.md');
    await workbench.runCommand('Mathpost: Open Preview to the Side');
    const frame = await workbench.webviewFrame('TOOLBAR-END');
    const toolbars = () => frame.locator('figure.highlight > .highlight-tools').count();
    await waitUntil(async () => (await toolbars()) === 1 || undefined, 'the toolbar of the first code block');
    await frame.evaluate(() => {
      window.mathpostE2eMark = 'still here';
    });
    await workbench.page.keyboard.press('Control+1'); // back to the editor: the preview took the focus
    const line = TOOLBAR_POST.split('\n').indexOf('TOOLBAR-AFTER') + 1;
    await workbench.goToLine(line);
    await workbench.page.keyboard.press('End');
    // Tildes: the editor closes no pair of them, so the fence is exactly what is typed.
    await workbench.page.keyboard.type('\n\n~~~js\nconst second = 2;\n~~~\n');
    await waitUntil(async () => (await frame.locator('figure.highlight').count()) === 2 || undefined, 'the typed code block in the preview');
    await waitUntil(async () => (await toolbars()) === 2 || undefined, 'a toolbar on the typed code block');
    const languages = await frame.evaluate(() =>
      [...document.querySelectorAll('figure.highlight > .highlight-tools .code-lang')].map((element) => element.textContent),
    );
    assert.deepEqual(languages, ['python', 'js']);
    assert.equal(await frame.evaluate(() => window.mathpostE2eMark), 'still here', 'the webview was patched, not reloaded');
  });
});
