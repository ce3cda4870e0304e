import * as assert from 'node:assert/strict';
import { mathDiagnostics, mathFixes } from '../../../src/core/math/mathDiagnostics';
import { applyEdits, englishText } from '../../../src/core/text';

/** `«…»` marks the expected range of one diagnostic in the fixture text. */
function expectOne(marked: string, code: string): { text: string; message: string } {
  const start = marked.indexOf('«');
  const end = marked.indexOf('»') - 1;
  const text = marked.replace('«', '').replace('»', '');
  const diagnostics = mathDiagnostics(text, {}, englishText).filter((d) => d.code === code);
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  assert.deepEqual([diagnostics[0].start, diagnostics[0].end], [start, end], `got ${JSON.stringify(text.slice(diagnostics[0].start, diagnostics[0].end))}`);
  return { text, message: diagnostics[0].message };
}

describe('math/diagnostics', () => {
  it('puts a KaTeX parse error on the exact characters (ParseError.position/length)', () => {
    const { message } = expectOne('---\ntitle: x\n---\n中文 $a + «\\foo» b$', 'math.parse-error');
    assert.match(message, /Undefined control sequence: \\foo/);
  });

  it('maps parse errors inside multi-line display math and blockquotes', () => {
    // End of input: the missing '}' belongs where the formula ends, at the closing $$.
    expectOne('para\n\n$$\n\\begin{aligned}\na &= \\bar{b\n\\end{aligned}\n«$»$', 'math.parse-error');
    expectOne('x\n\n$$\n\\begin{aligned}\na &= «\\bad»\n\\end{aligned}\n$$', 'math.parse-error');
    expectOne('> quote $x$\n> and $\\frac{1}{2} «^»^ 3$', 'math.parse-error');
  });

  it('knows macros defined earlier in the note and in the settings', () => {
    assert.deepEqual(mathDiagnostics('$\\gdef\\myP{p}$ then $\\myP$', {}, englishText), []);
    assert.deepEqual(mathDiagnostics('$\\R$', { macros: { '\\R': '\\mathbb{R}' } }, englishText), []);
    assert.equal(mathDiagnostics('$\\myP$ then $\\gdef\\myP{p}$', {}, englishText).length, 1);
  });

  it('warns about a space just inside $ when it looks like math, not about prices', () => {
    expectOne('See «$ x^2 $» here.', 'math.space-inside-dollar');
    expectOne('See «$\\alpha $» here.', 'math.space-inside-dollar');
    assert.deepEqual(mathDiagnostics('It costs $5 or $ 10 today.', {}, englishText), []);
  });

  it('warns about $$ in the middle of a line', () => {
    expectOne('Inline «$$E=mc^2$$» text.', 'math.display-mid-line');
  });

  it('warns about \\(…\\) and \\[…\\] that markdown-it turns into brackets', () => {
    expectOne('So «\\(x_1\\)» is it.', 'math.bracket-delimiters');
    assert.deepEqual(mathDiagnostics('An escaped \\(not math\\) note.', {}, englishText), []);
  });

  it('warns about a display block glued to an HTML line, once per block', () => {
    expectOne('<div>\n«$$»\nx\n$$\n</div>', 'math.display-glued-to-html');
    assert.deepEqual(mathDiagnostics('<div>x</div>\n\n$$\nx\n$$', {}, englishText), []);
  });

  it('warns about escapes written for hexo-renderer-marked', () => {
    expectOne('$«\\\\{» x \\}$', 'math.marked-escape');
    expectOne('$a«\\_»b$', 'math.marked-escape');
    assert.deepEqual(mathDiagnostics('$\\{ x \\} \\\\ y_1$', {}, englishText), []);
  });

  it('does not warn about the blog when the blog renders with MathJax', () => {
    const blog = { math: { use: 'mathjax', perPage: true }, renderer: 'markdown-it', katexMacros: {} } as never;
    assert.deepEqual(mathDiagnostics('In a line $$x$$ and $ y $', { blog }, englishText), []);
  });

  it('offers fixes that make the warning go away', () => {
    for (const text of ['See $ x^2 $ here.', 'Inline $$E=mc^2$$ text.', 'So \\(x_1\\) is it.', '$a\\_b$', '<div>\n$$\nx\n$$\n</div>']) {
      const [diagnostic] = mathDiagnostics(text, {}, englishText);
      const [fix] = mathFixes(text, diagnostic, englishText);
      assert.ok(fix, `no fix for ${diagnostic.code}`);
      const fixed = applyEdits(text, fix.edits);
      assert.deepEqual(
        mathDiagnostics(fixed, {}, englishText).filter((d) => d.code === diagnostic.code),
        [],
        fixed,
      );
    }
  });

  it('never throws on odd input', () => {
    for (const text of ['$', '$$', '$$$', '\\', '`$`$', '> $$', '{% note %}$x', '$\\def\\a{\\a}\\a$', '\r\n$x$\r\n', '|$|\n|-|\n|$|']) {
      assert.doesNotThrow(() => mathDiagnostics(text, {}, englishText), text);
    }
  });
});
