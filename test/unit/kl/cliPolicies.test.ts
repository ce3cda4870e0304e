/**
 * `mathpost eval --format json` for kl_estimators and per-token kl, run as a user runs it (dist/cli.js),
 * checked against closed forms derived here, independently of the code: for x ~ N(0, 1) and
 * q = N(μ, 1), ln r = μx − μ²/2 ~ N(−μ²/2, μ²), so by Gaussian moments and Stein's lemma
 * (Cov(e^Y, Y) = Var Y · E e^Y): KL = μ²/2, std k1 = μ, E k2 = (μ² + μ⁴/4)/2,
 * std k2 = √(2μ⁴ + μ⁶)/2, std k3 = √(e^{μ²} − 1 − μ²).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { assertClose } from './helpers';
import { klReference, logSoftmax } from './decimalReference';

const root = join(__dirname, '..', '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');

function evalJson(expression: string): Record<string, unknown> {
  const result = spawnSync(process.execPath, [cli, 'eval', expression, '--format', 'json'], { encoding: 'utf8', cwd: root });
  assert.equal(result.status, 0, result.stderr + result.stdout);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('mathpost eval --format json: kl_estimators and per-token kl', function () {
  this.timeout(60_000);

  for (const mu of [0.1, 1, 2]) {
    it(`kl_estimators(normal(0, 1), normal(${mu}, 1)) matches the closed forms`, () => {
      const json = evalJson(`kl_estimators(normal(0, 1), normal(${mu}, 1))`);
      assert.deepEqual(
        Object.keys(json).filter((key) => ['kind', 'kl', 'estimators', 'unit', 'warnings'].includes(key)),
        ['kind', 'kl', 'estimators', 'unit', 'warnings'],
      );
      assert.equal(json.kind, 'estimators');
      assert.equal(json.unit, 'nats');
      assert.deepEqual(json.warnings, []);
      const kl = (mu * mu) / 2;
      const e = json.estimators as Record<string, { mean: number; bias: number; std: number }>;
      assertClose(json.kl as number, kl, 1e-12, 'KL');
      assertClose(e.k1.mean, kl, 1e-12, 'k1 mean');
      assert.equal(e.k1.bias, 0);
      assertClose(e.k1.std, mu, 1e-12, 'k1 std');
      const k2Mean = (mu * mu + mu ** 4 / 4) / 2;
      assertClose(e.k2.mean, k2Mean, 1e-12, 'k2 mean');
      assertClose(e.k2.bias, mu ** 4 / 8, 1e-12, 'k2 bias = μ⁴/8');
      assertClose(e.k2.std, Math.sqrt(2 * mu ** 4 + mu ** 6) / 2, 1e-12, 'k2 std');
      assertClose(e.k3.mean, kl, 1e-12, 'k3 mean');
      assert.equal(e.k3.bias, 0);
      // e^{μ²} − 1 − μ² by its series: the closed form itself cancels for small μ.
      let series = 0;
      let term = mu * mu;
      for (let k = 2; k < 40; k++) {
        term *= (mu * mu) / k;
        series += term;
      }
      assertClose(e.k3.std, Math.sqrt(series), 1e-12, 'k3 std');
    });
  }

  it('per-token kl gives perToken, sum and mean in nats', () => {
    const P = [
      [800, 0, 0],
      [1, 2, 3],
    ];
    const Q = [
      [0, 0, 800],
      [1, 2, 3.5],
    ];
    const json = evalJson('kl(softmax([[800, 0, 0], [1, 2, 3]]), softmax([[0, 0, 800], [1, 2, 3.5]]))');
    assert.equal(json.kind, 'tokens');
    assert.equal(json.unit, 'nats');
    const expected = P.map((row, t) => klReference(logSoftmax(row), logSoftmax(Q[t])));
    (json.perToken as number[]).forEach((x, t) => assertClose(x, expected[t], 1e-12, `token ${t}`));
    assertClose(json.sum as number, expected[0] + expected[1], 1e-12, 'sum');
    assertClose(json.mean as number, (expected[0] + expected[1]) / 2, 1e-12, 'mean');
  });

  it('the issue example prints 800 nats, not Infinity', () => {
    const json = evalJson('kl(softmax([800, 0, 0]), softmax([0, 0, 800]))');
    assertClose(json.value as number, klReference(logSoftmax([800, 0, 0]), logSoftmax([0, 0, 800])), 1e-12);
  });
});
