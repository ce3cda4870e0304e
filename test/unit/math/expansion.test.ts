import * as assert from 'node:assert/strict';
import { expansionLimitError, MathRenderer } from '../../../src/core/math/katexRenderer';

describe('macro expansion budget', () => {
  const bomb = `\\def\\b{${'x'.repeat(1000)}}${'\\b'.repeat(150)}`;

  it('refuses a flat macro bomb before KaTeX runs', () => {
    const error = expansionLimitError(bomb, {});
    assert.ok(error);
    assert.match(error.message, /expand too much/);
  });

  it('counts macros defined in earlier formulas of the note', () => {
    assert.ok(expansionLimitError('\\b'.repeat(150), { '\\b': 'x'.repeat(1000) }));
  });

  it('counts a \\gdef made by an earlier formula of the note', () => {
    const renderer = new MathRenderer();
    const state = renderer.beginNote();
    renderer.render(`\\gdef\\b{${'x'.repeat(1000)}}`, false, state);
    assert.ok(renderer.render('\\b'.repeat(150), false, state).error);
  });

  it('leaves ordinary macro use alone', () => {
    assert.equal(expansionLimitError('\\newcommand{\\KL}{D_{\\mathrm{KL}}}\\KL(P\\|Q) + \\KL(Q\\|P)', {}), undefined);
    assert.equal(expansionLimitError('\\frac{a}{b}', {}), undefined);
  });

  it('turns the bomb into a math error through the renderer', () => {
    const renderer = new MathRenderer();
    const result = renderer.render(bomb, false, renderer.beginNote());
    assert.ok(result.error, 'an error, not 150,000 atoms');
  });
});
