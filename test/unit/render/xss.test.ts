/** A hostile note must not produce anything executable, a command: link or a remote non-image load. */
import * as assert from 'node:assert/strict';
import { renderNote } from '../../../src/core/render/renderNote';
import { exportStandaloneHtml } from '../../../src/core/render/exportHtml';
import { sanitizeRawHtml } from '../../../src/core/render/rawHtml';
import { urlScheme } from '../../../src/core/render/sanitize';
import { defaultBlogConfig } from '../../../src/core/blog/discover';
import { readCodeHighlightConfig } from '../../../src/core/blog/codeHighlightConfig';

const hostile = [
  '<script>alert(1)</script>',
  '',
  '<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a> <iframe src="https://evil"></iframe>',
  '',
  '[js](javascript:alert(1)) [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [cmd](command:workbench.action.terminal.new) [JS](JaVaScRiPt:alert(1)) [tab](java\tscript:alert(1))',
  '',
  '<javascript:alert(1)> <command:evil> https://ok.example/ command:evil',
  '',
  '$\\href{javascript:alert(1)}{x}$ $\\url{javascript:alert(1)}$ $\\htmlClass{x}{y}$ $\\htmlStyle{color:red}{y}$ $\\htmlId{a}{b}$ $\\htmlData{foo=bar}{y}$ $\\includegraphics{https://evil/x.png}$',
  '',
  '![x](javascript:alert(1)) ![y](http://insecure/x.png) ![z](data:image/svg+xml;base64,PHN2Zz4=)',
  '',
  '{% btn javascript:alert(1),Go %} {% hideInline a,b,red;position:fixed,url(https://evil) %}',
  '',
  '<style>body{display:none}</style><form action="https://evil"><input></form>',
].join('\n');

/** Everything that could run or load: script tags, event handlers, dangerous schemes in href/src. */
function assertInert(html: string): void {
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  for (const tag of tags) {
    assert.doesNotMatch(tag, /^<(script|iframe|object|embed|form|input|style|base|meta|link|svg)\b/i, tag);
    assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, tag);
    for (const match of tag.matchAll(/\s(href|src|action|formaction|xlink:href)\s*=\s*"([^"]*)"/gi)) {
      assert.doesNotMatch(urlScheme(match[2]) + ':', /^(javascript|vbscript|command|file|http):/i, tag);
      if (urlScheme(match[2]) === 'data') assert.match(match[2], /^data:image\//, tag);
    }
    assert.doesNotMatch(tag, /url\(/i, tag);
  }
}

describe('render/xss', () => {
  it('renders a hostile note inert with raw HTML off', () => {
    const html = renderNote(hostile, { allowHtml: 'off' })
      .blocks.map((block) => block.html)
      .join('');
    assertInert(html);
    assert.match(html, /&lt;script&gt;/);
  });

  for (const allowHtml of ['on', 'blog', undefined] as const) {
    it(`renders a hostile note inert with sanitized HTML (${allowHtml ?? 'the default'})`, () => {
      const html = renderNote(hostile, { allowHtml })
        .blocks.map((block) => block.html)
        .join('');
      assertInert(html);
      assert.match(html, /<img \/>/); // src "x" cannot be resolved without the note folder: dropped
      assert.match(html, /<a>x<\/a>/);
      assert.doesNotMatch(html, /alert\(1\)<\/script|body\{display:none\}/, 'script and style are dropped with their content');
    });
  }

  it('keeps fence languages and captions inert under every highlighter (Hexo writes them as raw HTML)', () => {
    const fences = [
      '```js <img src=x onerror=alert(1)>\nx\n```',
      '```js"><script>alert(1)</script>\nx\n```',
      '```js<svg/onload=alert(1)> caption\nx\n```',
      '```js caption javascript:alert(1) text\nx\n```',
      '```js caption /x"onmouseover="alert(1) text\nx\n```',
    ].join('\n\n');
    for (const site of [
      {},
      { syntax_highlighter: 'prismjs' },
      { syntax_highlighter: 'prismjs', prismjs: { preprocess: false } },
      { highlight: { hljs: true, wrap: false, language_attr: true } },
    ]) {
      const blog = { ...defaultBlogConfig(), codeHighlight: readCodeHighlightConfig(site) };
      const html = renderNote(fences, { blog })
        .blocks.map((block) => block.html)
        .join('');
      assertInert(html);
      assert.doesNotMatch(html, /<(img|svg|script)\b/i, JSON.stringify(site));
    }
  });

  it('keeps KaTeX untrusted: \\href and \\htmlClass do not become links or classes', () => {
    const html = renderNote('$\\href{https://example.com}{x}$ $\\htmlClass{evil}{y}$', {}).blocks[0].html;
    assert.doesNotMatch(html, /<a /);
    assert.doesNotMatch(html, /class="evil"/);
  });

  it('keeps safe links', () => {
    const html = renderNote('[a](https://example.com) [b](other.md#x) [c](mailto:a@b.c)', {}).blocks[0].html;
    assert.match(html, /href="https:\/\/example.com"/);
    assert.match(html, /href="other.md#x"/);
    assert.match(html, /href="mailto:a@b.c"/);
  });

  it('blocks remote images when the setting says so', () => {
    const html = renderNote('![a](https://example.com/a.png)', { allowRemoteImages: false }).blocks[0].html;
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /mp-image-problem/);
  });

  it('sanitizer keeps allowed tags, drops handlers, unsafe URLs and dangerous elements', () => {
    const hooks = { imageSrc: (src: string) => (src.startsWith('https:') ? src : undefined), idPrefix: 'user-' };
    assert.equal(sanitizeRawHtml('<div class="a" onclick="x()" style="color:red">t</div>', hooks), '<div class="a" style="color:red">t</div>');
    assert.equal(sanitizeRawHtml('<a href="&#106;avascript:alert(1)">x</a>', hooks), '<a>x</a>');
    assert.equal(sanitizeRawHtml('<svg><script>alert(1)</script></svg>after', hooks), 'after');
    assert.equal(sanitizeRawHtml('<img src="http://x/y.png" alt="a">', hooks), '<img alt="a" />');
    // An element the allowlist does not know: dropped, its text kept (as a reader of the blog sees it).
    assert.equal(sanitizeRawHtml('<custom-el>x</custom-el>', hooks), 'x');
  });

  it('exports a file with no script and a CSP', () => {
    const html = exportStandaloneHtml(hostile, {}, { katexCss: '.katex{}' });
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });
});
