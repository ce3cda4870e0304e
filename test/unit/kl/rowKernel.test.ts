import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { logProbabilitiesOf } from '../../../src/core/kl/logSpace';
import { rowKl, rowScratch } from '../../../src/core/kl/rowKernel';
import { assertClose, ok } from './helpers';
import { REFERENCE_FLOOR, klReference, logSoftmax } from './decimalReference';

/**
 * The one-exponential per-token kernel against 250-digit decimals. It is called directly (and
 * must not decline these rows), so a fault in it cannot hide behind the general kernel it falls back to.
 */
const REL = 1e-12;

function kernel(x: number[], y: number[], tp = 1, tq = tp): number | undefined {
  const width = Math.max(x.length, 3);
  return rowKl(logProbabilitiesOf(Float64Array.from(x), tp), logProbabilitiesOf(Float64Array.from(y), tq), rowScratch(width));
}

function expectExact(x: number[], y: number[], tp: number, tq: number, label: string): void {
  const actual = kernel(x, y, tp, tq);
  assert.notEqual(actual, undefined, `${label}: the row kernel declined a finite row`);
  assertClose(actual as number, klReference(logSoftmax(x, tp), logSoftmax(y, tq)), REL, label, REFERENCE_FLOOR);
}

describe('per-token row kernel (one exponential per entry) against 250-digit decimals', function () {
  this.timeout(300_000);

  it('exact on rows where the series alone serves (|b| ≤ ¼), across block boundaries', () => {
    // 300 entries: more than one block of 256, with a PPO-step-sized change.
    const x = Array.from({ length: 300 }, (_, i) => 4 * Math.sin(i * 0.7) + (i % 7) * 0.3);
    const y = x.map((v, i) => v + 0.05 * Math.cos(i * 1.3));
    expectExact(x, y, 1, 1, 'PPO-sized step');
    expectExact(x, y, 0.5, 0.5, 'PPO-sized step at T = 0.5');
  });

  it('exact where some log-ratios are beyond ½ (the exponential branch) and for different temperatures', () => {
    expectExact([1e4, 9999.5, -1e4, 3], [9999.25, 1e4, 0, 2.5], 1, 1, 'close leaders, far tail');
    expectExact([1, 2, 3], [1, 2.5, 2.9], 1e-3, 1e-3, 'T = 1e-3');
    expectExact([0, 1, 2, 30], [0, 1, 2, -30], 1, 1, 'tail outcome moved by 60 nats');
    expectExact([0.3, -1, 2], [0.1, 0.4, -2], 0.7, 1.9, 'different temperatures');
    // KL ≈ 3e-268 while the centre is only known to ~1e-150: B must never meet G in a subtraction.
    expectExact([0, 0, 0], [0, 0, 5.265942001547252e-137], 1, 1e-3, 'tiny KL beside a rounding-level B');
    // A centre of 800 nats could overflow e^{s}: declined, left to the general kernel.
    assert.equal(kernel([800, 0, 0], [0, 0, 800]), undefined);
  });

  it('nearly equal policies keep 12 digits (KL of the order of the perturbation squared)', () => {
    const base = Array.from({ length: 270 }, (_, i) => 1e4 - i * 0.01);
    for (const scale of [1e-3, 1e-7, 1e-11]) {
      const moved = base.map((v, i) => v + scale * Math.sin(i * 2.1));
      expectExact(base, moved, 1, 1, `moved by ${scale}`);
    }
  });

  it('declines rows with a −inf logit (exact zeros go to the general kernel) and identical rows give 0', () => {
    assert.equal(kernel([0, -Infinity, 1], [0, 1, 1]), undefined);
    assert.equal(kernel([0, 1, 1], [0, -Infinity, 1]), undefined);
    assert.equal(kernel([3, 1, -2], [3, 1, -2]), 0);
  });

  it('property: any finite logits up to ±1e4, T ≥ 1e-3: relative error ≤ 1e-12 (fast-check)', () => {
    const logit = fc.oneof(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.integer({ min: -20, max: 20 }));
    const temperature = fc.oneof(fc.constant(1), fc.constant(1e-3), fc.double({ min: 1e-3, max: 10, noNaN: true }));
    const rows = fc
      .integer({ min: 1, max: 8 })
      .chain((n) => fc.tuple(fc.array(logit, { minLength: n, maxLength: n }), fc.array(logit, { minLength: n, maxLength: n })));
    fc.assert(
      fc.property(rows, temperature, temperature, ([x, y], tp, tq) => {
        const label = `x=${x} y=${y} Tp=${tp} Tq=${tq}`;
        const actual = kernel(x, y, tp, tq);
        const expected = klReference(logSoftmax(x, tp), logSoftmax(y, tq));
        // Only extreme shifts (|centre| > 700 nats) may be declined.
        if (actual === undefined) assert.ok(expected > 100, `${label}: declined a row with KL ${expected}`);
        else assertClose(actual, expected, REL, label, REFERENCE_FLOOR);
      }),
      { numRuns: 100 },
    );
  });

  it('property: small perturbations of wide rows (the per-token case): relative error ≤ 1e-12 (fast-check)', () => {
    const rows = fc.tuple(
      fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 2, maxLength: 80 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 1_000_000 }),
    );
    fc.assert(
      fc.property(rows, ([x, digits, seed]) => {
        const y = x.map((v, i) => v + 10 ** -digits * Math.sin(seed + i * 1.7));
        expectExact(x, y, 1, 1, `x=${x} digits=${digits} seed=${seed}`);
      }),
      { numRuns: 40 },
    );
  });

  it('kl over matrices uses it: per-token values agree with the reference', () => {
    const P = [
      [2, 1, 0.1, -0.5],
      [0.5, 0.25, 0, 4],
    ];
    const Q = [
      [2.01, 0.98, 0.1, -0.52],
      [0.5, 0.3, 0.1, 3.5],
    ];
    const matrix = (rows: number[][]) => `[${rows.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
    const result = ok(`kl(softmax(${matrix(P)}), softmax(${matrix(Q)}))`);
    const perToken = result.perToken as number[];
    P.forEach((row, t) => assertClose(perToken[t], klReference(logSoftmax(row), logSoftmax(Q[t])), REL, `token ${t}`));
  });
});
