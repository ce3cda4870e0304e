/**
 * The delimiter rules against @renbaoshuo/markdown-it-katex (its test/fixtures/default.txt cases
 * and README rules), and the other conventions.
 */
import * as assert from 'node:assert/strict';
import markdownIt from 'markdown-it';
import { type MathSyntax, resolveMathSyntax } from '../../../src/core/math/delimiters';
import { mathPlugin } from '../../../src/core/math/mathPlugin';
import { scanMath } from '../../../src/core/math/mathSpans';

/** markdown-it with the plugin, math shown as [I:tex] / [D:tex] so the tests read the decisions. */
function render(text: string, syntax: MathSyntax = resolveMathSyntax('blog')): string {
  const md = markdownIt();
  mathPlugin(md, { syntax, renderMath: (tex, display) => `[${display ? 'D' : 'I'}:${tex}]` });
  return md.render(text).trim();
}

/** The same decisions from the raw-text finder the diagnostics use. */
function found(text: string, syntax: MathSyntax = resolveMathSyntax('blog')): string[] {
  return scanMath(text, syntax).spans.map((span) => `${span.display ? 'D' : 'I'}:${span.tex}`);
}

describe('math/delimiters (renbaoshuo rules by default)', () => {
  const cases: Array<[string, string, string[]]> = [
    ['$1+1 = 2$', '<p>[I:1+1 = 2]</p>', ['I:1+1 = 2']],
    ['\\$1 + 1 = 2\\$', '<p>$1 + 1 = 2$</p>', []],
    ['$\\$1 + \\$1 = \\$2$', '<p>[I:\\$1 + \\$1 = \\$2]</p>', ['I:\\$1 + \\$1 = \\$2']],
    ['$ 1 + 1 = 2$', '<p>$ 1 + 1 = 2$</p>', []],
    ['$1 + 1 = 2 $', '<p>$1 + 1 = 2 $</p>', []],
    ['$1 + 1 = 2$100', '<p>$1 + 1 = 2$100</p>', []],
    ['costs $5 and $10', '<p>costs $5 and $10</p>', []],
    ['mid $$x$$ line', '<p>mid $$x$$ line</p>', []],
    ['\\(x\\) and \\[y\\]', '<p>(x) and [y]</p>', []],
    ['`$x$` and $y$', '<p><code>$x$</code> and [I:y]</p>', ['I:y']],
    ['$a$ and $b$', '<p>[I:a] and [I:b]</p>', ['I:a', 'I:b']],
    ['$x $y$', '<p>$x [I:y]</p>', ['I:y']],
  ];
  for (const [input, html, spans] of cases) {
    it(`inline: ${input}`, () => {
      assert.equal(render(input), html);
      assert.deepEqual(found(input), spans);
    });
  }

  it('display blocks start a line, may interrupt a paragraph, and end on the line ending with $$', () => {
    // As renbaoshuo: the first line's content gets a newline (see its fixture "Simple block math").
    assert.equal(render('$$1 + 1 = 2$$'), '<p class="mp-math-block" data-offset="0">[D:1 + 1 = 2\n]</p>');
    assert.equal(render('text\n$$\nx\n$$'), '<p>text</p>\n<p class="mp-math-block" data-offset="1">[D:x\n]</p>');
    assert.equal(render('$$a\n+ b$$'), '<p class="mp-math-block" data-offset="0">[D:a\n+ b]</p>');
    assert.deepEqual(found('text\n$$\nx\n$$'), ['D:\nx\n']);
  });

  it('an unclosed $$ block runs to the end of the note', () => {
    assert.equal(render('$$\nx\n\ny'), '<p class="mp-math-block" data-offset="0">[D:x\n\ny]</p>');
  });

  it('"dollars" (MathJax-style) accepts spaces inside and $$ in a line', () => {
    const syntax = resolveMathSyntax('dollars');
    assert.equal(render('$ x $ and $$y$$', syntax), '<p>[I: x ] and [D:y]</p>');
    assert.deepEqual(found('$ x $ and $$y$$', syntax), ['I: x ', 'D:y']);
  });

  it('"brackets" reads \\(…\\) and \\[…\\], and leaves dollars alone', () => {
    const syntax = resolveMathSyntax('brackets');
    assert.equal(render('\\(x\\) and $y$ and \\\\(z\\)', syntax), '<p>[I:x] and $y$ and \\(z)</p>');
    assert.equal(render('\\[\nx\n\\]', syntax), '<p class="mp-math-block" data-offset="0">[D:x\n]</p>');
    assert.deepEqual(found('\\(x\\) and $y$', syntax), ['I:x']);
  });

  it('"blog" follows a MathJax blog', () => {
    assert.deepEqual(resolveMathSyntax('blog', { math: { use: 'mathjax', perPage: true } }), { dollars: 'loose', brackets: true });
    assert.deepEqual(resolveMathSyntax('blog', { math: { use: 'katex', perPage: true } }), { dollars: 'pandoc', brackets: false });
  });

  it('finds math in blockquotes, lists, headings and table cells, not in code', () => {
    const text = ['# H $a$', '', '> q $b$', '', '- l $c$', '', '| x | y |', '| - | - |', '| $d$ | $e$ |', '', '```', '$f$', '```', '', '    $g$'].join('\n');
    assert.deepEqual(found(text), ['I:a', 'I:b', 'I:c', 'I:d', 'I:e']);
  });
});
