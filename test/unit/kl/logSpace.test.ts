import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertClose, list, ok, value } from './helpers';
import { REFERENCE_FLOOR, crossEntropyReference, entropyReference, jsReference, klReference, logOfProbabilities, logSoftmax } from './decimalReference';

/**
 * Relative 1e-12, plus an absolute floor: a 250-digit reference resolves a KL of 1e-200 next to
 * terms of size 1e4·(outcomes); below that it is compared absolutely (doubles lose relative
 * precision below 2.2e-308 anyway).
 */
const REL = 1e-12;
const SUBNORMAL = REFERENCE_FLOOR;

const softmaxText = (logits: readonly number[], t: number) => `softmax(${list(logits)}, ${t})`;

function checkAll(x: number[], y: number[], t: number, label: string): void {
  const lp = logSoftmax(x, t);
  const lq = logSoftmax(y, t);
  const p = softmaxText(x, t);
  const q = softmaxText(y, t);
  assertClose(value(`kl(${p}, ${q})`), klReference(lp, lq), REL, `${label} kl`, SUBNORMAL);
  assertClose(value(`kl(${q}, ${p})`), klReference(lq, lp), REL, `${label} reverse kl`, SUBNORMAL);
  assertClose(value(`entropy(${p})`), entropyReference(lp), REL, `${label} entropy`, SUBNORMAL);
  assertClose(value(`cross_entropy(${p}, ${q})`), crossEntropyReference(lp, lq), REL, `${label} cross-entropy`, SUBNORMAL);
  assertClose(value(`js(${p}, ${q})`), jsReference(lp, lq), REL, `${label} js`, SUBNORMAL);
}

describe('kl in log space (issue #12)', function () {
  // 250-digit references on a shared 2-core machine: slow, not timed.
  this.timeout(120_000);

  it('kl(softmax([800, 0, 0]), softmax([0, 0, 800])) is 800, not ∞', () => {
    const kl = value('kl(softmax([800, 0, 0]), softmax([0, 0, 800]))');
    assert.ok(Number.isFinite(kl));
    assertClose(kl, klReference(logSoftmax([800, 0, 0]), logSoftmax([0, 0, 800])), REL);
    assertClose(kl, 800, 1e-12);
  });

  it('stays exact for logits of ±1e4 and temperatures down to 1e-3', () => {
    checkAll([1e4, 0, -1e4], [-1e4, 1e4, 0], 1, '±1e4');
    checkAll([1e4, 9999.5, -1e4, 3], [9999.25, 1e4, 0, 2.5], 1, 'close leaders');
    checkAll([1, 2, 3], [1, 2.5, 2.9], 1e-3, 'T = 1e-3');
    checkAll([10, 9.999, -3], [9.9995, 10, 4], 1e-3, 'T = 1e-3, leaders 1e-3 apart');
    checkAll([1e4, -1e4, 5000], [-1e4, 1e4, 4999], 1e-3, '±1e4 at T = 1e-3');
  });

  it('one-hot policies: ∞ only where a probability is exactly 0', () => {
    // −inf logits give exact zeros.
    assert.equal(value('kl(softmax([0, -inf]), softmax([-inf, 0]))'), Infinity);
    assertClose(value('kl(softmax([0, -inf]), softmax([0, 0]))'), Math.LN2, REL);
    assert.equal(value('kl(softmax([0, 0]), softmax([0, -inf]))'), Infinity);
    assert.equal(value('entropy(softmax([5, -inf, -inf]))'), 0);
    assertClose(value('js(softmax([0, -inf]), softmax([-inf, 0]))'), Math.LN2, REL);
    // Numerically one-hot (e^-2e4) is not 0: finite, and exactly the reference.
    checkAll([1e4, -1e4], [-1e4, 1e4], 1, 'numerically one-hot');
    const result = ok('kl(softmax([1e4, -1e4]), softmax([-1e4, 1e4]))');
    assert.equal(result.infinite, undefined);
  });

  it('a 0 probability next to logits: ∞ and the outcome named', () => {
    const result = ok('kl(softmax([0, 0, 0]), [0.5, 0.5, 0])');
    assert.equal(result.value, 'Infinity');
    assert.equal(result.infinite?.outcome, '#3');
  });

  it('log_softmax and logits(...) give the same log-space distribution as softmax', () => {
    const x = [800, 0, -3];
    const y = [0, 1, 800];
    const expected = klReference(logSoftmax(x), logSoftmax(y));
    assertClose(value(`kl(log_softmax(${list(x)}), log_softmax(${list(y)}))`), expected, REL);
    assertClose(value(`kl(logits(${list(x)}), logits(${list(y)}))`), expected, REL);
    // Log-probabilities as logits: logits() normalises them again, losing nothing.
    assertClose(value(`kl(logits(log_softmax(${list(x)})), softmax(${list(y)}))`), expected, REL);
  });

  it('labelled logits are matched by label in log space too', () => {
    const expected = klReference(logSoftmax([800, 0]), logSoftmax([0, 800]));
    assertClose(value('kl(softmax({a: 800, b: 0}), softmax({b: 800, a: 0}))'), expected, REL);
  });

  it('mixes a logit distribution with plain probabilities', () => {
    const p = [0.25, 0.5, 0.25];
    const x = [700, 0, -700];
    assertClose(value(`kl(${list(p)}, softmax(${list(x)}))`), klReference(logOfProbabilities(p), logSoftmax(x)), REL);
  });
});

