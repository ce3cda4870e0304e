import * as assert from 'node:assert/strict';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { assertClose, value } from './helpers';

/** Composite Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/**
 * ∫₀¹ f(x) dx with x = t²(3 − 2t): dx = 6t(1 − t) dt vanishes at both ends, so the log singularities
 * of beta integrands at 0 and 1 (e.g. p ln(p/q) with b₁ = 2, b₂ ≠ 2) no longer spoil Simpson's rule.
 */
function integrateUnit(f: (x: number) => number, n: number): number {
  return simpson((t) => (t <= 0 || t >= 1 ? 0 : f(t * t * (3 - 2 * t)) * 6 * t * (1 - t)), 0, 1, n);
}

function lgammaRef(x: number): number {
  // Independent of the evaluator: Stirling with enough shifts (x → x + 20).
  let shift = 0;
  while (x < 20) {
    shift -= Math.log(x);
    x += 1;
  }
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

const normalPdf = (mean: number, std: number) => (x: number) => Math.exp(-0.5 * ((x - mean) / std) ** 2) / (std * Math.sqrt(2 * Math.PI));
const klIntegrand = (p: (x: number) => number, q: (x: number) => number) => (x: number) => {
  const px = p(x);
  return px === 0 ? 0 : px * Math.log(px / q(x));
};

const mean = fc.double({ min: -3, max: 3, noNaN: true });
const std = fc.double({ min: 0.3, max: 3, noNaN: true });
const rate = fc.double({ min: 0.2, max: 5, noNaN: true });
const shape = fc.double({ min: 2, max: 8, noNaN: true });
const probability = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const runs = { numRuns: 25 };

describe('kl closed forms match numeric sums and integrals', function () {
  // Quadratures of 4,000–20,000 points per case: room for a loaded machine (a hang detector, not a timing).
  this.timeout(30_000);
  it('normal: closed form = ∫ p ln(p/q) dx', () => {
    fc.assert(
      fc.property(mean, std, mean, std, (m1, s1, m2, s2) => {
        const numeric = simpson(klIntegrand(normalPdf(m1, s1), normalPdf(m2, s2)), m1 - 14 * s1, m1 + 14 * s1, 4000);
        assertClose(value(`kl(normal(${m1}, ${s1}), normal(${m2}, ${s2}))`), numeric, 1e-8, 'normal', 1e-12);
      }),
      runs,
    );
  });

  it('normal entropy = −∫ p ln p dx', () => {
    fc.assert(
      fc.property(mean, std, (m, s) => {
        const pdf = normalPdf(m, s);
        const numeric = simpson((x) => -pdf(x) * Math.log(pdf(x)), m - 14 * s, m + 14 * s, 4000);
        assertClose(value(`entropy(normal(${m}, ${s}))`), numeric, 1e-8);
      }),
      runs,
    );
  });

  it('diagonal normal: KL is the sum over dimensions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(mean, std, mean, std), { minLength: 1, maxLength: 4 }), (dims) => {
        const expected = dims.reduce((sum, [m1, s1, m2, s2]) => sum + value(`kl(normal(${m1}, ${s1}), normal(${m2}, ${s2}))`), 0);
        const [m1, s1, m2, s2] = [0, 1, 2, 3].map((k) => `[${dims.map((d) => d[k]).join(', ')}]`);
        assertClose(value(`kl(diag_normal(${m1}, ${s1}), diag_normal(${m2}, ${s2}))`), expected, 1e-12);
      }),
      runs,
    );
  });

  it('bernoulli: p ln(p/q) + (1−p) ln((1−p)/(1−q)) and the categorical sum agree', () => {
    fc.assert(
      fc.property(probability, probability, (p, q) => {
        const closed = p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
        assertClose(value(`kl(bernoulli(${p}), bernoulli(${q}))`), closed, 1e-10, 'bernoulli', 1e-15);
        assertClose(value(`kl(bernoulli(${p}), categorical([${1 - q}, ${q}]))`), value(`kl(bernoulli(${p}), bernoulli(${q}))`), 1e-12);
      }),
      runs,
    );
  });

  it('exponential: closed form = ∫ p ln(p/q) dx', () => {
    fc.assert(
      fc.property(rate, rate, (l1, l2) => {
        const p = (x: number) => l1 * Math.exp(-l1 * x);
        const q = (x: number) => l2 * Math.exp(-l2 * x);
        const numeric = simpson(klIntegrand(p, q), 0, 60 / l1, 20000);
        assertClose(value(`kl(exponential(${l1}), exponential(${l2}))`), numeric, 1e-7, 'exponential', 1e-12);
        assertClose(
          value(`entropy(exponential(${l1}))`),
          simpson((x) => -p(x) * Math.log(p(x)), 0, 60 / l1, 20000),
          1e-7,
        );
      }),
      runs,
    );
  });

  it('poisson: closed form = Σₖ p(k) ln(p(k)/q(k)), entropy = −Σₖ p(k) ln p(k)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 20, noNaN: true }), fc.double({ min: 0.2, max: 20, noNaN: true }), (l1, l2) => {
        let kl = 0;
        let entropy = 0;
        for (let k = 0; k < 200; k++) {
          const logP = k * Math.log(l1) - l1 - lgammaRef(k + 1);
          const logQ = k * Math.log(l2) - l2 - lgammaRef(k + 1);
          kl += Math.exp(logP) * (logP - logQ);
          entropy -= Math.exp(logP) * logP;
        }
        assertClose(value(`kl(poisson(${l1}), poisson(${l2}))`), kl, 1e-9, 'poisson', 1e-12);
        assertClose(value(`entropy(poisson(${l1}))`), entropy, 1e-9);
      }),
      runs,
    );
  });

  it('beta: closed form = ∫ p ln(p/q) dx, entropy = −∫ p ln p dx', function () {
    this.timeout(20000);
    fc.assert(
      fc.property(shape, shape, shape, shape, (a1, b1, a2, b2) => {
        const logB = (a: number, b: number) => lgammaRef(a) + lgammaRef(b) - lgammaRef(a + b);
        const pdf = (a: number, b: number) => {
          const normalizer = logB(a, b);
          return (x: number) => (x <= 0 || x >= 1 ? 0 : Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - normalizer));
        };
        const p = pdf(a1, b1);
        const q = pdf(a2, b2);
        assertClose(value(`kl(beta(${a1}, ${b1}), beta(${a2}, ${b2}))`), integrateUnit(klIntegrand(p, q), 20000), 1e-10, 'beta kl', 1e-12);
        assertClose(
          value(`entropy(beta(${a1}, ${b1}))`),
          integrateUnit((x) => (p(x) === 0 ? 0 : -p(x) * Math.log(p(x))), 20000),
          1e-10,
          'beta entropy',
          1e-12,
        );
      }),
      runs,
    );
  });

  // The evaluator computes cross-entropy as H(p) + KL(p‖q); a check of that identity with its own entropy and kl
  // restates the implementation. The references here are the definition −∫ p ln q (−Σ p ln q), computed apart.
  it('cross-entropy of parametric families = −∫ p ln q dx, computed independently', () => {
    const crossIntegrand = (p: (x: number) => number, q: (x: number) => number) => (x: number) => {
      const px = p(x);
      return px === 0 ? 0 : -px * Math.log(q(x));
    };
    fc.assert(
      fc.property(mean, std, mean, std, (m1, s1, m2, s2) => {
        const numeric = simpson(crossIntegrand(normalPdf(m1, s1), normalPdf(m2, s2)), m1 - 14 * s1, m1 + 14 * s1, 4000);
        assertClose(value(`cross_entropy(normal(${m1}, ${s1}), normal(${m2}, ${s2}))`), numeric, 1e-8, 'normal', 1e-12);
      }),
      runs,
    );
    fc.assert(
      fc.property(rate, rate, (l1, l2) => {
        const numeric = simpson(
          crossIntegrand(
            (x) => l1 * Math.exp(-l1 * x),
            (x) => l2 * Math.exp(-l2 * x),
          ),
          0,
          60 / l1,
          20000,
        );
        assertClose(value(`cross_entropy(exponential(${l1}), exponential(${l2}))`), numeric, 1e-7, 'exponential', 1e-12);
      }),
      runs,
    );
    const logB = (a: number, b: number) => lgammaRef(a) + lgammaRef(b) - lgammaRef(a + b);
    for (const [a1, b1, a2, b2] of [
      [2, 3, 3, 2],
      [2.5, 4, 6, 1.5],
      [7, 2, 2, 7],
    ]) {
      const p = (x: number) => (x <= 0 || x >= 1 ? 0 : Math.exp((a1 - 1) * Math.log(x) + (b1 - 1) * Math.log1p(-x) - logB(a1, b1)));
      // −ln q(x) written out, so no pdf of 0 is taken to a log at the ends.
      const minusLogQ = (x: number) => -((a2 - 1) * Math.log(x) + (b2 - 1) * Math.log1p(-x) - logB(a2, b2));
      const numeric = integrateUnit((x) => p(x) * minusLogQ(x), 20000);
      assertClose(value(`cross_entropy(beta(${a1}, ${b1}), beta(${a2}, ${b2}))`), numeric, 1e-9, `beta(${a1}, ${b1}) vs beta(${a2}, ${b2})`, 1e-12);
    }
  });

  it('poisson cross-entropy = −Σₖ p(k) ln q(k), summed in 40-digit decimal arithmetic', () => {
    const D = Decimal.clone({ precision: 40 });
    const TERMS = 160; // λ ≤ 12.25: p(160) < 1e-100, far below the tolerance
    const lnK = Array.from({ length: TERMS }, (_, k) => (k === 0 ? new D(0) : new D(k).ln()));
    for (const [l1, l2] of [
      [4, 2],
      [0.5, 7],
      [12.25, 11],
      [3, 3],
    ]) {
      // p(k) = e^−λ λᵏ / k! built up term by term; ln q(k) = k ln λ − λ − ln k!, all in decimals.
      let sum = new D(0);
      let p = new D(-l1).exp();
      let logFactorial = new D(0);
      const lnL2 = new D(l2).ln();
      for (let k = 0; k < TERMS; k++) {
        if (k > 0) {
          p = p.times(l1).dividedBy(k);
          logFactorial = logFactorial.plus(lnK[k]);
        }
        sum = sum.minus(p.times(lnL2.times(k).minus(l2).minus(logFactorial)));
      }
      assertClose(value(`cross_entropy(poisson(${l1}), poisson(${l2}))`), sum.toNumber(), 1e-12, `poisson(${l1}), poisson(${l2})`);
    }
  });

  it('KL between identical parametric distributions is exactly 0', () => {
    for (const d of ['normal(0.3, 1.7)', 'exponential(2.5)', 'poisson(3.3)', 'beta(2.5, 4)', 'diag_normal([0, 1], [1, 2])']) {
      assert.equal(value(`kl(${d}, ${d})`), 0, d);
    }
  });
});
