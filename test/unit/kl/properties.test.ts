import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertClose, list, value } from './helpers';

/** Probability vectors of length n (zeros included), as literal lists the evaluator normalises. */
const weights = (n: number) =>
  fc
    .array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.double({ min: 1e-6, max: 10, noNaN: true }) }), {
      minLength: n,
      maxLength: n,
    })
    .filter((w) => w.some((x) => x > 0));
const positiveWeights = (n: number) => fc.array(fc.double({ min: 1e-6, max: 10, noNaN: true }), { minLength: n, maxLength: n });
const pair = (arbitrary: (n: number) => fc.Arbitrary<number[]>) => fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(arbitrary(n), arbitrary(n)));

function normalised(w: number[]): number[] {
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

describe('kl properties (fast-check)', () => {
  it('KL(p‖q) ≥ 0', () => {
    fc.assert(
      fc.property(pair(weights), ([p, q]) => {
        assert.ok(value(`kl(normalize(${list(p)}), normalize(${list(q)}))`) >= 0);
      }),
    );
  });

  it('KL(p‖p) = 0 and KL(p‖q) > 0 when p ≠ q', () => {
    fc.assert(
      fc.property(pair(weights), ([a, b]) => {
        const p = normalised(a);
        const q = normalised(b);
        assert.equal(value(`kl(${list(p)}, ${list(p)})`), 0);
        const differ = p.some((x, i) => Math.abs(x - q[i]) > 1e-6);
        if (differ) assert.ok(value(`kl(${list(p)}, ${list(q)})`) > 0);
      }),
    );
  });

  it('cross-entropy = entropy + KL', () => {
    fc.assert(
      fc.property(pair(positiveWeights), ([a, b]) => {
        const p = `normalize(${list(a)})`;
        const q = `normalize(${list(b)})`;
        const crossEntropy = value(`cross_entropy(${p}, ${q})`);
        // Exact up to the rounding of the normalised inputs' sums (Σp − Σq ≈ 1e-16 absolute).
        assertClose(value(`entropy(${p})`) + value(`kl(${p}, ${q})`), crossEntropy, 1e-12, 'H + KL', 1e-15);
      }),
    );
  });

  it('cross-entropy is ∞ exactly when KL is ∞', () => {
    fc.assert(
      fc.property(pair(weights), ([a, b]) => {
        const p = `normalize(${list(a)})`;
        const q = `normalize(${list(b)})`;
        assert.equal(value(`cross_entropy(${p}, ${q})`) === Infinity, value(`kl(${p}, ${q})`) === Infinity);
      }),
    );
  });

  it('JS is symmetric, finite and within [0, ln 2]', () => {
    fc.assert(
      fc.property(pair(weights), ([a, b]) => {
        const p = `normalize(${list(a)})`;
        const q = `normalize(${list(b)})`;
        const forward = value(`js(${p}, ${q})`);
        assert.equal(forward, value(`js(${q}, ${p})`));
        assert.ok(forward >= 0 && forward <= Math.LN2, `js = ${forward}`);
      }),
    );
  });

  it('TV is symmetric and within [0, 1]; entropy within [0, ln n]', () => {
    fc.assert(
      fc.property(pair(weights), ([a, b]) => {
        const p = `normalize(${list(a)})`;
        const q = `normalize(${list(b)})`;
        const tv = value(`tv(${p}, ${q})`);
        assert.equal(tv, value(`tv(${q}, ${p})`));
        assert.ok(tv >= 0 && tv <= 1);
        const entropy = value(`entropy(${p})`);
        assert.ok(entropy >= 0 && entropy <= Math.log(a.length) + 1e-12);
      }),
    );
  });

  it('labelled distributions are matched by label, whatever the order', () => {
    fc.assert(
      fc.property(pair(positiveWeights), ([a, b]) => {
        const labels = a.map((_, i) => `o${i}`);
        const p = `{${labels.map((label, i) => `${label}: ${a[i]}`).join(', ')}}`;
        const reversedQ = `{${labels
          .map((label, i) => `${label}: ${b[i]}`)
          .reverse()
          .join(', ')}}`;
        assertClose(value(`kl(normalize(${p}), normalize(${reversedQ}))`), value(`kl(normalize(${list(a)}), normalize(${list(b)}))`), 1e-14);
      }),
    );
  });

  it('softmax is shift-invariant, also for logits around 1000', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 10 }), (logits) => {
        const shifted = logits.map((x) => x + 1000);
        assertClose(value(`kl(softmax(${list(logits)}), softmax(${list(shifted)}))`) + 1, 1, 1e-12);
      }),
    );
  });
});
