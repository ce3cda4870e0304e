import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { KlCliEstimator } from '../../../src/core/kl/cliEval';
import { hoverAt } from '../../../src/core/kl/hover';
import { englishText } from '../../../src/core/text';
import { assertClose, fails, list, nats, ok } from './helpers';
import { REFERENCE_FLOOR, estimatorReference, logOfProbabilities, logSoftmax, normalEstimatorReference, type Moments } from './decimalReference';

type Table = { kl: number; k1: Moments; k2: Moments; k3: Moments };

function estimators(expression: string): { kl: number; k1: KlCliEstimator; k2: KlCliEstimator; k3: KlCliEstimator } {
  const result = ok(expression);
  assert.equal(result.kind, 'estimators');
  assert.equal(result.unit, 'nats');
  assert.deepEqual(result.warnings, []);
  const e = result.estimators as Record<string, KlCliEstimator>;
  assert.deepEqual(Object.keys(e), ['k1', 'k2', 'k3']);
  for (const name of ['k1', 'k2', 'k3']) assert.deepEqual(Object.keys(e[name]), ['mean', 'bias', 'std']);
  return { kl: result.kl as number, k1: e.k1, k2: e.k2, k3: e.k3 };
}

/**
 * Means and k1's std relative. The biases, and the stds of k2 and k3, relative to max(itself, KL):
 * their per-sample values ½d² and g(−d) carry rounding of the size of KL, so when the spread is far
 * below KL (nearly proportional policies) doubles cannot give it more digits than that (docs).
 */
function assertTable(actual: ReturnType<typeof estimators>, expected: Table, relative: number, label: string): void {
  // The 250-digit reference resolves nothing below 1e-200: compared absolutely there.
  assertClose(actual.kl, expected.kl, relative, `${label} KL`, REFERENCE_FLOOR);
  for (const name of ['k1', 'k2', 'k3'] as const) {
    assertClose(actual[name].mean as number, expected[name].mean, relative, `${label} ${name} mean`, REFERENCE_FLOOR);
    const stdFloor = name === 'k1' ? 0 : relative * expected.kl;
    assertClose(actual[name].std as number, expected[name].std, relative, `${label} ${name} std`, stdFloor + REFERENCE_FLOOR);
    assertClose(actual[name].bias as number, expected[name].bias, relative, `${label} ${name} bias`, relative * expected.kl + REFERENCE_FLOOR);
  }
}

