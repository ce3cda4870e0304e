/* global describe, it, before, after, document -- mocha's bdd globals; document is used inside frame.evaluate */
// A hostile note in the real preview: nothing it contains runs, and nothing but https images leaves the machine.
import assert from 'node:assert/strict';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

// Every payload, if it ran, would mark the webview's <body>; the test then looks for the mark.
const mark = 'document.body.setAttribute(`data-pwned`,1)';
const HOSTILE_NOTE = `---
title: hostile
cover: "javascript:${mark}"
top_img: "url(http://evil.invalid/top.png)"
---

<script>${mark}</script>
<img src=x onerror="${mark}">
<svg onload="${mark}"><circle r="5"/></svg>
<iframe src="http://evil.invalid/frame"></iframe>
<style>@import url(http://evil.invalid/x.css); body { background: url(http://evil.invalid/bg.png) }</style>
<a href="javascript:${mark}">js link</a>

[click](javascript:alert(1)) [cmd](command:workbench.action.terminal.new) [data](data:text/html;base64,PHNjcmlwdD4=)

![insecure](http://evil.invalid/insecure.png)

Math: $\\href{javascript:alert(1)}{x}$ and $\\htmlClass{a}{b}$ and $\\url{javascript:x}$

{% btn javascript:alert(1),danger %}

HOSTILE-NOTE-END
`;

describe('a hostile note in the real preview', () => {
  let workbench;
  const offMachine = [];
  before(async () => {
    workbench = await openWorkbench({ files: { 'source/_posts/hostile.md': HOSTILE_NOTE } });
    workbench.page.on('request', (request) => {
      // Only what the webviews ask for (VS Code's webview frames live under .../webview/...).
      let frameUrl = '';
      try {
        frameUrl = request.frame().url();
      } catch {
        return;
      }
      if (!frameUrl.includes('/webview/') && !frameUrl.includes('fake.html')) return;
      const url = new URL(request.url());
      // *.vscode-resource.vscode-cdn.net is VS Code's name for local resources: the webview's service worker
      // answers it from the (local) server, it never reaches the network.
      const local = ['127.0.0.1', 'localhost'].includes(url.hostname) || url.hostname.endsWith('.vscode-resource.vscode-cdn.net');
      if (!local && !['data:', 'blob:', 'vscode-webview:'].includes(url.protocol)) offMachine.push(request.url());
    });
  });
  after(async () => {
    await workbench?.close();
  });

  it('renders it without running any of it or fetching anything remote', async () => {
    await workbench.openFileFromExplorer('source/_posts/hostile.md');
    await workbench.runCommand('Mathpost: Open Preview to the Side');
    const frame = await workbench.webviewFrame('HOSTILE-NOTE-END');
    // Give event handlers, image errors and CSS imports time to fire if they could.
    await waitUntil(async () => (await frame.locator('.katex, .katex-error, .mp-math-error').count()) > 0 || undefined, 'the math to render');
    await workbench.page.waitForTimeout(1500);
    const pwned = await frame.evaluate(() => document.body.getAttribute('data-pwned'));
    assert.equal(pwned, null, 'a payload of the note ran in the preview');
    const dangerous = await frame.evaluate(() => ({
      scripts: [...document.querySelectorAll('script')].filter((script) => script.textContent.includes('pwned')).length,
      frames: document.querySelectorAll('iframe, frame, object, embed').length,
      handlers: [...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
      javascriptUrls: [...document.querySelectorAll('[href], [src]')].filter((element) =>
        /^\s*(javascript|vbscript|command):/i.test(element.getAttribute('href') ?? element.getAttribute('src') ?? ''),
      ).length,
    }));
    assert.deepEqual(dangerous, { scripts: 0, frames: 0, handlers: 0, javascriptUrls: 0 });
    assert.deepEqual(offMachine, [], 'requests that left 127.0.0.1');
  });
});
