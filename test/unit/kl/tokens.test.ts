import * as assert from 'node:assert/strict';
import { klCardForFence } from '../../../src/core/kl/card';
import { hoverAt } from '../../../src/core/kl/hover';
import { englishText } from '../../../src/core/text';
import { assertClose, fails, nats, ok, value } from './helpers';
import { klReference, logOfProbabilities, logSoftmax } from './decimalReference';

const matrix = (rows: number[][]) => `[${rows.map((row) => `[${row.map(String).join(', ')}]`).join(', ')}]`;

describe('per-token kl of two policies (issue #12)', function () {
  this.timeout(60_000);
  const P = [
    [1e4, 0, -1e4],
    [2, 1, 0.1],
    [0, 0, 0],
    [800, 0, 0],
  ];
  const Q = [
    [0, 1e4, -1e4],
    [2, 1.5, 0.1],
    [0, 0, 1e-9],
    [0, 0, 800],
  ];
  const expected = P.map((row, t) => klReference(logSoftmax(row), logSoftmax(Q[t])));
  const expression = `kl(softmax(${matrix(P)}), softmax(${matrix(Q)}))`;

  it('gives each token its KL (log space, exact), their sum and their mean', () => {
    const result = ok(expression);
    assert.equal(result.kind, 'tokens');
    assert.equal(result.unit, 'nats');
    const perToken = result.perToken as number[];
    assert.equal(perToken.length, 4);
    perToken.forEach((x, t) => assertClose(x, expected[t], 1e-12, `token ${t}`));
    const total = expected.reduce((a, b) => a + b, 0);
    assertClose(result.sum as number, total, 1e-12, 'sum');
    assertClose(result.mean as number, total / 4, 1e-12, 'mean');
  });

  it('sum, mean, indexing and β· work on the result', () => {
    const total = expected.reduce((a, b) => a + b, 0);
    assertClose(value(`sum(${expression})`), total, 1e-12);
    assertClose(value(`mean(${expression})`), total / 4, 1e-12);
    assertClose(value(`${expression}[1]`), expected[1], 1e-12);
    assertClose(value(`${expression}[-1]`), expected[3], 1e-12);
    const penalties = ok(`0.1 * ${expression}`).value as number[];
    penalties.forEach((x, t) => assertClose(x, 0.1 * expected[t], 1e-12));
    assertClose(value(`softmax(${matrix(P)})[1][0]`), Math.exp((logSoftmax(P[1])[0] as { toNumber(): number }).toNumber()), 1e-12);
  });

  it('rows of probabilities work too, matched by position', () => {
    const p = [
      [0.5, 0.5],
      [0.9, 0.1],
    ];
    const q = [
      [0.9, 0.1],
      [0.5, 0.5],
    ];
    const result = ok(`kl(${matrix(p)}, ${matrix(q)})`);
    (result.perToken as number[]).forEach((x, t) => assertClose(x, klReference(logOfProbabilities(p[t]), logOfProbabilities(q[t])), 1e-12));
  });

  it('a token with q = 0 < p is ∞ and named', () => {
    const result = ok('kl([[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5], [1, 0]])');
    assert.deepEqual((result.perToken as unknown[])[1], 'Infinity');
    assert.equal(result.infinite?.token, 1);
    assert.equal(result.infinite?.outcome, '#2');
  });

  it('rows of different lengths: an error placed on the offending row', () => {
    const source = 'kl(softmax([[1, 2, 3], [4, 5], [6, 7, 8]]), softmax([[1, 2, 3], [4, 5, 6], [6, 7, 8]]))';
    const error = fails(source);
    assert.equal(error.code, 'kl.ragged-rows');
    assert.equal(source.slice(error.offset, error.end), '[4, 5]');
    assert.match(error.message, /Row 2 has 2 entries but row 1 has 3/);
  });

  it('the two policies over different vocabularies: the error is on the row of q', () => {
    const source = 'kl(softmax([[1, 2, 3], [4, 5, 6]]), softmax([[1, 2], [4, 5]]))';
    const error = fails(source);
    assert.equal(error.code, 'kl.ragged-rows');
    assert.equal(source.slice(error.offset, error.end), '[1, 2]');
    assert.match(error.message, /Token 0 has 3 outcomes/);
  });

  it('different numbers of tokens, a bad logit in a row, an index out of range: errors where they are', () => {
    const count = 'kl(softmax([[1, 2], [3, 4]]), softmax([[1, 2]]))';
    const e1 = fails(count);
    assert.equal(e1.code, 'kl.length-mismatch');
    assert.equal(count.slice(e1.offset, e1.end), 'softmax([[1, 2]])');
    const nan = 'softmax([[1, 2], [3, inf]])';
    const e2 = fails(nan);
    assert.equal(nan.slice(e2.offset, e2.end), 'inf');
    const range = `${expression}[4]`;
    const e3 = fails(range);
    assert.equal(e3.code, 'kl.index-range');
    assert.equal(range.slice(e3.offset, e3.end), '4');
  });
});

describe('per-token kl: hover and card', () => {
  const note = ['```kl', 'A = softmax([[1, 2, 3], [0, 0, 0], [5, 1, 0]])', 'B = softmax([[1, 2, 3.5], [5, 0, 0], [5, 1, 0.1]])', 'kl(A, B)', '```', ''].join(
    '\n',
  );

  it('the hover shows the sequence KL, a bar chart (SVG) and the largest tokens', () => {
    const hover = hoverAt(note, note.indexOf('kl(A, B)') + 1, nats, englishText);
    const markdown = hover?.markdown ?? '';
    assert.match(markdown, /Sequence KL Σₜ D\\_KL\(pₜ ‖ qₜ\) = 2\.27\d* nats over 3 tokens/);
    const image = /!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(markdown);
    assert.ok(image, 'an SVG image');
    const svg = Buffer.from(image[1], 'base64').toString('utf8');
    assert.equal((svg.match(/<rect /g) ?? []).length, 3, 'one bar per token');
    assert.match(svg, />t1</, 'the largest token is named');
    // The largest first: t1 (≈ 2.248) then t0 (≈ 0.026).
    assert.match(markdown, /\| t1 \| 2\.248\d* \| 98\.\d+% \|\n\| t0 \|/);
  });

  it('the card shows the chart with classes only (strict CSP) and the table', () => {
    const html = klCardForFence(note, 0, '', englishText) ?? '';
    assert.match(html, /class="mp-kl-token-chart"/);
    assert.equal((html.match(/class="mp-kl-token-(bar|top)"/g) ?? []).length, 3);
    assert.match(html, /<td>t1<\/td><td>2\.248/);
    const attributes = new Set([...html.matchAll(/\s([a-z-]+)="/g)].map((m) => m[1]));
    assert.deepEqual([...attributes].sort(), ['class', 'height', 'width', 'x', 'y']);
  });
});
