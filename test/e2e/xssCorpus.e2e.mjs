/* global describe, it, before, after, document, window, fetch -- mocha's bdd globals; the others are used inside frame.evaluate */
// The whole XSS corpus (test/fixtures/xssCorpus.json, shared with test/unit/hardening/xss.test.ts) in the real
// preview, with raw HTML on (the default) and off: no payload runs, nothing but https images leaves the machine,
// and the preview's CSP still refuses the inline and remote things a sanitizer bypass would bring in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openWorkbench } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

const corpus = JSON.parse(readFileSync(new URL('../fixtures/xssCorpus.json', import.meta.url), 'utf8'));

// If any payload ran it would leave a trace: the corpus's own alert(1) (a dialog, or Chromium's "Ignored call to
// 'alert()'" in the sandboxed webview, which has no allow-modals) and, for every case that calls alert(1), a copy
// that sets data-pwned on the webview's <body> instead. The mark has no quotes, spaces or parentheses, so the copy
// parses exactly like the original wherever alert(1) fitted.
const MARK = 'document.body.dataset.pwned=1';
const withMarkedCopies = (cases) => cases.flatMap((source) => (source.includes('alert(1)') ? [source, source.replaceAll('alert(1)', MARK)] : [source]));
const RAN_PATTERN = /Ignored call to '(alert|confirm|prompt|print)\(\)'/;
// Present in every note: rendered as a <kbd> element only when raw HTML is on, so each variant proves its setting.
const HTML_PROBE = '<kbd>XSS-HTML-PROBE</kbd>';

/** One note per body group: each case alone in a paragraph and inside a Butterfly note block, each after a marker. */
function bodyNote(group, cases) {
  const parts = [`---\ntitle: xss ${group}\n---`, HTML_PROBE];
  const markers = [];
  withMarkedCopies(cases).forEach((source, index) => {
    markers.push(`XSS-CASE-${group}-${index}-paragraph`, `XSS-CASE-${group}-${index}-note`);
    parts.push(markers.at(-2), source, markers.at(-1), `{% note info %}\n${source}\n{% endnote %}`);
  });
  parts.push(`XSS-END-${group}`);
  return { name: group, path: `source/_posts/xss-${group}.md`, text: `${parts.join('\n\n')}\n`, markers, end: `XSS-END-${group}` };
}

/** A note has one front matter, so the lines are spread over as few notes as no key repeats within one. */
function frontMatterNotes(lines) {
  const byKey = new Map();
  for (const line of withMarkedCopies(lines)) {
    const key = line.slice(0, line.indexOf(':'));
    byKey.set(key, [...(byKey.get(key) ?? []), line]);
  }
  const count = Math.max(...[...byKey.values()].map((slot) => slot.length));
  return Array.from({ length: count }, (_, index) => {
    const name = `front-matter-${index + 1}`;
    const frontMatter = [...byKey.values()]
      .map((slot) => slot[index])
      .filter(Boolean)
      .join('\n');
    // `header`: these lines are shown by the header card, so it must be there (not replaced by an error).
    return {
      name,
      path: `source/_posts/xss-${name}.md`,
      text: `---\n${frontMatter}\n---\n\n${HTML_PROBE}\n\nXSS-END-${name}\n`,
      markers: [],
      end: `XSS-END-${name}`,
      header: true,
    };
  });
}

const NOTES = [
  bodyNote('markdown-it', corpus.markdownItCases),
  bodyNote('raw-html', corpus.rawHtmlCases),
  bodyNote('math', corpus.mathCases),
  bodyNote('hexo', corpus.hexoCases),
  ...frontMatterNotes(corpus.frontMatterCases),
];

const isWebviewFrameUrl = (url) => url.includes('/webview/') || url.includes('fake.html');

/**
 * Records, for the whole page: dialogs, the webview's traces of a payload that ran and its CSP refusals (Chromium
 * logs both as console messages of the frame), and what the webview frames request.
 */
