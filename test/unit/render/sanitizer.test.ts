/**
 * The raw HTML policy (src/core/render/rawHtml.ts, sanitize-html): what posts use is kept, what could run, load,
 * overlay or navigate somewhere unsafe is not. Each denied case is also checked by the independent checker of
 * test/unit/hardening/htmlSafety.ts.
 */
import * as assert from 'node:assert/strict';
import { sanitizeRawHtml } from '../../../src/core/render/rawHtml';
import { renderNote } from '../../../src/core/render/renderNote';
import { assertSafeHtml } from '../hardening/htmlSafety';

const hooks = { imageSrc: (src: string) => (/^(https:|data:image\/png)/.test(src) ? src : undefined), idPrefix: 'user-' };
const clean = (html: string): string => sanitizeRawHtml(html, hooks);

describe('render/raw HTML policy (sanitize-html)', () => {
  it('keeps the tags and attributes posts use', () => {
    const kept: Array<[string, string]> = [
      ['<center>居中</center>', '<center>居中</center>'],
      [
        '<img src="https://a.example/x.png" width="300" height="200" align="right" alt="x">',
        '<img src="https://a.example/x.png" width="300" height="200" align="right" alt="x" />',
      ],
      ['<img src="https://a.example/t.png" style="zoom:50%;">', '<img src="https://a.example/t.png" style="zoom:50%" />'],
      ['<u>u</u><br><font color="#f00" size="4">f</font>', '<u>u</u><br /><font color="#f00" size="4">f</font>'],
      [
        '<figure><img src="https://a.example/f.png"><figcaption>c</figcaption></figure>',
        '<figure><img src="https://a.example/f.png" /><figcaption>c</figcaption></figure>',
      ],
      [
        '<table border="1"><thead><tr><th scope="col" align="left">h</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" valign="top">d</td></tr></tbody></table>',
        '<table border="1"><thead><tr><th scope="col" align="left">h</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" valign="top">d</td></tr></tbody></table>',
      ],
      ['<details open><summary>s</summary>body</details>', '<details open><summary>s</summary>body</details>'],
      ['<ol start="3" reversed><li value="5">x</li></ol>', '<ol start="3" reversed><li value="5">x</li></ol>'],
      [
        '<a href="https://example.com/" title="t">l</a> <a href="other.md#x">r</a> <a href="mailto:a@b.c">m</a>',
        '<a href="https://example.com/" title="t">l</a> <a href="other.md#x">r</a> <a href="mailto:a@b.c">m</a>',
      ],
      [
        '<p style="text-align:center;color:rgb(1, 2, 3);font-size:14px;margin:0 auto;padding:2px 4px;border:1px solid #ccc;display:inline-block;float:left;max-width:80%;width:calc(100% - 2em);height:auto;background-color:yellow">p</p>',
        '<p style="text-align:center;color:rgb(1, 2, 3);font-size:14px;margin:0 auto;padding:2px 4px;border:1px solid #ccc;display:inline-block;float:left;max-width:80%;width:calc(100% - 2em);height:auto;background-color:yellow">p</p>',
      ],
      ['<img src="data:image/png;base64,iVBORw0KGgo=" alt="d">', '<img src="data:image/png;base64,iVBORw0KGgo=" alt="d" />'],
      [
        '<kbd>Ctrl</kbd><sup>1</sup><sub>2</sub><mark>m</mark><del>d</del><ins>i</ins><s>s</s><small>s</small><abbr title="t">a</abbr>',
        '<kbd>Ctrl</kbd><sup>1</sup><sub>2</sub><mark>m</mark><del>d</del><ins>i</ins><s>s</s><small>s</small><abbr title="t">a</abbr>',
      ],
    ];
    for (const [input, expected] of kept) assert.equal(clean(input), expected, input);
  });

  it('limits style to harmless properties with checked values', () => {
    const styles: Array<[string, string]> = [
      ['background:url(https://evil.example/x.png)', ''],
      ['background-color:url(https://evil.example/x.png)', ''],
      ['color:red;background-image:url(https://evil.example/x.png)', 'color:red'],
      ['width:expression(alert(1))', ''],
      ['color:var(--vscode-foreground)', ''],
      ['width:image-set("x.png" 1x)', ''],
      ['border:1px solid u\\72l(https://evil.example)', ''],
      ['position:fixed;top:0;left:0;width:100%;z-index:9999', 'width:100%'],
      ['font-size:14px;behavior:url(x.htc);-moz-binding:url(x.xml)', 'font-size:14px'],
      ['color:red/*x*/;zoom:2', 'color:red;zoom:2'], // the comment goes, the declarations stay
      ['color: "red"', ''],
    ];
    for (const [style, expected] of styles) {
      const html = clean(`<span style='${style}'>x</span>`);
      assert.equal(html, expected ? `<span style="${expected}">x</span>` : '<span>x</span>', style);
      assertSafeHtml(html, style);
    }
  });

  it('drops scripts, handlers, unsafe URLs and the SVG/MathML namespace tricks', () => {
    const denied = [
      '<img src="javascript:alert(1)">',
      '<img src="  java\tscript:alert(1)">',
      '<img src="http://insecure.example/x.png">',
      '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
      '<img src="https://ok.example/x.png" onerror="alert(1)" srcset="https://evil.example/a 2x">',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="&#x6A;avascript:alert(1)">x</a>',
      '<a href="command:workbench.action.terminal.new">x</a>',
      '<a href="data:text/html,x">x</a>',
      '<svg><style><img src=x onerror=alert(1)></style></svg>',
      '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
      '<math><mi><table><mglyph><style><img src=x onerror=alert(1)>',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
      '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
      '<form action="https://evil.example"><input autofocus onfocus=alert(1)><button formaction="javascript:alert(1)">b</button></form>',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<object data="x.swf"></object><embed src="x.swf">',
      '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
      '<div style="position:fixed;inset:0;background:url(https://evil.example)">overlay</div>',
      '<template><img src=x onerror=alert(1)></template>',
      '<xmp><img src=x onerror=alert(1)></xmp>',
      '<details open ontoggle=alert(1)><summary>s</summary></details>',
      '<p id="mp-body" name="x">clobber</p>',
    ];
    for (const input of denied) {
      const html = clean(input);
      assertSafeHtml(html, input);
      assert.doesNotMatch(html, /on\w+=|javascript:|<(svg|math|style|script|iframe|form|input|button|object|embed|base|meta|template|xmp|noscript)\b/i, input);
    }
    assert.equal(clean('<p id="mp-body">x</p>'), '<p id="user-mp-body">x</p>', "ids are prefixed, so a note cannot take the id of the preview's elements");
  });

  it('sanitizes raw HTML in the context of the whole block, with markdown and math in between', () => {
    const html = renderNote('<u>**粗** $x$</u> <span style="color:red;position:fixed">红</span> <script>alert(1)</script>尾', { allowHtml: 'on' }).blocks[0]
      .html;
    assert.match(html, /^<p data-offset="0"><u><strong>粗<\/strong> <span class="katex">/);
    assert.match(html, /<\/span><\/u> <span style="color:red">红<\/span> 尾<\/p>/);
    assertSafeHtml(html);
  });

  it('never lets Mathpost markup land inside an attribute the note left open', () => {
    // An unclosed quote in a list item: markdown-it ends the HTML there, and the next item's markup follows.
    for (const text of ['- <div title="a\n- **b** [c](https://c.example) "onmouseover="alert(1)', '> <img alt="x\n> *y* `z` "onerror="alert(1)']) {
      const html = renderNote(text, { allowHtml: 'on' })
        .blocks.map((block) => block.html)
        .join('');
      assertSafeHtml(html, text);
      assert.doesNotMatch(html, /[\uE000\uE001]/, 'no marker is left behind');
    }
  });
});
