import * as assert from 'node:assert/strict';
import { MathRenderer } from '../../../src/core/math/katexRenderer';
import { KATEX_BASE_OPTIONS } from '../../../src/core/math/katexOptions';

describe('math/katexRenderer', () => {
  it('uses safe KaTeX options', () => {
    assert.equal(KATEX_BASE_OPTIONS.trust, false);
    assert.equal(KATEX_BASE_OPTIONS.throwOnError, true);
    assert.ok((KATEX_BASE_OPTIONS.maxExpand ?? Infinity) <= 1000);
  });

  it('caches by source and display mode', () => {
    const renderer = new MathRenderer();
    const state = renderer.beginNote();
    renderer.render('x^2', false, state);
    renderer.render('x^2', false, state);
    renderer.render('x^2', true, state);
    assert.deepEqual({ hits: renderer.stats().hits, misses: renderer.stats().misses }, { hits: 1, misses: 2 });
  });

  it('does not serve a formula rendered under other macros', () => {
    const renderer = new MathRenderer();
    const first = renderer.beginNote({ '\\V': 'a' });
    const second = renderer.beginNote({ '\\V': 'b' });
    assert.match(renderer.render('\\V', false, first).html, /<mi>a<\/mi>/);
    assert.match(renderer.render('\\V', false, second).html, /<mi>b<\/mi>/);
  });

  it('carries \\newcommand to later formulas, also when the definition comes from the cache', () => {
    const renderer = new MathRenderer();
    for (let pass = 0; pass < 2; pass++) {
      const state = renderer.beginNote();
      assert.equal(renderer.render('\\newcommand{\\W}{w}', false, state).error, undefined);
      assert.match(renderer.render('\\W', false, state).html, /<mi>w<\/mi>/);
    }
    assert.ok(renderer.render('\\W', false, renderer.beginNote()).error, 'a new note starts without the definition');
  });

  it('reports errors with position and stops runaway macros', () => {
    const renderer = new MathRenderer();
    const state = renderer.beginNote();
    const error = renderer.render('a + \\foo', false, state).error;
    assert.deepEqual([error?.position, error?.length], [4, 4]);
    const loop = renderer.render('\\def\\a{\\a}\\a', false, state);
    assert.match(loop.error?.message ?? '', /Too many expansions/);
  });
});
