import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../../src/core/kl/analyze';
import { klFenceRenderer } from '../../../src/core/kl/card';
import type { KlOptions } from '../../../src/core/kl/context';
import { englishText, type Localize } from '../../../src/core/text';
import { nats } from './helpers';

/** englishText that counts its calls: rendering a card localizes its title, a cached card does not. */
function countingText(): { t: Localize; calls: () => number } {
  let calls = 0;
  const t: Localize = (message, ...args) => {
    calls++;
    return englishText(message, ...args);
  };
  return { t, calls: () => calls };
}

const noteWith = (p: string, prose = 'Some prose.') =>
  `---\ntitle: x\n---\n\n${prose}\n\n\`\`\`kl\nP = ${p}\n\`\`\`\n\nMore prose.\n\n\`\`\`kl\nkl(P, [0.9, 0.1])\n\`\`\`\n\nEnd.\n`;

/** The open lines of the kl fences of a note, as the preview passes them. */
function klFences(note: string): Array<{ openLine: number; content: string }> {
  const lines = note.split('\n');
  const fences: Array<{ openLine: number; content: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```kl') continue;
    const close = lines.indexOf('```', i + 1);
    fences.push({ openLine: i, content: lines.slice(i + 1, close).join('\n') + '\n' });
    i = close;
  }
  return fences;
}

function renderAll(render: ReturnType<typeof klFenceRenderer>, note: string): Array<string | undefined> {
  return klFences(note).map((fence) => render(fence.content, 'kl', fence.openLine, note));
}

describe('kl fence renderer cache', () => {
  it('a prose edit reuses every card without rendering again', () => {
    const { t, calls } = countingText();
    const render = klFenceRenderer(t);
    const before = renderAll(render, noteWith('[0.5, 0.5]'));
    assert.match(before[1] ?? '', /0\.5108256 nats/);
    const rendered = calls();
    assert.ok(rendered > 0);
    // Prose edited above the blocks (they move down a line) and between them.
    const edited = noteWith('[0.5, 0.5]', 'Some prose,\nnow on two lines.').replace('More prose.', 'More prose, edited.');
    assert.deepEqual(renderAll(render, edited), before);
    assert.equal(calls(), rendered, 'no card was rendered again');
  });

  it('a changed earlier block invalidates the cards after it', () => {
    const { t, calls } = countingText();
    const render = klFenceRenderer(t);
    renderAll(render, noteWith('[0.5, 0.5]'));
    const after = renderAll(render, noteWith('[0.2, 0.8]'));
    // KL([0.2, 0.8] ‖ [0.9, 0.1]) = 0.2 ln(2/9) + 0.8 ln 8
    const expected = 0.2 * Math.log(0.2 / 0.9) + 0.8 * Math.log(0.8 / 0.1);
    assert.match(after[1] ?? '', new RegExp(`${expected.toPrecision(7).replace('.', '\\.')} nats`));
    assert.doesNotMatch(after[1] ?? '', /0\.5108256 nats/);
    // Back to the first version: served from the cache again.
    const count = calls();
    assert.match(renderAll(render, noteWith('[0.5, 0.5]'))[1] ?? '', /0\.5108256 nats/);
    assert.equal(calls(), count);
  });

  it('an edit of a later block keeps the earlier cards, and options are part of the key', () => {
    const { t, calls } = countingText();
    let options: KlOptions = nats;
    const render = klFenceRenderer(t, () => options);
    const note = noteWith('[0.5, 0.5]');
    const [first] = renderAll(render, note);
    const count = calls();
    const laterEdited = note.replace('kl(P, [0.9, 0.1])', 'kl(P, [0.8, 0.2])');
    const [firstAgain, second] = renderAll(render, laterEdited);
    assert.equal(firstAgain, first);
    assert.match(second ?? '', /0\.2231436 nats/);
    assert.ok(calls() > count, 'the edited block was rendered');
    options = { unit: 'bits', strict: false };
    assert.match(renderAll(render, laterEdited)[1] ?? '', /0\.3219281 bits/);
  });

  it('gives no card for a fence that is not a kl block of the note', () => {
    const render = klFenceRenderer(englishText);
    assert.equal(render('other', 'kl', 99, noteWith('[0.5, 0.5]')), undefined);
  });
});

describe('kl analysis cache across edits', () => {
  it('reuses the block evaluation when only prose after the blocks changed', () => {
    const note = noteWith('[0.5, 0.5]');
    const first = analyzeNote(note, nats, englishText);
    const edited = analyzeNote(note + '\nA new line with `kl(P, [0.5, 0.5])`.\n', nats, englishText);
    assert.notEqual(edited, first);
    assert.equal(edited.blocks, first.blocks);
    // Inline spans are evaluated on the new text, with the names of the blocks.
    assert.equal(edited.inlines.length, 1);
    assert.equal(edited.inlines[0].value?.kind, 'measure');
  });

  it('evaluates again when a block moved or changed, with the new lines and offsets', () => {
    const note = noteWith('[0.5, 0.5]');
    const first = analyzeNote(note, nats, englishText);
    const moved = noteWith('[0.5, 0.5]', 'Some prose,\nnow on two lines.');
    const analysis = analyzeNote(moved, nats, englishText);
    assert.notEqual(analysis.blocks, first.blocks);
    const statement = analysis.blocks[1].statements[0];
    assert.equal(statement.line, first.blocks[1].statements[0].line + 1);
    assert.equal(moved.slice(statement.start, statement.end), 'kl(P, [0.9, 0.1])');
    const changed = analyzeNote(noteWith('[0.5, -0.5]'), nats, englishText);
    assert.equal(changed.diagnostics.find((d) => d.severity === 'error')?.code, 'kl.negative');
  });
});