describe('kl in log space: properties against 250-digit decimals (fast-check)', function () {
  this.timeout(300_000);

  const logit = fc.oneof(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.integer({ min: -20, max: 20 }));
  const temperature = fc.oneof(fc.constant(1), fc.constant(1e-3), fc.double({ min: 1e-3, max: 10, noNaN: true }));
  const pairOfLogits = fc
    .integer({ min: 1, max: 6 })
    .chain((n) => fc.tuple(fc.array(logit, { minLength: n, maxLength: n }), fc.array(logit, { minLength: n, maxLength: n })));

  it('kl, reverse kl, entropy, cross-entropy and js of any logits up to ±1e4, T ≥ 1e-3: relative error ≤ 1e-12', () => {
    fc.assert(
      fc.property(pairOfLogits, temperature, ([x, y], t) => checkAll(x, y, t, `x=${list(x)} y=${list(y)} T=${t}`)),
      { numRuns: 30 },
    );
  });

  it('nearly equal policies (logits up to 1e4 moved by 1e-15 … 1e-3): KL keeps 12 digits', () => {
    const perturbed = fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.tuple(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: n, maxLength: n }),
        // Perturbations of 1e-12 … 1e-3 (a reference of 250 digits resolves their squares).
        fc.array(
          fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k * 1e-9),
          { minLength: n, maxLength: n },
        ),
        fc.integer({ min: 0, max: 6 }),
      ),
    );
    fc.assert(
      fc.property(perturbed, ([x, noise, scale]) => {
        // Spread the leaders out so that several outcomes carry mass, then move q by tiny amounts.
        const base = x.map((v, i) => (i === 0 ? v : x[0] - Math.abs(v) / 1e3));
        const moved = base.map((v, i) => v + noise[i] * 10 ** -scale);
        const lp = logSoftmax(base);
        const lq = logSoftmax(moved);
        const expected = klReference(lp, lq);
        const actual = value(`kl(softmax(${list(base)}), softmax(${list(moved)}))`);
        assertClose(actual, expected, REL, `x=${list(base)} y=${list(moved)}`, SUBNORMAL);
        assert.ok(actual >= 0);
      }),
      { numRuns: 30 },
    );
  });

  it('the softmax probabilities themselves are exact (no exp-then-log round trip)', () => {
    fc.assert(
      fc.property(fc.array(logit, { minLength: 1, maxLength: 6 }), temperature, (x, t) => {
        const result = ok(`softmax(${list(x)}, ${t})`);
        const probs = result.value as number[];
        logSoftmax(x, t).forEach((lp, i) => assertClose(probs[i], lp === null ? 0 : lp.exp().toNumber(), REL, `p${i}`, 1e-307));
      }),
      { numRuns: 25 },
    );
  });
});
