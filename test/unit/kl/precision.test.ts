import * as assert from 'node:assert/strict';
import { digamma, expm1MinusX, logGamma, minusLog1pPlusX, neumaierSum, onePlusRLog1pMinusR } from '../../../src/core/kl/numerics';
import { assertClose, list, value } from './helpers';
import { referenceEntropy, referenceKl, referenceNormalKl, withDigits } from './highPrecision';

/** A deterministic generator, so the reference cases are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
}

function randomDistribution(n: number, random: () => number): number[] {
  const weights = Array.from({ length: n }, () => random() + 0.01);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

describe('kl precision against a high-precision reference', () => {
  const cases: Array<[number[], number[]]> = [
    [
      [0.5, 0.5],
      [0.9, 0.1],
    ],
    [
      [0.1, 0.2, 0.7],
      [0.3, 0.3, 0.4],
    ],
    [
      [0.25, 0.25, 0.25, 0.25],
      [0.1, 0.2, 0.3, 0.4],
    ],
    [
      [0.999999, 1e-6],
      [0.5, 0.5],
    ],
  ];
  const random = seeded(42);
  for (const n of [10, 100, 1000]) cases.push([randomDistribution(n, random), randomDistribution(n, random)]);

  cases.forEach(([p, q], index) => {
    it(`kl and entropy of case ${index + 1} (${p.length} outcomes) have relative error ≤ 1e-12`, () => {
      assertClose(value(`kl(${list(p)}, ${list(q)})`), referenceKl(p, q), 1e-12, 'kl');
      assertClose(value(`kl(${list(q)}, ${list(p)})`), referenceKl(q, p), 1e-12, 'reverse kl');
      assertClose(value(`entropy(${list(p)})`), referenceEntropy(p), 1e-12, 'entropy');
    });
  });

  it('handles probabilities near the bottom of the double range (1e-300)', () => {
    const p = [1e-300, 1 - 1e-300];
    const q = [0.5, 0.5];
    withDigits(340, () => {
      assertClose(value(`kl(${list(q)}, ${list(p)})`), referenceKl(q, p), 1e-12, 'kl');
      assertClose(value(`entropy(${list(p)})`), referenceEntropy(p), 1e-12, 'entropy');
    });
  });

  it('keeps full relative precision for nearly equal distributions (no cancellation)', () => {
    // Exactly representable and summing exactly to 1, so no normalisation blurs the comparison.
    const p = [0.5 + 2 ** -24, 0.5 - 2 ** -24];
    const q = [0.5, 0.5];
    // The textbook Σ p ln(p/q) cancels to about half its digits here (KL ≈ 3.6e-15).
    assertClose(value(`kl(${list(p)}, ${list(q)})`), referenceKl(p, q), 1e-12);
    assert.ok(value(`kl(${list(p)}, ${list(q)})`) > 0);
  });

  it('computes normal KL to 1e-12 even when σ₁ ≈ σ₂ (where the textbook formula cancels)', () => {
    const cases: Array<[number, number, number, number]> = [
      [0, 1, 1, 2],
      [0.3, 0.7, -1.2, 1.9],
      [0, 1, 0, 1 + 1e-6],
      [5, 3, 5.001, 3],
    ];
    for (const [m1, s1, m2, s2] of cases) {
      assertClose(value(`kl(normal(${m1}, ${s1}), normal(${m2}, ${s2}))`), referenceNormalKl(m1, s1, m2, s2), 1e-12, `N(${m1},${s1}) ‖ N(${m2},${s2})`);
    }
  });
});

describe('kl numerical helpers', () => {
  it('compensated summation recovers what naive summation loses', () => {
    const values = [1, 1e-16, 1e-16, 1e-16, 1e-16, -1];
    assert.equal(
      values.reduce((a, b) => a + b, 0),
      0,
    );
    assertClose(neumaierSum(values), 4e-16, 1e-12);
  });

  it('series branches agree with the direct formulas where both are accurate', () => {
    for (const x of [-0.25, -0.1, 0.1, 0.25]) {
      assertClose(onePlusRLog1pMinusR(x), (1 + x) * Math.log1p(x) - x, 1e-13);
      assertClose(minusLog1pPlusX(x), x - Math.log1p(x), 1e-13);
      assertClose(expm1MinusX(x), Math.expm1(x) - x, 1e-13);
    }
    // Tiny arguments: the leading terms x²/2 dominate.
    assertClose(onePlusRLog1pMinusR(1e-10), 5e-21, 1e-9);
    assertClose(expm1MinusX(1e-10), 5e-21, 1e-9);
  });

  it('logGamma and digamma match known values', () => {
    assertClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    assertClose(logGamma(10), Math.log(362880), 1e-14);
    let logProduct = 0.5 * Math.log(Math.PI);
    for (let k = 0; k < 30; k++) logProduct += Math.log(k + 0.5);
    assertClose(logGamma(30.5), logProduct, 1e-14);
    assertClose(digamma(1), -0.5772156649015329, 1e-14);
    assertClose(digamma(0.5), -0.5772156649015329 - 2 * Math.LN2, 1e-14);
    const harmonic7 = 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7;
    assertClose(digamma(8), harmonic7 - 0.5772156649015329, 1e-14);
    assertClose(digamma(11.25) - digamma(10.25), 1 / 10.25, 1e-12);
  });
});
