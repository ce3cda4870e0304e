/**
 * An XSS corpus through the renderer, raw HTML off and on, the header card and the exported file:
 * nothing may run, embed, navigate to a script URL or load a remote resource other than an https
 * image (issue "hardening"). Every case is checked by the independent checker in htmlSafety.ts.
 */
import * as assert from 'node:assert/strict';
import { exportStandaloneHtml } from '../../../src/core/render/exportHtml';
import { blockHtml, renderNote, type RenderedNote } from '../../../src/core/render/renderNote';
import xssCorpus from '../../fixtures/xssCorpus.json';
import { assertSafeHtml, exportBody } from './htmlSafety';
import { renderOptions } from './properties';

/** The corpus is shared with the e2e test that renders it in the real preview (test/e2e/xssCorpus.e2e.mjs). */
const { markdownItCases, rawHtmlCases, mathCases, hexoCases, frontMatterCases } = xssCorpus;

function noteHtml(note: RenderedNote): string {
  return note.headerHtml + note.blocks.map(blockHtml).join('\n');
}

function renderBoth(source: string): Array<{ allowHtml: boolean; html: string }> {
  return [false, true].map((allowHtml) => ({ allowHtml, html: noteHtml(renderNote(source, renderOptions(allowHtml))) }));
}

describe('hardening/xss corpus', function () {
  this.timeout(60_000);
  const corpora: Record<string, string[]> = {
    'markdown-it XSS cases': markdownItCases,
    'raw HTML': rawHtmlCases,
    'KaTeX commands': mathCases,
    'Hexo tags with hostile arguments': hexoCases,
  };

  for (const [name, cases] of Object.entries(corpora)) {
    it(`${name}: inert with raw HTML off and on (${cases.length} cases, each alone and inside text)`, () => {
      for (const source of cases) {
        for (const variant of [source, `Before ${source} after.\n\n- item ${source}\n\n> ${source}\n`, `{% note info %}\n${source}\n{% endnote %}`]) {
          for (const { allowHtml, html } of renderBoth(variant)) assertSafeHtml(html, `${JSON.stringify(variant)} (allowHtml ${allowHtml})`);
        }
      }
    });
  }

  it(`front matter in the header card: inert (${frontMatterCases.length} cases)`, () => {
    for (const line of frontMatterCases) {
      for (const { allowHtml, html } of renderBoth(`---\n${line}\n---\nbody\n`)) assertSafeHtml(html, `${line} (allowHtml ${allowHtml})`);
    }
  });

  it('keeps what it must keep: https images, safe links, escaped text', () => {
    const html = noteHtml(renderNote('![a](https://ok.example/a.png) [b](https://example.com) <b>x</b> `<script>`', renderOptions(true)));
    assert.match(html, /<img src="https:\/\/ok\.example\/a\.png"/);
    assert.match(html, /<a href="https:\/\/example\.com">b<\/a>/);
    assert.match(html, /<b>x<\/b>/);
    assert.match(html, /<code>&lt;script&gt;<\/code>/);
    const escaped = noteHtml(renderNote('<b>x</b> <script>alert(1)</script>', renderOptions(false)));
    assert.match(escaped, /&lt;b&gt;x&lt;\/b&gt;/);
  });

  it('shows a blocked header banner as text rather than dropping it silently', () => {
    const card = renderNote('---\ncover: javascript:alert(1)\n---\nx', renderOptions(false)).headerHtml;
    assert.match(card, /mp-header-banner-blocked/);
    assert.match(card, /javascript:alert\(1\)/);
    assert.doesNotMatch(card, /<img/);
  });

  it('loads no image at all when remote images are off', () => {
    const note = renderNote('---\ncover: https://ok.example/c.png\n---\n![a](https://ok.example/a.png) {% inlineImg https://ok.example/b.png %}', {
      ...renderOptions(true),
      allowRemoteImages: false,
    });
    assert.doesNotMatch(noteHtml(note), /src="https:\/\/ok\.example/);
  });

  it('the exported file: strict CSP, no script anywhere, the hostile title escaped', () => {
    const hostile = [
      '---',
      'title: "</title><script>alert(1)</script>"',
      'cover: javascript:alert(1)',
      '---',
      ...markdownItCases,
      ...rawHtmlCases,
      ...mathCases,
      ...hexoCases,
    ].join('\n\n');
    for (const allowRemoteImages of [true, false]) {
      const exported = exportStandaloneHtml(
        hostile,
        { ...renderOptions(true), allowRemoteImages },
        { katexCss: '.katex{font:1em KaTeX_Main}', previewCss: '</style><script>alert(1)</script>' },
      );
      const { csp, body, problems } = exportBody(exported);
      assert.deepEqual(problems, []);
      assert.equal(csp, `default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data: file:${allowRemoteImages ? ' https:' : ''};`);
      assertSafeHtml(body, 'exported body');
      // The CSS is the extension's own, but even a `</style` in it must not close the element early.
      assert.equal(exported.match(/<\/style/gi)?.length, 1);
      assert.doesNotMatch(exported.replace(/<style>[\s\S]*?<\/style>/, ''), /<script/i);
    }
  });
});
