/**
 * The diagnostics check formulas with KaTeX's parse only (issue #15): the error, its position and the macro
 * table after each formula must be exactly those of the full render the preview does, or the editor, the CLI
 * and the preview would disagree. Compared on formulas written to hit KaTeX's build-time errors, on the
 * fixture notes, and on random formulas assembled from well-formed and broken pieces.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { checkWithKatex } from '../../../src/core/math/formulaCheck';
import { MathRenderer, renderWithKatex } from '../../../src/core/math/katexRenderer';
import { resolveMathSyntax } from '../../../src/core/math/delimiters';
import { scanMath } from '../../../src/core/math/mathSpans';

const fixtures = resolve(__dirname, '../../../../test/fixtures');

/** A macro table as text (KaTeX stores `\gdef` bodies as token lists whose source locations differ per run). */
function tableText(macros: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(macros)
      .sort()
      .map((name) => {
        const body = macros[name] as string | { tokens?: Array<{ text: string }>; numArgs?: number };
        return [name, typeof body === 'string' ? body : [body.tokens?.map((token) => token.text).join(' '), body.numArgs]];
      }),
  );
}

/** Both ways over the formulas of one note in order (macros carry over): the same error and table after each. */
function assertSameAsRender(formulas: ReadonlyArray<{ tex: string; display: boolean }>, base: Record<string, string> = {}): number {
  const checked: Record<string, unknown> = { ...base };
  const rendered: Record<string, unknown> = { ...base };
  let errors = 0;
  for (const { tex, display } of formulas) {
    const error = checkWithKatex(tex, display, checked);
    const expected = renderWithKatex(tex, display, rendered).error;
    assert.deepEqual(error, expected, `error of ${JSON.stringify(tex)} (display: ${display})`);
    assert.equal(tableText(checked), tableText(rendered), `macros after ${JSON.stringify(tex)}`);
    if (expected) errors++;
  }
  return errors;
}

/** Formulas whose error only shows when KaTeX builds the HTML, or at the edges of the parse. */
const edgeCases = [
  '\u{1D6A4}', // a character of the Mathematical Alphanumeric block with no font: "Unsupported character" while building
  'x + \\char"1D6A4',
  '\\gdef\\dotless{\\char"1D6A4} \\dotless',
  '\u{1D400} + \u{1D7CE}',
  '\\tag{1} x',
  '\\rule{1zz}{2em}',
  '\\kern1mu x',
  '\\left< x \\right>',
  '\\left\\foo x \\right)',
  '\\begin{array}{x} a \\end{array}',
  '\\begin{aligned} a & b & c \\end{aligned}',
  '\\begin{CD} A @>>> B @x C \\end{CD}',
  '\\htmlClass{a}{b} + \\href{javascript:alert(1)}{x} + \\includegraphics{a.png}',
  '\\verb|x',
  '\\color{#zzz}{x}',
  '\\text{奖励} = 中文',
  '\\newcommand\\one{1} \\newcommand\\one{2}',
  '\\def\\a#1{#1#2} \\a x',
  '\\frac{1}',
  '{'.repeat(299) + 'x' + '}'.repeat(299),
  '\\sqrt['.repeat(40) + 'x',
];

describe('math/formulaCheck: parse-only = full render', () => {
  it('gives the render error on the build-time and edge cases, inline and display', () => {
    for (const display of [false, true]) {
      const errors = assertSameAsRender(
        edgeCases.map((tex) => ({ tex, display })),
        { '\\R': '\\mathbb{R}' },
      );
      // The cases do reach errors (the build-time one included), so the comparison is not of empty results.
      assert.ok(errors >= 12, `${errors} errors`);
    }
    assert.match(checkWithKatex('\u{1D6A4}', false, {})?.message ?? '', /Unsupported character/);
  });

  it('gives the render errors on every formula of the fixture notes and the example blog, in note order', () => {
    const folders = [join(fixtures, 'render'), join(fixtures, 'frontMatter/notes'), resolve(fixtures, '../../examples/blog/source/_posts')];
    let formulas = 0;
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.md'))) {
        const spans = scanMath(readFileSync(join(folder, name), 'utf8'), resolveMathSyntax(undefined, undefined)).spans;
        assertSameAsRender(spans);
        formulas += spans.length;
      }
    }
    assert.ok(formulas >= 30, `${formulas} formulas`);
  });

  it('gives the render errors on random formulas made of well-formed and broken pieces', () => {
    const pieces = [
      'x',
      'y_1',
      '^2',
      '_{t+1}',
      '{',
      '}',
      '\\frac{a}{b}',
      '\\frac',
      '\\sqrt[3]{x}',
      '\\left(',
      '\\right)',
      '\\middle|',
      '&',
      '\\\\',
      '\\begin{aligned}',
      '\\end{aligned}',
      '\\begin{pmatrix}',
      '\\end{pmatrix}',
      '\\mathbb{E}',
      '\\mathcal{L}',
      '\\text{中文}',
      '奖励',
      '\\gdef\\p{P}',
      '\\p',
      '\\newcommand\\q[1]{#1^2}',
      '\\q{x}',
      '\\q',
      '#',
      '\\tag{2}',
      '\\char"1D6A4',
      '\\char"41',
      '\u{1D6A4}',
      '\u{1D44E}',
      '\\rule{1em}{2pt}',
      '\\kern2mu',
      '\\hline',
      '\\cr',
      '%',
      '\n',
      ' ',
      '\\overbrace{x}^{y}',
      '\\xrightarrow{a}',
      '\\operatorname{clip}',
      '\\log',
      '\\|',
      '\\color{red}',
      '\\htmlClass{c}{x}',
      '\\verb|v|',
      '\\foo',
      '$',
      '~',
      '\\,',
      '\\quad',
    ];
    const formula = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }).map((parts) => parts.join(''));
    const note = fc.array(fc.record({ tex: formula, display: fc.boolean() }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(note, (formulas) => {
        assertSameAsRender(formulas);
      }),
      { numRuns: 400 },
    );
  });

  it('MathRenderer.check gives the error render gives, and reuses what either one cached', () => {
    const formulas = ['a + \\foo', '\\gdef\\k{K}', '\\k_1', 'x^{', 'y'];
    const renderer = new MathRenderer();
    const checkedState = renderer.beginNote();
    const checked = formulas.map((tex) => renderer.check(tex, false, checkedState));
    const reference = new MathRenderer();
    const renderState = reference.beginNote();
    assert.deepEqual(
      checked,
      formulas.map((tex) => reference.render(tex, false, renderState).error),
    );
    // The definition moved the macro state on as the render does (later formulas are cached under it).
    assert.equal(checkedState.signature, renderState.signature);
    assert.notEqual(checkedState.signature, renderer.beginNote().signature);
    assert.equal(tableText(checkedState.macros), tableText(renderState.macros));
    // A second note: nothing new for KaTeX; only the macro-defining formula went through the render cache.
    const before = renderer.stats();
    const again = renderer.beginNote();
    assert.deepEqual(
      formulas.map((tex) => renderer.check(tex, false, again)),
      checked,
    );
    assert.equal(renderer.stats().misses, before.misses);
    assert.equal(again.signature, checkedState.signature);
  });
});
