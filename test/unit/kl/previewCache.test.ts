import * as assert from 'node:assert/strict';
import type { KlAnalysis } from '../../../src/core/kl/analyze';
import { klFenceRenderer } from '../../../src/core/kl/card';
import { KlFenceKeys } from '../../../src/core/kl/fenceKeys';
import { MAX_WORK_PER_NOTE } from '../../../src/core/kl/limits';
import { Note } from '../../../src/core/note/note';
import type { FenceRenderer } from '../../../src/core/render/markdown';
import { NoteRenderer } from '../../../src/core/render/renderNote';
import { englishText } from '../../../src/core/text';

/**
 * The preview caches kl cards by what they depend on (issue #10/#15: a one-line edit re-evaluated
 * every kl block of the note). Each test counts the fences that went through the kl renderer.
 */
function countingRenderer(): { renderer: FenceRenderer; calls: string[] } {
  const inner = klFenceRenderer(englishText);
  const calls: string[] = [];
  const renderer: FenceRenderer = (content, info, line, noteText) => {
    calls.push(content.trim().split('\n')[0]);
    return inner(content, info, line, noteText);
  };
  renderer.cacheKey = inner.cacheKey;
  return { renderer, calls };
}

const note = (p: string, prose = 'Some prose.') =>
  [
    '---',
    'title: KL',
    '---',
    prose,
    '',
    '```kl',
    `P = ${p}`,
    '```',
    '',
    '```kl',
    'Q = [0.9, 0.1]',
    '```',
    '',
    'Between.',
    '',
    '```kl',
    'kl(P, Q)',
    '```',
    '',
    '```kl',
    'R = P',
    '```',
    '',
    '```kl',
    'entropy(R)',
    '```',
    '',
    '```kl',
    'entropy(Q)',
    '```',
    '',
  ].join('\n');

function cardValues(renderer: NoteRenderer, text: string): string[] {
  return renderer
    .update(text)
    .note.blocks.map((block) => block.html)
    .filter((html) => html.includes('mp-kl-card'))
    .map((html) => /<td class="mp-kl-value">(.*?)<\/td>/.exec(html)?.[1] ?? '');
}

describe('preview: kl cards cached by their dependencies', () => {
  it('a prose edit re-renders no kl fence', () => {
    const { renderer, calls } = countingRenderer();
    const preview = new NoteRenderer({ fenceRenderers: { kl: renderer } });
    preview.update(note('[0.5, 0.5]'));
    assert.equal(calls.length, 6);
    calls.length = 0;
    const update = preview.update(note('[0.5, 0.5]', 'Some prose, edited.'));
    assert.deepEqual(calls, []);
    assert.equal(update.renderedBlocks, 1);
    assert.equal(update.patch.added.length, 1);
    assert.match(update.patch.added[0].block.html, /edited/);
  });

  it('editing P re-renders exactly the fences that use P (directly or through R), with the new values', () => {
    const { renderer, calls } = countingRenderer();
    const preview = new NoteRenderer({ fenceRenderers: { kl: renderer } });
    const before = cardValues(preview, note('[0.5, 0.5]'));
    calls.length = 0;
    const after = cardValues(preview, note('[0.2, 0.8]'));
    assert.deepEqual(calls.sort(), ['P = [0.2, 0.8]', 'R = P', 'entropy(R)', 'kl(P, Q)'].sort());
    // The values are those of a fresh render of the new text, and they did change.
    const fresh = cardValues(new NoteRenderer({ fenceRenderers: { kl: klFenceRenderer(englishText) } }), note('[0.2, 0.8]'));
    assert.deepEqual(after, fresh);
    assert.notEqual(after[2], before[2], 'kl(P, Q) changed');
    assert.notEqual(after[4], before[4], 'entropy(R) changed');
    assert.equal(after[5], before[5], 'entropy(Q) unchanged');
    // Back to the first P: every card comes from the cache.
    calls.length = 0;
    assert.deepEqual(cardValues(preview, note('[0.5, 0.5]')), before);
    assert.deepEqual(calls, []);
  });

  it('a name defined after its use, or redefined in between, is resolved as evaluation does', () => {
    const { renderer, calls } = countingRenderer();
    const preview = new NoteRenderer({ fenceRenderers: { kl: renderer } });
    const text = (late: string) =>
      ['```kl', 'A = [0.5, 0.5]', '```', '', '```kl', 'A = [0.1, 0.9]', '```', '', '```kl', 'entropy(A)', '```', '', '```kl', `A = ${late}`, '```', ''].join(
        '\n',
      );
    const first = cardValues(preview, text('[0.3, 0.7]'));
    calls.length = 0;
    // Editing the definition after the use changes no earlier card.
    const second = cardValues(preview, text('[0.4, 0.6]'));
    assert.deepEqual(calls, ['A = [0.4, 0.6]']);
    assert.equal(second[2], first[2]);
  });
});

describe('kl fence keys: the work budget', () => {
  const analysis = (works: number[]) => ({ blocks: works.map((work) => ({ work, statements: [] })) }) as unknown as KlAnalysis;
  const text = (...blocks: string[]) => blocks.map((block) => `\`\`\`kl\n${block}\n\`\`\`\n`).join('\n');

  it('gives a key only when every block up to it has a known work and the total stays within the budget', () => {
    const keys = new KlFenceKeys();
    const a = new Note(text('X = uniform(3)', 'entropy(X)'));
    assert.equal(keys.keyFor(a, 0, 3), undefined, 'work unknown');
    keys.record(a, analysis([3, 3]));
    assert.ok(keys.keyFor(a, 0, 3));
    assert.ok(keys.keyFor(a, 4, 7));
    // An analysis that ran out of budget teaches nothing.
    const b = new Note(text('Y = uniform(5)', 'entropy(Y)'));
    keys.record(b, analysis([MAX_WORK_PER_NOTE, 10]));
    assert.equal(keys.keyFor(b, 0, 3), undefined);
    // Works known from two analyses within the budget, together beyond it: the later block has no key.
    const c = new Note(text('Z = uniform(7)', 'entropy(Z)'));
    keys.record(c, analysis([MAX_WORK_PER_NOTE - 5, 1]));
    const d = new Note(text('W = uniform(9)', 'entropy(W)'));
    keys.record(d, analysis([MAX_WORK_PER_NOTE - 5, 1]));
    const both = new Note(text('Z = uniform(7)', 'W = uniform(9)', 'entropy(W)'));
    keys.record(both, analysis([MAX_WORK_PER_NOTE - 5, MAX_WORK_PER_NOTE - 5, 1]));
    assert.ok(keys.keyFor(both, 0, 3), 'the first block alone is within the budget');
    assert.equal(keys.keyFor(both, 4, 7), undefined);
    assert.equal(keys.keyFor(both, 8, 11), undefined);
  });
});