describe('kl_estimators: discrete pairs against exact decimal sums', function () {
  this.timeout(120_000);

  it('two small distributions', () => {
    const p = [0.5, 0.5];
    const q = [0.9, 0.1];
    assertTable(estimators(`kl_estimators(${list(p)}, ${list(q)})`), estimatorReference(logOfProbabilities(p), logOfProbabilities(q)), 1e-12, 'p, q');
  });

  it('two policies given by logits of ±800 (log space: no ∞, no 0)', () => {
    const x = [800, 0, -5];
    const y = [799, 1, 0];
    assertTable(estimators(`kl_estimators(softmax(${list(x)}), softmax(${list(y)}))`), estimatorReference(logSoftmax(x), logSoftmax(y)), 1e-12, 'logits');
  });

  it('q with mass where p has none: k3 is biased by minus that mass, k1 is not', () => {
    const result = estimators('kl_estimators([0.5, 0.5, 0], [0.25, 0.25, 0.5])');
    assertClose(result.k3.bias as number, -0.5, 1e-15);
    assert.equal(result.k1.bias, 0);
    assertClose(result.kl, Math.log(2), 1e-15);
  });

  it('q = 0 where p > 0: KL and every estimator are ∞, the bias undefined (null)', () => {
    const result = estimators('kl_estimators([0.5, 0.5], [1, 0])');
    assert.equal(result.kl, 'Infinity');
    assert.equal(result.k3.mean, 'Infinity');
    assert.equal(result.k2.bias, null);
  });

  it('property: any pair of logit policies matches the definition sums to 1e-12', () => {
    const logit = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.array(logit, { minLength: n, maxLength: n }), fc.array(logit, { minLength: n, maxLength: n }))),
        ([x, y]) => {
          const expected = estimatorReference(logSoftmax(x), logSoftmax(y));
          const actual = estimators(`kl_estimators(softmax(${list(x)}), softmax(${list(y)}))`);
          // k2's bias is a difference of two sums of size KL: checked to 1e-12 of KL, not of itself.
          assertTable(actual, expected, 1e-12, `${list(x)} ‖ ${list(y)}`);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('kl_estimators: two normals', function () {
  this.timeout(300_000);

  // J. Schulman, "Approximating KL Divergence" (2020): samples from q = N(0, 1), p = N(μ, 1), his
  // table of bias/true and stdev/true from simulation, printed to 1–3 digits. His KL[q, p] with
  // x ~ q is kl_estimators(q, p) here (the first argument is the sampling distribution).
  const schulman = [
    { mu: 0.1, kl: 0.005, k1: [0, 20], k2: [0.002, 1.42], k3: [0, 1.42] },
    { mu: 1, kl: 0.5, k1: [0, 2], k2: [0.25, 1.73], k3: [0, 1.7] },
  ];
  for (const row of schulman) {
    it(`reproduces Schulman's published table for p = N(${row.mu}, 1)`, () => {
      const result = estimators(`kl_estimators(normal(0, 1), normal(${row.mu}, 1))`);
      assertClose(result.kl, row.kl, 1e-12);
      for (const name of ['k1', 'k2', 'k3'] as const) {
        const [biasRatio, stdRatio] = row[name];
        // Half a unit of the last printed digit (his 0.002 is a sampled 0.0025 = μ²/8 ÷ KL·KL… rounded down).
        const digits = String(stdRatio).split('.')[1]?.length ?? 0;
        assert.ok(
          Math.abs((result[name].std as number) / row.kl - stdRatio) <= 0.5 * 10 ** -digits + 1e-9,
          `${name} std/KL = ${(result[name].std as number) / row.kl} vs ${stdRatio}`,
        );
        assert.ok(
          Math.abs((result[name].bias as number) / row.kl - biasRatio) <= 0.001 + 1e-9,
          `${name} bias/KL = ${(result[name].bias as number) / row.kl} vs ${biasRatio}`,
        );
      }
    });
  }

  it('closed forms agree with a 40-digit integral over the densities', () => {
    const cases: Array<[number, number, number, number]> = [
      [0, 1, 0.1, 1],
      [0.3, 1.2, -0.4, 1],
      [1, 0.8, 0, 1],
      [0, 1, 0, 1.3],
      [2, 2, 1, 1.5],
    ];
    for (const [mp, sp, mq, sq] of cases) {
      const actual = estimators(`kl_estimators(normal(${mp}, ${sp}), normal(${mq}, ${sq}))`);
      assertTable(actual, normalEstimatorReference(mp, sp, mq, sq), 1e-12, `N(${mp},${sp}) ‖ N(${mq},${sq})`);
    }
  });

  it('nearly equal normals: k3 by quadrature, still 1e-12 against the integral', () => {
    const result = ok('kl_estimators(normal(0, 1), normal(0.001, 1.0005))');
    assert.equal(result.estimatorMethod, 'quadrature');
    assert.ok((result.errorBound as number) > 0);
    const expected = normalEstimatorReference(0, 1, 0.001, 1.0005);
    const e = result.estimators as Record<string, KlCliEstimator>;
    assertClose(e.k3.std as number, expected.k3.std, 1e-12, 'k3 std');
    assert.ok((result.errorBound as number) <= 1e-12 * expected.k3.std);
  });

  it('k3 has infinite variance when 2σp² ≤ σq², and says why', () => {
    const result = estimators('kl_estimators(normal(0, 1), normal(0, 2))');
    assert.equal(result.k3.std, 'Infinity');
    assert.ok(Number.isFinite(result.k1.std as number));
    const note = '```kl\nE = kl_estimators(normal(0, 1), normal(0, 2))\n```\n';
    const hover = hoverAt(note, note.indexOf('kl_estimators') + 2, nats, englishText);
    assert.match(hover?.markdown ?? '', /infinite variance/);
  });

  it('other families are an error on the function name', () => {
    const error = fails('kl_estimators(exponential(1), exponential(2))');
    assert.equal(error.code, 'kl.unsupported');
    assert.equal(error.offset, 0);
  });
});

describe('kl_estimators: hover and card', () => {
  const note = ['```kl', 'P = normal(0, 1)', 'Q = normal(0.1, 1)', 'kl_estimators(P, Q)', '```', ''].join('\n');

  it('the hover shows the true KL, the k1/k2/k3 table and a verdict', () => {
    const hover = hoverAt(note, note.indexOf('kl_estimators') + 3, nats, englishText);
    const markdown = hover?.markdown ?? '';
    assert.match(markdown, /D\\_KL\(P ‖ Q\) = 0\.005 nats/);
    for (const name of ['k1', 'k2', 'k3']) assert.match(markdown, new RegExp(`\\| ${name} \\|`));
    assert.match(markdown, /\| k1 \| −ln r \| 0\.005 \| 0 \| 0\.1 \| 20 \|/);
    assert.match(markdown, /Verdict: k3 is unbiased with 14\.1× lower standard deviation than k1/);
  });
});
