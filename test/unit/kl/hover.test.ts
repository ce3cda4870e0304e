import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hoverAt } from '../../../src/core/kl/hover';
import { englishText, type Localize } from '../../../src/core/text';
import { nats } from './helpers';
import type { KlOptions } from '../../../src/core/kl/context';

const CURSOR = '$$CURSOR$$';

/** Hover markdown at the `$$CURSOR$$` marker (removed from the note first). */
function hover(noteWithCursor: string, options: KlOptions = nats, t: Localize = englishText) {
  const offset = noteWithCursor.indexOf(CURSOR);
  assert.ok(offset >= 0, 'fixture needs a $$CURSOR$$ marker');
  const note = noteWithCursor.slice(0, offset) + noteWithCursor.slice(offset + CURSOR.length);
  return { result: hoverAt(note, offset, options, t), note };
}

function markdownAt(noteWithCursor: string, options?: KlOptions): string {
  const { result } = hover(noteWithCursor, options);
  assert.ok(result, 'expected a hover');
  return result.markdown;
}

const fixture = readFileSync(join(__dirname, '../../../../test/fixtures/kl/policy-kl.md'), 'utf8');
const withCursor = (needle: string, delta = 1) => {
  const at = fixture.indexOf(needle) + delta;
  return fixture.slice(0, at) + CURSOR + fixture.slice(at);
};

