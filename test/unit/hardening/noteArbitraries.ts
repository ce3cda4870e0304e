/**
 * The notes the hardening properties (properties.ts) are tried on: realistic pieces (front matter, math, fences,
 * Hexo tags, HTML, CJK, CRLF/BOM) shuffled, mutated, or plain random strings; and expressions for the KL evaluator.
 */
import fc from 'fast-check';

const frontMatterLines = [
  'title: KL 散度笔记',
  'title: "PPO <script>alert(1)</script>"',
  "title: 'a: b'",
  'title:',
  'date: 2025-06-25 10:00:00',
  'date: 2025-02-30',
  "date: '2025-06-25'",
  'updated: 2025-06-25T10:00:00+08:00',
  'tags: [RL, KL]',
  'tags:',
  '  - 强化学习',
  '  - RLHF',
  'tag: x',
  'categories: [ML, [RL, PPO]]',
  'categories:',
  '- [a, b]',
  'toc: false',
  "toc: 'false'",
  'katex: yes',
  'mathjax: true',
  'comments: no',
  'cover: /img/cover.png',
  'cover: javascript:alert(1)',
  'cover: https://img.example/c.png',
  'cover: http://evil/c.png',
  'top_img: "url(http://evil)"',
  'top_img: linear-gradient(#fff, #000)',
  'top_img: false',
  'top_img: data:text/html,<script>',
  'description: "<img src=x onerror=alert(1)>"',
  'keywords: a, b',
  'Title: wrong case',
  'unknownKey: 1',
  'type: tags',
  'layout: post',
  'key: &a [1, 2]',
  'ref: *a',
  'quoted: "unterminated',
  'bad: [1, 2',
  '\tindented: tab',
  '# a comment',
  '  nested: deep',
  'x: |',
  '  block text',
];

const bodyPieces = [
  '$x$',
  '$ x $',
  '$D_{KL}(P\\|Q)$',
  '$\\frac{a}{b}$',
  '$\\frac{a}{$',
  '$\\undefinedmacro$',
  '$\\href{javascript:alert(1)}{x}$',
  '$\\url{javascript:alert(1)}$',
  '$\\htmlClass{x}{y}$',
  '$\\htmlStyle{background:url(http://evil)}{y}$',
  '$\\includegraphics{https://evil/x.png}$',
  '$\\def\\x{\\x\\x}\\x$',
  '$\\gdef\\kl{D_{KL}}$',
  '$\\kl$',
  '$\\\\{x\\\\}$',
  '$a\\_b$',
  'a$$x$$b',
  '\\(x^2\\)',
  '\\[\\sum_i p_i\\]',
  '$$\n\\int p \\log\\frac{p}{q}\n$$',
  '$$',
  '$',
  '\\(',
  '\\)',
  '\\[',
  '\\]',
  '```kl\np = [0.5, 0.5]\nq = [0.9, 0.1]\nkl(p, q)\n```',
  '```kl\nkl([1, 0], [0, 1])\n```',
  '```kl\nx = (((\n```',
  '```kl\nkl(normal(0, 1), normal(1, 2))\n```',
  // Blocks that read names of earlier blocks (the preview caches their cards by those definitions).
  '```kl\nP = [0.5, 0.5]\n```',
  '```kl\nP = [0.2, 0.8]\n```',
  '```kl\nQ = softmax([1, 2])\n```',
  '```kl\nkl(P, Q)\n```',
  '```kl\nR = P\nentropy(R)\n```',
  '```kl\nkl(R, q)\n```',
  '`kl([0.5,0.5],[0.9,0.1])`',
  '```python\nprint("<script>")\n```',
  '```',
  '~~~',
  '    indented code',
  '{% note info %}\n**note** $x$\n{% endnote %}',
  '{% note %}',
  '{% endnote %}',
  '{% tabs t,1 %}\n<!-- tab A -->\nx\n<!-- endtab -->\n{% endtabs %}',
  '{% hideToggle Show,red,url(http://evil) %}\nhidden\n{% endhideToggle %}',
  '{% btn javascript:alert(1),Go %}',
  '{% btn https://ok.example,Go,fa fa-x,block center %}',
  '{% inlineImg javascript:alert(1) 20px %}',
  '{% inlineImg https://img.example/a.png 1em;background:url(http://evil) %}',
  '{% label x red %}',
  '{% gallery %}\n![a](javascript:alert(1))\n![b](http://evil/b.png)\n![c](https://ok.example/c.png)\n{% endgallery %}',
  '{% asset_img pic.png 100 "t" "a" %}',
  '{% raw %}<script>alert(1)</script>{% endraw %}',
  '{% nope %}',
  '{% timeline 2025,blue %}\n<!-- timeline 1 -->\nx\n<!-- endtimeline -->\n{% endtimeline %}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil"></iframe>',
  '<style>@import "http://evil";</style>',
  '<div style="background:url(http://evil)">x</div>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<details><summary>s</summary>d</details>',
  '<!-- comment -->',
  '<div>',
  '</div>',
  '<',
  '>',
  '&',
  '&amp;',
  '&#106;',
  '[a](javascript:alert(1))',
  '[a](command:workbench.action.terminal.new)',
  '[a](https://example.com)',
  '[ref]',
  '[ref]: javascript:alert(1)',
  '<https://auto.link>',
  '![x](http://evil/x.png)',
  '![y](https://img.example/y.png)',
  '![z](pic.png)',
  '![w](../../etc/passwd)',
  '![d](data:image/svg+xml;base64,PHN2Zz4=)',
  '# 标题',
  '## 例子',
  '### 例子 $x$',
  '> quote',
  '- item',
  '1. item',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '---',
  '***',
  '**bold**',
  '_em_',
  '中文文本，KL 散度',
  '😀',
  '\u200b',
  '\t',
  ' ',
  '  ',
  '\\',
  '{',
  '}',
  '%}',
  '{%',
  '{{ title }}',
];