function watchPage(page) {
  const seen = { dialogs: [], ran: [], cspRefusals: [], requests: [], httpsImages: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('console', (message) => {
    const text = message.text();
    if (RAN_PATTERN.test(text)) seen.ran.push(text);
    else if (/Content Security Policy/.test(text)) seen.cspRefusals.push(`${text} (at ${message.location().url})`);
  });
  page.on('request', (request) => {
    // The request filter of hostileNote.e2e.mjs, plus the one thing allowed out: https images (allowRemoteImages).
    let frameUrl = '';
    try {
      frameUrl = request.frame().url();
    } catch {
      return;
    }
    if (!isWebviewFrameUrl(frameUrl)) return;
    const url = new URL(request.url());
    // *.vscode-resource.vscode-cdn.net is VS Code's name for local resources, answered by the local server.
    const local = ['127.0.0.1', 'localhost'].includes(url.hostname) || url.hostname.endsWith('.vscode-resource.vscode-cdn.net');
    if (local || ['data:', 'blob:', 'vscode-webview:'].includes(url.protocol)) return;
    if (url.protocol === 'https:' && request.resourceType() === 'image') seen.httpsImages.push(request.url());
    else seen.requests.push(request);
  });
  return seen;
}

/**
 * The requests that left 127.0.0.1, from index `from` on. Chromium reports a request the CSP refused too (it fails
 * before any connection is made; Playwright's failure text is then "csp"), so those stayed on the machine.
 */
function offMachine(seen, from = 0) {
  return seen.requests
    .slice(from)
    .filter((request) => !['csp', 'net::ERR_BLOCKED_BY_CSP'].includes(request.failure()?.errorText))
    .map((request) => `${request.resourceType()} ${request.url()} (${request.failure()?.errorText ?? 'not refused'})`);
}

/** What a payload that got into the DOM could still do; the sanitizer should have left none of it. */
function dangerousDom(frame) {
  return frame.evaluate(() => ({
    pwned: document.body.getAttribute('data-pwned'),
    scripts: [...document.querySelectorAll('script')].filter((script) => /pwned|alert|evil/i.test(script.outerHTML)).length,
    embeds: document.body.querySelectorAll('iframe, frame, object, embed, form, base, meta, link, style').length,
    handlers: [...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((attribute) => /^on/i.test(attribute.name))).length,
    scriptUrls: [...document.querySelectorAll('[href], [src], [action], [formaction], [xlink\\:href]')].filter((element) =>
      ['href', 'src', 'action', 'formaction', 'xlink:href'].some((name) =>
        /^\s*(javascript|vbscript|command|vscode):|^\s*data:text/i.test(element.getAttribute(name) ?? ''),
      ),
    ).length,
  }));
}

/**
 * Defence in depth: puts into the webview's document what a sanitizer bypass would (inline script, event handler,
 * <style>, style attribute, remote stylesheet, http image, iframe, fetch) and returns the CSP's refusals.
 */
function injectPastTheSanitizer(frame) {
  return frame.evaluate(async () => {
    const refused = [];
    const record = (event) => refused.push(event.effectiveDirective);
    document.addEventListener('securitypolicyviolation', record);
    const host = document.createElement('div');
    host.innerHTML = [
      '<img src="data:,x" onerror="document.body.dataset.pwned=\'handler\'">',
      '<img src="http://evil.invalid/csp.png">',
      '<iframe src="https://evil.invalid/frame"></iframe>',
      '<link rel="stylesheet" href="https://evil.invalid/x.css">',
      '<style>body { background: url(https://evil.invalid/style.png) }</style>',
    ].join('');
    document.body.append(host);
    host.setAttribute('style', 'background: url(https://evil.invalid/attribute.png)');
    const script = document.createElement('script');
    script.textContent = "document.body.dataset.pwned='script'";
    document.body.append(script);
    const fetched = await fetch('https://evil.invalid/fetch').then(
      () => 'answered',
      () => 'refused',
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    host.remove();
    script.remove();
    document.removeEventListener('securitypolicyviolation', record);
    return { pwned: document.body.getAttribute('data-pwned'), fetched, refused: [...new Set(refused)].sort() };
  });
}

// Raw HTML is on by default ("blog": the blog's markdown.render.html, true by default); "off" is the setting.
for (const allowHtml of [false, true]) {
  // One workbench per variant, reused for all its notes. The settings are in place before VS Code opens: the
  // e2e code-server runs with workspace trust disabled, so the restricted allowHtml applies.
  describe(`the XSS corpus in the real preview, raw HTML ${allowHtml ? 'on (the default)' : 'off'}`, () => {
    let workbench;
    let seen;
    before(async () => {
      const files = Object.fromEntries(NOTES.map((note) => [note.path, note.text]));
      if (!allowHtml) files['.vscode/settings.json'] = JSON.stringify({ 'mathpost.preview.allowHtml': 'off' });
      workbench = await openWorkbench({ files });
      seen = watchPage(workbench.page);
    });
    after(async () => {
      await workbench?.close();
    });

    NOTES.forEach((note, index) => {
      it(`${note.name}: renders every case, runs none, fetches nothing but https images`, async () => {
        const before = { ran: seen.ran.length, dialogs: seen.dialogs.length, requests: seen.requests.length };
        await workbench.openFileFromExplorer(note.path);
        // The preview opens once, then follows the active editor.
        if (index === 0) await workbench.runCommand('Mathpost: Open Preview to the Side');
        const frame = await workbench.webviewFrame(note.end);
        // Give image errors, event handlers and CSS loads time to fire if they could.
        await workbench.page.waitForTimeout(1000);
        const text = await frame.locator('body').innerText();
        assert.deepEqual(
          note.markers.filter((marker) => !text.includes(marker)),
          [],
          'case markers missing from the preview',
        );
        if (note.header) assert.notEqual((await frame.locator('#mp-header').innerText()).trim(), '', 'the header card is empty');
        assert.equal(await frame.locator('kbd', { hasText: 'XSS-HTML-PROBE' }).count(), allowHtml ? 1 : 0, 'the raw HTML setting did not apply');
        assert.deepEqual(await dangerousDom(frame), { pwned: null, scripts: 0, embeds: 0, handlers: 0, scriptUrls: 0 });
        assert.deepEqual(seen.dialogs.slice(before.dialogs), [], 'dialogs opened');
        assert.deepEqual(seen.ran.slice(before.ran), [], 'a payload called alert()');
        assert.deepEqual(offMachine(seen, before.requests), [], 'requests that left 127.0.0.1');
      });
    });

    it('the corpus made the CSP refuse nothing (the sanitizer let nothing through for it to block)', () => {
      assert.deepEqual(seen.cspRefusals, []);
    });

    if (!allowHtml) return;
    it('the CSP refuses what a sanitizer bypass would bring in, and the trace detectors work', async () => {
      const requestsBefore = seen.requests.length;
      const frame = await workbench.webviewFrame(NOTES.at(-1).end);
      const result = await injectPastTheSanitizer(frame);
      assert.deepEqual(result, {
        pwned: null,
        fetched: 'refused',
        refused: ['connect-src', 'frame-src', 'img-src', 'script-src-attr', 'script-src-elem', 'style-src-attr', 'style-src-elem'],
      });
      assert.deepEqual(offMachine(seen, requestsBefore), [], 'requests that left 127.0.0.1');
      // A control for the detectors above: an alert() that does run in the webview must be seen.
      const ranBefore = seen.ran.length + seen.dialogs.length;
      await frame.evaluate(() => setTimeout(() => window.alert('detector control'), 0));
      await waitUntil(() => seen.ran.length + seen.dialogs.length > ranBefore, 'the control alert() to be seen', 5000);
      // And one for the request filter: the corpus's https images (allowed) were seen leaving.
      assert.ok(
        seen.httpsImages.some((url) => url.startsWith('https://ok.example/')),
        `https images seen: ${seen.httpsImages.join(', ')}`,
      );
    });
  });
}
