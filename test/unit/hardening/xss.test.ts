/**
 * An XSS corpus through the renderer, raw HTML off and on, the header card and the exported file:
 * nothing may run, embed, navigate to a script URL or load a remote resource other than an https
 * image (issue "hardening"). Every case is checked by the independent checker in htmlSafety.ts.
 */
import * as assert from 'node:assert/strict';
import { exportStandaloneHtml } from '../../../src/core/render/exportHtml';
import { blockHtml, renderNote, type RenderedNote } from '../../../src/core/render/renderNote';
import { assertSafeHtml, exportBody } from './htmlSafety';
import { renderOptions } from './properties';

/** markdown-it's own XSS fixtures (test/fixtures/markdown-it/xss.txt) and their usual variants. */
const markdownItCases = [
  '[xss link](javascript:alert(1))', '[xss link](JAVASCRIPT:alert(1))', '[xss link](vbscript:alert(1))', '[xss link](VBSCRIPT:alert(1))',
  '[xss link](file:///123)', '[xss link](&#34;&#62;&#60;script&#62;alert&#40;&#34;xss&#34;&#41;&#60;/script&#62;)', '[xss link](Javascript:alert(1))',
  '[xss link](&#x26;#74;avascript:alert(1))', '[xss link](\\%6A\\%61\\%76\\%61\\%73\\%63\\%72\\%69\\%70\\%74:alert(1))', '[xss link](<javascript:alert(1)>)',
  '[xss link](javascript&#x3A;alert(1))', '[xss link](jav&#x09;ascript:alert(1))', '[xss link](jav&#x0A;ascript:alert(1))', '[xss link](&#x6A;avascript:alert(1))',
  '[xss link](java\u0000script:alert(1))', '[xss link]( javascript:alert(1))', '<javascript:alert(1)>', '<javascript&#x3A;alert(1)>', '<vbscript:alert(1)>',
  '[xss link](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K)', '![xss](data:text/html;base64,PHNjcmlwdD4=)', '![svg](data:image/svg+xml;base64,PHN2Zz4=)',
  '[ref]\n\n[ref]: javascript:alert(1)', '[ref]\n\n[ref]: <javascript:alert(1)> "t"', '_http://example.com/<script>_', '<http://<script>>',
  '```js"><script>alert(1)</script>\nx\n```', '`<script>alert(1)</script>`',
];

const rawHtmlCases = [
  '<script>alert(1)</script>', '<SCRIPT SRC=https://evil/x.js></SCRIPT>', '<scr<script>ipt>alert(1)</script>', '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.png" onerror="alert(1)">', '<IMG SRC="jav&#x09;ascript:alert(1)">', '<img src=`javascript:alert(1)`>', '<img """><script>alert(1)</script>">',
  '<svg onload=alert(1)>', '<svg><script>alert(1)</script></svg>', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', '<math><mtext><img src=x onerror=alert(1)></mtext></math>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a href="&#106;avascript:alert(1)">x</a>', '<a href="  javascript:alert(1)">x</a>', '<a href="command:workbench.action.terminal.new">x</a>',
  '<a href="vscode://file/etc/passwd">x</a>', '<iframe src="https://evil"></iframe>', '<iframe srcdoc="<script>alert(1)</script>">', '<frameset><frame src="https://evil"></frameset>',
  '<object data="https://evil/x.swf"></object>', '<embed src="https://evil/x.swf">', '<form action="https://evil"><button>go</button></form>', '<input autofocus onfocus=alert(1)>',
  '<style>@import "http://evil/x.css";</style>', '<style>body{background:url(http://evil)}</style>', '<link rel="stylesheet" href="http://evil/x.css">', '<meta http-equiv="refresh" content="0;url=https://evil">',
  '<base href="https://evil/">', '<div style="background:url(http://evil)">x</div>', '<div style="width: expression(alert(1))">x</div>', '<span style="position:fixed;top:0;left:0">overlay</span>',
  '<div class="x" id="mp-header">hijack</div>', '<details open ontoggle=alert(1)>x</details>', '<video poster="https://evil/p.png"><source src="https://evil/v.mp4"></video>', '<audio src="https://evil/a.mp3">',
  '<table background="https://evil/b.png"><tr><td>x</td></tr></table>', '<img srcset="https://evil/x.png 1x">', '<a href="https://ok.example" ping="https://evil/track">x</a>', '<!--<script>alert(1)</script>-->',
  '<![CDATA[<script>alert(1)</script>]]>', '<template><script>alert(1)</script></template>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<div\nonclick=alert(1)>x</div>',
  '<img src="http://insecure.example/a.png">', '<img src="//evil.example/a.png">', '<a href=javascript:alert(1)>x</a>', '<a/href="javascript:alert(1)">x</a>',
];

