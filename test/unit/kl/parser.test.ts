import * as assert from 'node:assert/strict';
import type { Expr } from '../../../src/core/kl/ast';
import { parseProgram, parseSingleExpression } from '../../../src/core/kl/parser';

function expression(source: string, base = 0): Expr {
  const parsed = parseSingleExpression(source, base);
  assert.ok(parsed.expr, parsed.error?.detail.template);
  return parsed.expr;
}

describe('kl parser', () => {
  it('gives every node offsets into the whole note', () => {
    const base = 100;
    const source = 'kl([0.5, 0.5], {a: 1})';
    const call = expression(source, base);
    assert.equal(call.type, 'call');
    if (call.type !== 'call') return;
    assert.deepEqual([call.start, call.end], [base, base + source.length]);
    assert.deepEqual(call.calleeSpan, { start: base, end: base + 2 });
    const [list, labelled] = call.args;
    assert.deepEqual([list.start, list.end], [base + 3, base + 13]);
    assert.equal(labelled.type, 'labelled');
    if (labelled.type !== 'labelled') return;
    assert.deepEqual(labelled.entries[0].labelSpan, { start: base + 16, end: base + 17 });
    assert.deepEqual([labelled.entries[0].value.start, labelled.entries[0].value.end], [base + 19, base + 20]);
  });

  it('splits statements at newlines and semicolons, not inside brackets, and skips comments', () => {
    const source = '# comment\np = [0.5,\n     0.5]  # trailing\nq = [1, 0]; kl(p, q)\n';
    const statements = parseProgram(source, 0);
    assert.equal(statements.length, 3);
    assert.deepEqual(
      statements.map((s) => s.statement?.type),
      ['assign', 'assign', 'expression'],
    );
    assert.equal(source.slice(statements[0].start, statements[0].end), 'p = [0.5,\n     0.5]');
    assert.equal(source.slice(statements[2].start, statements[2].end), 'kl(p, q)');
  });

  it('reports syntax errors at the offending token and keeps the other statements', () => {
    const source = 'p = [0.5, 0.5\nq = [1 0]\nr = 3 $ 4\nok = 1';
    const statements = parseProgram(source, 10);
    const errors = statements.map((s) => s.error?.detail);
    assert.equal(statements.length, 4);
    // The unclosed '[' spoils only its own statement; its error points at the bracket.
    assert.equal(errors[0]?.code, 'kl.syntax');
    assert.equal(errors[0]?.start, 10 + source.indexOf('['));
    assert.equal(errors[1]?.start, 10 + source.indexOf('0]'));
    const dollar = statements.find((s) => s.error?.detail.template.startsWith('Unexpected character'));
    assert.equal(dollar?.error?.detail.start, 10 + source.indexOf('$'));
    assert.ok(statements.some((s) => s.statement?.type === 'assign' && s.statement.name === 'ok'));
  });

  it('binds ^ tighter than unary minus and is right-associative', () => {
    const power = expression('-2^3^2');
    assert.equal(power.type, 'unary');
    if (power.type !== 'unary') return;
    assert.equal(power.operand.type, 'binary');
    if (power.operand.type !== 'binary') return;
    assert.equal(power.operand.right.type, 'binary');
  });

  it('accepts typographic operators and full-width punctuation', () => {
    const parsed = parseSingleExpression('kl（[0.5，0.5]， [0.9，0.1]） · 2 − 1', 0);
    assert.ok(parsed.expr, parsed.error?.detail.template);
  });

  it('rejects duplicate labels and unterminated strings with positions', () => {
    const duplicate = parseSingleExpression('{a: 1, a: 2}', 0);
    assert.equal(duplicate.error?.detail.code, 'kl.duplicate-label');
    assert.equal(duplicate.error?.detail.start, 7);
    const unterminated = parseSingleExpression('kl_estimate(a, b, "k3)', 0);
    assert.equal(unterminated.error?.detail.code, 'kl.syntax');
    assert.equal(unterminated.error?.detail.start, 18);
  });

  it('stops at the nesting limit instead of overflowing the stack', () => {
    const parsed = parseSingleExpression('['.repeat(10000) + ']'.repeat(10000), 0);
    assert.equal(parsed.error?.detail.code, 'kl.too-deep');
  });
});

describe('kl parser fast path for lists of plain numbers', () => {
  it('reads them into one numeric node with the values the general path gives', () => {
    const source = '[0.25, .5,\n  1e-1, −2, +3,]';
    const node = expression(source, 7);
    assert.equal(node.type, 'numbers');
    if (node.type !== 'numbers') return;
    assert.deepEqual([...node.values], [0.25, 0.5, 0.1, -2, 3]);
    assert.deepEqual([node.start, node.end], [7, 7 + source.length]);
    assert.deepEqual(node.entrySpan(3), { start: 7 + source.indexOf('−2'), end: 7 + source.indexOf('−2') + 2 });
    assert.deepEqual(node.entrySpan(2), { start: 7 + source.indexOf('1e-1'), end: 7 + source.indexOf('1e-1') + 4 });
    assert.equal(node.entrySpan(5), undefined);
  });

  it('leaves anything else to the general path', () => {
    for (const source of ['[]', '[1, x]', '[2^2, 1]', '[1, 2 # note\n]', '[1e999, 1]', '[1 - 2]', '[[1], 2]']) {
      const parsed = parseSingleExpression(source, 0);
      assert.notEqual(parsed.expr?.type, 'numbers', source);
    }
    const nested = expression('[[1, 2], [3]]');
    assert.equal(nested.type, 'list');
    if (nested.type === 'list')
      assert.deepEqual(
        nested.items.map((item) => item.type),
        ['numbers', 'numbers'],
      );
  });

  it('reports a list in the wrong place at its bracket', () => {
    const parsed = parseSingleExpression('x [1, 2]', 0);
    assert.equal(parsed.error?.detail.start, 2);
    assert.equal(parsed.error?.detail.end, 3);
    assert.match(parsed.error?.detail.args.join(' ') ?? '', /\[/);
  });
});