describe('kl hover', () => {
  it('on a kl statement: value in nats and bits, formula, term table, reverse KL', () => {
    const markdown = markdownAt(withCursor('d = kl(P, Q)', 0));
    assert.match(markdown, /`D_KL\(P ‖ Q\)` = \*\*0\.5108256 nats\*\* \(0\.7369656 bits\)/);
    assert.match(markdown, /Σᵢ pᵢ ln\(pᵢ\/qᵢ\)/);
    assert.match(markdown, /\| #1 \| 0\.5 \| 0\.9 \| -0\.2938933 \|/);
    assert.match(markdown, /\| #2 \| 0\.5 \| 0\.1 \| 0\.804719 \|/);
    assert.match(markdown, /Reverse: `D_KL\(Q ‖ P\)` = 0\.3680642 nats/);
  });

  it('shows bits first when the unit setting is bits', () => {
    const markdown = markdownAt(withCursor('d = kl(P, Q)', 5), { unit: 'bits', strict: false });
    assert.match(markdown, /\*\*0\.7369656 bits\*\* \(0\.5108256 nats\)/);
  });

  it('labelled distributions show their labels in the table', () => {
    const markdown = markdownAt(withCursor('penalty = kl', 0));
    for (const label of ['left', 'right', 'up', 'down']) assert.match(markdown, new RegExp(`\\| ${label} \\|`));
  });

  it('on a name: its definition, line and normalised value', () => {
    const markdown = markdownAt(withCursor('Q)\nL', 0));
    assert.match(markdown, /\*\*Q\*\* = `\[0\.9, 0\.1\]`/);
    assert.match(markdown, /Defined on line 2[0-9]\./);
    assert.match(markdown, /A distribution over 2 outcomes: `\[0\.9, 0\.1\]`/);
  });

  it('on an unnormalised name: says what it sums to and the normalised values', () => {
    const markdown = markdownAt('```kl\nw = [3, 1$$CURSOR$$, 1]\n```\n');
    assert.match(markdown, /Sums to 5, not 1; as a distribution it is normalised to `\[0\.6, 0\.2, 0\.2\]`/);
  });

  it('over D_{KL}(P\\|Q) and \\mathrm{KL} with TeX names in math', () => {
    const plain = markdownAt(withCursor('D_{KL}(P\\|Q)', 3));
    assert.match(plain, /0\.5108256 nats/);
    assert.match(plain, /From the kl blocks of this note: `kl\(P, Q\)`/);
    const tex = markdownAt(withCursor('D_{\\mathrm{KL}}(\\pi_\\theta', 2));
    assert.match(tex, /kl\(pi_theta, pi_ref\)/);
    assert.match(tex, /\| right \| 0\.6 \| 0\.25 \|/);
  });

  it('math about names no kl block defines shows nothing', () => {
    assert.equal(hover('$D_{KL}(A$$CURSOR$$\\|B)$').result, undefined);
  });

  it('on an inline code span', () => {
    const markdown = markdownAt(withCursor('`kl([0.5, 0.5], [0.9, 0.1])`', 2));
    assert.match(markdown, /0\.5108256 nats/);
    const entropy = markdownAt(withCursor('`entropy(P)`', 2));
    assert.match(entropy, /`H\(P\)` = \*\*0\.6931472 nats\*\* \(1 bits\)/);
  });

  it('explains ∞ and still shows the finite reverse', () => {
    const markdown = markdownAt('```kl\nkl$$CURSOR$$({a: 0.5, b: 0.5}, {a: 1, b: 0})\n```');
    assert.match(markdown, /\*\*∞ nats\*\*/);
    assert.match(markdown, /Why ∞:\*\* q gives outcome b probability 0 while p gives it 0\.5/);
    assert.match(markdown, /Reverse: .* = 0\.6931472 nats/);
  });

  it('long distributions show only the largest terms and what the rest add up to', () => {
    const markdown = markdownAt('```kl\nkl$$CURSOR$$(softmax([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]), uniform(20))\n```');
    const rows = markdown.split('\n').filter((line) => /^\| #\d+ /.test(line));
    assert.equal(rows.length, 10);
    assert.ok(rows.some((row) => row.startsWith('| #20 ')));
    assert.match(markdown, /Showing the 10 largest of 20 terms; the other 10 add up to -?\d/);
  });

  it('shows warnings, and errors with their message', () => {
    const warned = markdownAt('```kl\nkl$$CURSOR$$([1, 1], [0.5, 0.5])\n```');
    assert.match(warned, /⚠ “\\\[1, 1\\\]” sums to 2, not 1/);
    const failed = markdownAt('```kl\nkl$$CURSOR$$([0.5, 0.5], [1, 0, 0])\n```');
    assert.match(failed, /Cannot evaluate/);
    assert.match(failed, /has 2 outcomes but/);
  });

  it('on a nested call: explains that call; on kl_estimate: all three estimators', () => {
    const nested = markdownAt('```kl\nx = 2 * kl$$CURSOR$$([0.5, 0.5], [0.9, 0.1])\n```');
    assert.match(nested, /`D_KL\(\[0\.5, 0\.5\] ‖ \[0\.9, 0\.1\]\)`/);
    const estimate = markdownAt('```kl\nkl_estimate$$CURSOR$$([-1, -2, -0.5], [-1.2, -1.9, -0.7], "k1")\n```');
    assert.match(estimate, /KL estimate \(k1\) = 0\.1 ± 0\.1\*\*/);
    assert.match(estimate, /\| k2 \|/);
    assert.match(estimate, /\| k3 \|/);
  });

  it('uses the injected translation', () => {
    const upper: Localize = (template, ...args) => englishText(template.toUpperCase(), ...args);
    const { result } = hover('```kl\nkl$$CURSOR$$([0.5, 0.5], [0.9, 0.1])\n```', nats, upper);
    assert.match(result?.markdown ?? '', /COMPUTED AS/);
  });

  it('returns the range of what it explains and nothing outside snippets', () => {
    const { result, note } = hover('Text\n```kl\nd = kl($$CURSOR$$[0.5, 0.5], [0.9, 0.1])\n```');
    assert.ok(result);
    assert.equal(note.slice(result.start, result.end), 'd = kl([0.5, 0.5], [0.9, 0.1])');
    assert.equal(hover('Te$$CURSOR$$xt\n```kl\nd = 1\n```').result, undefined);
  });
});