const mathCases = [
  '$\\href{javascript:alert(1)}{x}$', '$\\href{https://example.com}{x}$', '$\\url{javascript:alert(1)}$', '$\\htmlClass{mp-header}{y}$', '$\\htmlStyle{background:url(http://evil)}{y}$',
  '$\\htmlId{mp-body}{y}$', '$\\htmlData{foo=bar}{y}$', '$\\includegraphics[height=1em]{https://evil/x.png}$', '$$\n\\href{javascript:alert(1)}{x}\n$$', '$\\textcolor{red;background:url(http://evil)}{x}$',
  '$\\color{url(http://evil)}x$', '$\\style{color:red}{x}$', '$\\unicode{<script>}$', '$</span><script>alert(1)</script>$', '$\\text{<img src=x onerror=alert(1)>}$',
  '\\(\\href{javascript:alert(1)}{x}\\)', '$\\def\\evil{\\href{javascript:alert(1)}{x}}\\evil$',
];

const hexoCases = [
  '{% btn javascript:alert(1),x %}', '{% btn "javascript:alert(1)",x,fa fa-x,block center %}', '{% btn data:text/html;base64,PHNjcmlwdD4=,x %}', '{% btn command:workbench.action.terminal.new,x %}',
  '{% btn https://ok.example,<img src=x onerror=alert(1)> %}', '{% inlineImg javascript:alert(1) %}', '{% inlineImg https://ok.example/a.png 1em;background:url(http://evil) %}', '{% inlineImg http://evil/a.png 20px %}',
  '{% gallery %}\n![a](javascript:alert(1))\n![b](http://evil/b.png)\n![c](data:text/html,x)\n![d](https://ok.example/d.png)\n{% endgallery %}', '{% gallery url,https://evil/list.json %}\n{% endgallery %}',
  '{% hideToggle Show,red;position:fixed,url(https://evil) %}\nx\n{% endhideToggle %}', '{% hideInline content,<script>alert(1)</script>,blue %}', '{% label <img/src=x/onerror=alert(1)> red %}',
  '{% note info" onclick="alert(1) %}\nx\n{% endnote %}', '{% note fa-x" onmouseover="alert(1) %}\nx\n{% endnote %}', '{% tabs x" onclick="alert(1),1 %}\n<!-- tab <img src=x onerror=alert(1)> -->\nx\n<!-- endtab -->\n{% endtabs %}',
  '{% timeline t,red" onclick="x %}\n<!-- timeline <script> -->\nx\n<!-- endtimeline -->\n{% endtimeline %}', '{% asset_img "x\\" onerror=alert(1)" pic.png %}', '{% asset_img javascript:alert(1).png %}', '{% raw %}<script>alert(1)</script>{% endraw %}',
  '{% unknown <script>alert(1)</script> %}', '{% nope %}\n<img src=x onerror=alert(1)>\n{% endnope %}',
];

const frontMatterCases = [
  'cover: javascript:alert(1)', 'cover: "javascript:alert(1)"', 'cover: http://evil/c.png', 'cover: data:text/html;base64,PHNjcmlwdD4=', 'cover: data:image/svg+xml;base64,PHN2Zz4=',
  'cover: //evil.example/c.png', 'top_img: "url(http://evil)"', 'top_img: "red; background-image: url(http://evil)"', 'top_img: "expression(alert(1))"', 'top_img: "#fff\\" onload=\\"alert(1)"',
  'title: "<script>alert(1)</script>"', 'title: "</title><script>alert(1)</script>"', 'description: "<img src=x onerror=alert(1)>"', 'tags: ["<svg onload=alert(1)>"]', 'categories: [["</span><script>x</script>"]]',
  'date: "<script>alert(1)</script>"', 'updated: 2025-13-45 <b>x</b>',
];

function noteHtml(note: RenderedNote): string {
  return note.headerHtml + note.blocks.map(blockHtml).join('\n');
}

function renderBoth(source: string): Array<{ allowHtml: boolean; html: string }> {
  return [false, true].map((allowHtml) => ({ allowHtml, html: noteHtml(renderNote(source, renderOptions(allowHtml))) }));
}

describe('hardening/xss corpus', function () {
  this.timeout(60_000);
  const corpora: Record<string, string[]> = { 'markdown-it XSS cases': markdownItCases, 'raw HTML': rawHtmlCases, 'KaTeX commands': mathCases, 'Hexo tags with hostile arguments': hexoCases };

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
    const note = renderNote('---\ncover: https://ok.example/c.png\n---\n![a](https://ok.example/a.png) {% inlineImg https://ok.example/b.png %}', { ...renderOptions(true), allowRemoteImages: false });
    assert.doesNotMatch(noteHtml(note), /src="https:\/\/ok\.example/);
  });

  it('the exported file: strict CSP, no script anywhere, the hostile title escaped', () => {
    const hostile = ['---', 'title: "</title><script>alert(1)</script>"', 'cover: javascript:alert(1)', '---', ...markdownItCases, ...rawHtmlCases, ...mathCases, ...hexoCases].join('\n\n');
    for (const allowRemoteImages of [true, false]) {
      const exported = exportStandaloneHtml(hostile, { ...renderOptions(true), allowRemoteImages }, { katexCss: '.katex{font:1em KaTeX_Main}', previewCss: '</style><script>alert(1)</script>' });
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