const newline = fc.constantFrom('\n', '\n', '\n', '\r\n', '\n\n', '\r');

const frontMatter = fc
  .tuple(fc.array(fc.constantFrom(...frontMatterLines), { maxLength: 8 }), newline, fc.constantFrom('---', '---', ';;;', '--- ', '----', ''))
  .map(([lines, nl, close]) => ['---', ...lines, close].join(nl) + nl);

/**
 * Every form Hexo's splitter knows (issue #10 item 4): usual, longer separators, legacy (no opening line),
 * `;;;` JSON with and without the opening line, an empty block, an unclosed one; BOM and CRLF come on top.
 */
const validFrontMatterLines = ['title: 标题 KL', 'date: 2025-06-25 10:00:00', 'tags: [RL, KL]', 'categories: [ML]', 'cover: /img/cover.png', 'description: d'];
export const frontMatterForm = fc
  .tuple(
    fc.oneof(
      fc.subarray(validFrontMatterLines, { minLength: 1 }),
      fc.array(fc.constantFrom(...frontMatterLines), { maxLength: 5 }),
      fc.constant(['"title": "json"', '"tags": ["a", "b"]']),
    ),
    fc.constantFrom('---', '----', ';;;', ''),
    fc.constantFrom('---', '----', ';;;', ''),
  )
  .map(([lines, open, close]) => ({ lines, open, close }));

export function withFrontMatter(form: { lines: string[]; open: string; close: string }, text: string, bom: boolean, crlf: boolean): string {
  const head = [...(form.open ? [form.open] : []), ...form.lines, ...(form.close ? [form.close] : [])].join('\n');
  const note = (bom ? '\uFEFF' : '') + (head ? head + '\n' : '') + text;
  return crlf ? note.replace(/\r?\n/g, '\r\n') : note;
}

export const body = fc
  .array(fc.tuple(fc.constantFrom(...bodyPieces), fc.constantFrom('', ' ', '\n', '\n\n', '\r\n', '\t')), { maxLength: 14 })
  .map((parts) => parts.map(([piece, glue]) => piece + glue).join(''));

/** A note built from realistic pieces, sometimes with a BOM and CRLF line ends. */
export const structuredNote: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.option(frontMatter, { nil: '' }), body, fc.boolean())
  .map(([bom, head, text, crlf]) => {
    const note = head + text;
    return (bom ? '\uFEFF' : '') + (crlf ? note.replace(/\r?\n/g, '\r\n') : note);
  });

/** A structured note with random edits: characters inserted, deleted or duplicated. */
export const mutatedNote: fc.Arbitrary<string> = fc
  .tuple(
    structuredNote,
    fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('$', '{', '}', '\\', '\n', '---', '`', '<', '"', '%}'))), {
      maxLength: 6,
    }),
  )
  .map(([note, mutations]) => {
    let text = note;
    for (const [at, removed, inserted] of mutations) {
      const position = text.length === 0 ? 0 : at % (text.length + 1);
      text = text.slice(0, position) + inserted + text.slice(position + removed);
    }
    return text;
  });

/** Random strings: any UTF-16 (lone surrogates included), or printable ASCII with markup characters. */
export const randomNote: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'$\\{}[]()`<>!#%-*_:\'" \n\r\tabxy01'), maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
);

export const anyNote: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: structuredNote, weight: 4 },
  { arbitrary: mutatedNote, weight: 3 },
  { arbitrary: randomNote, weight: 2 },
);

const klExpressionPieces = [
  'kl(',
  'js(',
  'tv(',
  'entropy(',
  'normal(',
  'bernoulli(',
  'p',
  'q',
  '[',
  ']',
  '(',
  ')',
  ',',
  '0.5',
  '0',
  '1',
  '-1',
  '1e308',
  'NaN',
  '=',
  ';',
  '\n',
  '|',
  'x',
  ' ',
];

export const klExpression: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...klExpressionPieces), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 40 }),
);
