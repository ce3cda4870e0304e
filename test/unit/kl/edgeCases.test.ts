import * as assert from 'node:assert/strict';
import type { Statement } from '../../../src/core/kl/ast';
import { EvalContext, WorkBudget } from '../../../src/core/kl/context';
import { evaluateStatement } from '../../../src/core/kl/evaluator';
import { MAX_STATEMENT_CHARS, MAX_VECTOR_LENGTH } from '../../../src/core/kl/limits';
import { KlError } from '../../../src/core/kl/messages';
import { parseProgram } from '../../../src/core/kl/parser';
import { fails, nats, offsetOf, ok, strict, value } from './helpers';

describe('kl edge cases', () => {
  it('0·log 0 = 0: outcomes p does not use cost nothing', () => {
    assert.equal(value('kl([0, 1], [0.5, 0.5])'), Math.log(2));
    assert.equal(value('entropy([0, 0, 1])'), 0);
    assert.equal(value('cross_entropy([0, 1], [0, 1])'), 0);
  });

  it('q = 0 < p gives +∞ and names the offending outcome', () => {
    const result = ok('kl([0.5, 0.5], [1, 0])');
    assert.equal(result.value, 'Infinity');
    assert.equal(result.bits, 'Infinity');
    assert.deepEqual(result.infinite, { outcome: '#2', p: 0.5 });
    const labelled = ok('kl({cat: 0.3, dog: 0.7}, {cat: 1, dog: 0})');
    assert.deepEqual(labelled.infinite, { outcome: 'dog', p: 0.7 });
    // The reverse direction stays finite: the asymmetry the hover shows.
    assert.equal(labelled.reverse?.nats, -Math.log(0.3));
  });

  it('negative, NaN and infinite entries are errors at the entry', () => {
    const expression = 'kl([0.5, -0.25, 0.75], [0.3, 0.3, 0.4])';
    const error = fails(expression);
    assert.equal(error.code, 'kl.negative');
    assert.equal(error.offset, offsetOf(expression, '-0.25'));
    assert.equal(error.end, offsetOf(expression, '-0.25') + 5);
    assert.match(error.message, /#2/);
    const nan = fails('kl([0.5, 0 * inf], [0.5, 0.5])');
    assert.equal(nan.code, 'kl.nan');
    assert.equal(nan.offset, 9);
    assert.equal(fails('entropy([inf, 1])').code, 'kl.not-finite');
  });

  it('an invalid entry of a named list is reported at the argument that uses it', () => {
    const expression = 'p = [0.5, -0.5]; kl(p, [0.5, 0.5])';
    const error = fails(expression);
    assert.equal(error.code, 'kl.negative');
    assert.equal(error.offset, offsetOf(expression, 'p, ['));
    assert.equal(error.end, error.offset + 1);
  });

  it('empty distributions are errors', () => {
    const error = fails('entropy([])');
    assert.equal(error.code, 'kl.empty');
    assert.equal(error.offset, 8);
    assert.equal(fails('kl_estimate([], [])').code, 'kl.empty');
    assert.equal(fails('kl([0, 0], [0.5, 0.5])').code, 'kl.zero-sum');
  });

  it('mismatched lengths point at q', () => {
    const expression = 'kl([0.5, 0.5], [0.2, 0.3, 0.5])';
    const error = fails(expression);
    assert.equal(error.code, 'kl.length-mismatch');
    assert.equal(error.offset, offsetOf(expression, '[0.2'));
    assert.equal(error.end, expression.length - 1);
  });

  it('mismatched labels point at the foreign label or the argument lacking one', () => {
    const extra = 'kl({a: 0.5, b: 0.5}, {a: 0.5, c: 0.5})';
    const error = fails(extra);
    assert.equal(error.code, 'kl.label-mismatch');
    assert.equal(error.offset, offsetOf(extra, 'c:'));
    assert.match(error.message, /“b”|“c”/);
    const mixed = 'kl({a: 0.5, b: 0.5}, [0.5, 0.5])';
    const mixedError = fails(mixed);
    assert.equal(mixedError.code, 'kl.label-mismatch');
    assert.equal(mixedError.offset, offsetOf(mixed, '[0.5'));
    assert.equal(fails('kl({a: 1, a: 2}, {a: 1})').code, 'kl.duplicate-label');
  });

  it('sums off 1 by more than 1e-9 warn (strict: fail) and use the normalised input', () => {
    const expression = 'kl([1, 1], [0.9, 0.1])';
    const result = ok(expression);
    assert.equal(result.value, value('kl([0.5, 0.5], [0.9, 0.1])'));
    assert.equal(result.warnings.length, 1);
    assert.equal(result.warnings[0].code, 'kl.unnormalized');
    assert.equal(result.warnings[0].offset, 3);
    assert.match(result.warnings[0].message, /sums to 2/);
    const error = fails(expression, strict);
    assert.equal(error.code, 'kl.unnormalized');
    assert.equal(error.offset, 3);
    // Within the tolerance: no warning.
    assert.deepEqual(ok('kl([0.5, 0.5 + 1e-10], [0.9, 0.1])').warnings, []);
    assert.equal(ok('kl([0.5, 0.5 + 2e-9], [0.9, 0.1])').warnings.length, 1);
    // An explicit normalize() is intent, not a mistake: no warning even when strict.
    assert.deepEqual(ok('kl(normalize([3, 1, 1]), [0.6, 0.2, 0.2])', strict).warnings, []);
    assert.equal(value('kl(normalize([3, 1, 1]), [0.6, 0.2, 0.2])'), 0);
  });

  it('softmax of logits like 1000 neither overflows nor loses the answer', () => {
    assert.equal(value('kl(softmax([1000, 999, 998]), softmax([2, 1, 0]))') < 1e-15, true);
    const probabilities = ok('softmax([1000, 0])').value as number[];
    assert.deepEqual(probabilities, [1, 0]);
    assert.ok(Number.isFinite(value('entropy(softmax([1000, 1000, -1000]))')));
    assert.equal(value('entropy(softmax([1000, 1000]))'), Math.log(2));
    assert.equal(value('kl(softmax([-inf, 0]), [0.5, 0.5])'), Math.log(2));
  });

  it('uniform(n), softmax temperature and bernoulli build the expected distributions', () => {
    assert.equal(value('entropy(uniform(4))'), Math.log(4));
    assert.deepEqual(ok('softmax([0, 0], 10)').value, [0.5, 0.5]);
    assert.deepEqual(ok('bernoulli(0.25)').value, [0.75, 0.25]);
    assert.equal(fails('bernoulli(1.5)').code, 'kl.domain');
    assert.equal(fails('uniform(2.5)').code, 'kl.domain');
    assert.equal(fails('normal(0, 0)').code, 'kl.domain');
    assert.equal(fails('normal(0, -1)').offset, 10);
  });

  it('kl between different families is an error at q', () => {
    const expression = 'kl(normal(0, 1), [0.5, 0.5])';
    const error = fails(expression);
    assert.equal(error.code, 'kl.family-mismatch');
    assert.equal(error.offset, offsetOf(expression, '[0.5'));
    assert.equal(fails('kl(normal(0, 1), poisson(2))').code, 'kl.family-mismatch');
    assert.equal(fails('js(normal(0, 1), normal(0, 2))').code, 'kl.unsupported');
  });

  it('KL estimators k1, k2, k3 with mean and standard error', () => {
    const logp = [-1, -2, -0.5, -1.5];
    const logq = [-1.2, -1.9, -0.7, -1.1];
    const ratios = logp.map((lp, i) => logq[i] - lp);
    const estimators = {
      k1: ratios.map((r) => -r),
      k2: ratios.map((r) => 0.5 * r * r),
      k3: ratios.map((r) => Math.exp(r) - 1 - r),
    };
    for (const [method, samples] of Object.entries(estimators)) {
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples.length - 1);
      const result = ok(`kl_estimate([${logp}], [${logq}], "${method}")`);
      assert.ok(Math.abs((result.value as number) - mean) < 1e-15, method);
      assert.ok(Math.abs((result.standardError as number) - Math.sqrt(variance / samples.length)) < 1e-15, method);
      assert.equal(result.samples, 4);
    }
    assert.equal(ok(`kl_estimate([${logp}], [${logq}])`).method, 'k3');
    assert.equal(ok('kl_estimate([-1], [-1.5])').standardError, null);
    assert.equal(fails('kl_estimate([-1, -2], [-1])').code, 'kl.length-mismatch');
    const bad = 'kl_estimate([-1, -2], [-1, -2], "k4")';
    assert.equal(fails(bad).offset, offsetOf(bad, '"k4"'));
    assert.equal(fails('kl_estimate([-1, -inf], [-1, -2])').code, 'kl.domain');
    assert.equal(ok('kl_estimate([-1, -2], [-1, -inf], "k1")').value, 'Infinity');
  });

  it('k3 keeps precision when p ≈ q (expm1 − x cancels)', () => {
    const result = ok('kl_estimate([-1], [-1 + 1e-9], "k3")');
    assert.ok(Math.abs((result.value as number) / 5e-19 - 1) < 1e-6);
  });

  it('size limits give clear errors instead of freezing', function () {
    this.timeout(20000);
    const longExpression = `entropy([${'1, '.repeat(MAX_STATEMENT_CHARS / 3)}1])`;
    const tooLong = fails(longExpression);
    assert.equal(tooLong.code, 'kl.too-long');
    const tooLarge = fails(`uniform(${MAX_VECTOR_LENGTH + 1})`);
    assert.equal(tooLarge.code, 'kl.too-large');
    assert.equal(tooLarge.offset, 8);
    assert.equal(value(`entropy(uniform(${MAX_VECTOR_LENGTH}))`).toFixed(9), Math.log(MAX_VECTOR_LENGTH).toFixed(9));
    const deep = `${'('.repeat(500)}1${')'.repeat(500)}`;
    assert.equal(fails(deep).code, 'kl.too-deep');
    const longSum = Array.from({ length: 20000 }, () => '1').join('+');
    assert.equal(value(longSum), 20000);
  });

  it('the work budget is shared by the statements of a note and stops them with kl.budget', () => {
    const budget = new WorkBudget(10);
    const lookup = () => undefined;
    const run = (source: string) => {
      const [parsed] = parseProgram(source, 0);
      return evaluateStatement(parsed.statement as Statement, new EvalContext(lookup, nats, budget, source));
    };
    assert.equal(run('uniform(6)').kind, 'discrete');
    assert.throws(
      () => run('uniform(6)'),
      (error: unknown) => error instanceof KlError && error.detail.code === 'kl.budget' && error.detail.start === 0,
    );
  });

  it('arithmetic: precedence, lists element-wise, measures as numbers, typographic operators', () => {
    assert.equal(value('1 + 2 * 3 ^ 2'), 19);
    assert.equal(value('-2 ^ 2'), -4);
    assert.equal(value('2 ^ -1'), 0.5);
    assert.equal(value('1 − 0.1 · 2'), 0.8);
    assert.deepEqual(ok('[1, 2, 3] / 6').value, [1 / 6, 2 / 6, 3 / 6]);
    assert.equal(value('L = 1.5; β = 0.1; L − β · kl([0.5, 0.5], [0.9, 0.1])'), 1.5 - 0.1 * value('kl([0.5, 0.5], [0.9, 0.1])'));
    assert.equal(fails('1 / 0').code, 'kl.domain');
    assert.equal(fails('log(-1)').code, 'kl.nan');
    assert.equal(fails('kl = 3').code, 'kl.reserved');
  });

  it('unknown names and functions suggest the closest one', () => {
    assert.match(fails('entropyy([1])').message, /entropy/);
    assert.match(fails('kl(p, q)').message, /“p” is not defined/);
    assert.equal(fails('kl(p, q)').offset, 3);
  });
});
