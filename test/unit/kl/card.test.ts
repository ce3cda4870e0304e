import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../../src/core/kl/analyze';
import { klCardForFence, renderKlCardHtml } from '../../../src/core/kl/card';
import { englishText } from '../../../src/core/text';
import { nats } from './helpers';

function card(note: string, index = 0): string {
  const analysis = analyzeNote(note, nats, englishText);
  return renderKlCardHtml(analysis.blocks[index], englishText, nats);
}

describe('kl preview card', () => {
  it('lists every statement with its value and draws p, q and the contributions', () => {
    const html = card('```kl\nP = [0.5, 0.5]\nQ = [0.9, 0.1]\nd = kl(P, Q)\n```\n');
    assert.match(html, /^<div class="mp-kl-card">/);
    assert.equal((html.match(/<tr class="mp-kl-row">/g) ?? []).length, 3);
    assert.match(html, /<code>d = kl\(P, Q\)<\/code>/);
    assert.match(html, /<strong>0\.5108256 nats<\/strong> <span class="mp-kl-secondary">\(0\.7369656 bits\)<\/span>/);
    assert.equal((html.match(/<svg /g) ?? []).length, 1);
    assert.equal((html.match(/class="mp-kl-bar-p"/g) ?? []).length, 2);
    assert.equal((html.match(/class="mp-kl-bar-q"/g) ?? []).length, 2);
    assert.equal((html.match(/class="mp-kl-bar-term( mp-kl-bar-negative)?"/g) ?? []).length, 2);
    assert.match(html, /mp-kl-bar-negative/, 'the negative term of outcome #1 points down');
  });

  it('is safe for a strict CSP: escaped text, no script, handlers or style attributes', () => {
    const html = card(
      '```kl\nx = kl({"<img src=x onerror=alert(1)>": 0.5, b: 0.5}, {"<img src=x onerror=alert(1)>": 0.5, b: 0.5}) # <script>\n"</td><script>"\n```',
    );
    const tags = new Set([...html.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]));
    assert.deepEqual(
      [...tags].filter(
        (tag) => !['div', 'table', 'tbody', 'tr', 'td', 'code', 'span', 'strong', 'figure', 'svg', 'title', 'text', 'rect', 'figcaption', 'p'].includes(tag),
      ),
      [],
    );
    assert.match(html, /&lt;img/);
    const attributes = [...html.matchAll(/\s([a-z-]+)="/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(attributes)].sort(), ['class', 'height', 'width', 'x', 'y']);
  });

  it('shows errors and warnings of statements', () => {
    const html = card('```kl\nkl([1, 1], [0.5, 0.5])\nkl([0.5, 0.5], [1, 0, 0])\n```');
    assert.match(html, /mp-kl-warning">⚠ “\[1, 1\]” sums to 2/);
    assert.match(html, /mp-kl-row-error/);
    assert.match(html, /has 2 outcomes but/);
  });

  it('marks infinite contributions and limits long charts to the largest terms', () => {
    const infinite = card('```kl\nkl([0.5, 0.5], [1, 0])\n```');
    assert.match(infinite, /mp-kl-bar-infinite/);
    assert.match(infinite, /∞ because q gives outcome #2 probability 0/);
    const long = card('```kl\nkl(softmax(log(uniform(100)) + [' + Array.from({ length: 100 }, (_, i) => i / 10).join(', ') + ']), uniform(100))\n```');
    assert.equal((long.match(/class="mp-kl-bar-p"/g) ?? []).length, 24);
    assert.match(long, /the 24 largest of 100/);
  });
});

describe('kl card for the preview fence renderer', () => {
  it('finds the block by its opening line and evaluates it with the names of earlier blocks', () => {
    const note = '# t\n\n```kl\nP = [0.5, 0.5]\n```\n\n```kl\nkl(P, [0.9, 0.1])\n```\n';
    const html = klCardForFence(note, 6, 'kl(P, [0.9, 0.1])\n', englishText);
    assert.match(html ?? '', /0\.5108256 nats/);
    // Lines drifted (e.g. a stale render): matched by content instead.
    assert.match(klCardForFence(note, 99, 'kl(P, [0.9, 0.1])', englishText) ?? '', /0\.5108256 nats/);
    assert.equal(klCardForFence(note, 99, 'other', englishText), undefined);
  });
});
