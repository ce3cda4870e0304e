import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateForCli } from '../../../src/core/kl/cliEval';
import { nats } from './helpers';

const fixture = readFileSync(join(__dirname, '../../../../test/fixtures/kl/policy-kl.md'), 'utf8');

describe('kl evaluateForCli (the CLI eval JSON)', () => {
  it('returns value, unit, bits and warnings for a divergence', () => {
    const result = evaluateForCli('kl([0.5, 0.5], [0.9, 0.1])', undefined, nats);
    assert.ok(!('error' in result));
    assert.equal(result.unit, 'nats');
    assert.equal(typeof result.value, 'number');
    assert.equal(result.bits, (result.value as number) / Math.LN2 === result.bits ? result.bits : (result.value as number) * Math.LOG2E);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'the result is plain JSON');
  });

  it('writes ∞ as the string "Infinity"', () => {
    const result = evaluateForCli('kl([0.5, 0.5], [1, 0])', undefined, nats);
    assert.ok(!('error' in result));
    assert.equal(result.value, 'Infinity');
    assert.equal(result.bits, 'Infinity');
    assert.equal(JSON.parse(JSON.stringify(result)).value, 'Infinity');
  });

  it('with unit bits: the value is in bits and nats is given too', () => {
    const result = evaluateForCli('entropy([0.5, 0.5])', undefined, { unit: 'bits', strict: false });
    assert.ok(!('error' in result));
    assert.equal(result.unit, 'bits');
    assert.equal(result.value, 1);
    assert.equal(result.nats, Math.LN2);
  });

  it('errors carry a message and the offset in the expression', () => {
    const result = evaluateForCli('kl([0.5, 0.5], [0.5, -0.5])', undefined, nats);
    assert.ok('error' in result);
    assert.equal(result.error.offset, 21);
    assert.equal(result.error.code, 'kl.negative');
    assert.match(result.error.message, /negative/);
    const syntax = evaluateForCli('kl([0.5, 0.5]', undefined, nats);
    assert.ok('error' in syntax);
    assert.equal(syntax.error.offset, 2);
    const empty = evaluateForCli('  ', undefined, nats);
    assert.ok('error' in empty);
  });

  it('uses the names of a context note', () => {
    const result = evaluateForCli('kl(pi_theta, pi_ref)', fixture, nats);
    assert.ok(!('error' in result));
    const direct = evaluateForCli('kl([0.1, 0.6, 0.2, 0.1], uniform(4))', undefined, nats);
    assert.ok(!('error' in direct));
    assert.ok(Math.abs((result.value as number) - (direct.value as number)) < 1e-15);
    const withoutContext = evaluateForCli('kl(pi_theta, pi_ref)', undefined, nats);
    assert.ok('error' in withoutContext);
    assert.equal(withoutContext.error.code, 'kl.undefined-name');
  });

  it('reports non-information values with unit null', () => {
    const numbers = evaluateForCli('1 + 2', undefined, nats);
    assert.ok(!('error' in numbers));
    assert.deepEqual([numbers.kind, numbers.value, numbers.unit], ['number', 3, null]);
    const distribution = evaluateForCli('normalize({a: 3, b: 1})', undefined, nats);
    assert.ok(!('error' in distribution));
    assert.deepEqual(distribution.value, { a: 0.75, b: 0.25 });
    const tv = evaluateForCli('tv([1, 0], [0, 1])', undefined, nats);
    assert.ok(!('error' in tv));
    assert.deepEqual([tv.value, tv.unit], [1, null]);
  });
});
