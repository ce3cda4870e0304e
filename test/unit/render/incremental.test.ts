import * as assert from 'node:assert/strict';
import { MathRenderer } from '../../../src/core/math/katexRenderer';
import { NoteRenderer, renderNote } from '../../../src/core/render/renderNote';
import { withoutKatex } from './helpers';

const note = ['---', 'title: t', '---', '# Head $a$', '', 'Para one $x^2$.', '', 'Para two $y$.', '', '$$', 'z = 1', '$$', '', 'Tail.'].join('\n');

function replaceLine(text: string, line: number, content: string): string {
  const lines = text.split('\n');
  lines[line] = content;
  return lines.join('\n');
}

describe('render/incremental', () => {
  it('re-renders and posts only the edited block', () => {
    const renderer = new NoteRenderer({});
    const first = renderer.update(note);
    assert.equal(first.renderedBlocks, 5);
    assert.equal(first.patch.added.length, 5);
    const update = renderer.update(replaceLine(note, 7, 'Para two $y$ edited.'));
    assert.equal(update.renderedBlocks, 1);
    assert.equal(update.patch.removed.length, 1);
    assert.equal(update.patch.added.length, 1);
    assert.deepEqual(update.patch.lines, []);
    assert.equal(update.patch.headerHtml, undefined);
    const [added] = update.patch.added;
    assert.match(withoutKatex(added.block.html), /Para two \[math:y\] edited\./);
    assert.equal(added.block.startLine, 7);
    // It goes back where the old block was: before the next kept block.
    const ids = first.note.blocks.map((block) => block.id);
    assert.equal(update.patch.removed[0], ids[2]);
    assert.equal(added.beforeId, ids[3]);
    assert.deepEqual(
      update.note.blocks.map((block) => block.id),
      [ids[0], ids[1], added.block.id, ids[3], ids[4]],
    );
  });

  it('sends nothing when nothing changed', () => {
    const renderer = new NoteRenderer({});
    renderer.update(note);
    const again = renderer.update(note);
    assert.equal(again.renderedBlocks, 0);
    assert.deepEqual(again.patch, { removed: [], added: [], lines: [] });
  });

  it('moves the lines of later blocks without re-rendering them when a line is inserted', () => {
    const renderer = new NoteRenderer({});
    const first = renderer.update(note);
    const update = renderer.update(replaceLine(note, 5, 'Para one $x^2$.\nsecond line'));
    assert.equal(update.renderedBlocks, 1);
    const moved = update.patch.lines.map((change) => [change.id, change.startLine]);
    assert.deepEqual(moved, [
      [first.note.blocks[2].id, 8],
      [first.note.blocks[3].id, 10],
      [first.note.blocks[4].id, 14],
    ]);
  });

  it('moves every block when the front matter grows, and sends the new header', () => {
    const renderer = new NoteRenderer({});
    renderer.update(note);
    const update = renderer.update(note.replace('title: t', 'title: t2\ndescription: d'));
    assert.equal(update.renderedBlocks, 0);
    assert.equal(update.patch.lines.length, 5);
    assert.match(update.patch.headerHtml ?? '', /t2/);
  });

  it('renders each formula once: the KaTeX cache serves unchanged formulas of an edited block', () => {
    const math = new MathRenderer();
    const renderer = new NoteRenderer({}, math);
    renderer.update(note);
    math.resetStats();
    renderer.update(replaceLine(note, 5, 'Para one $x^2$ and $w$.'));
    assert.deepEqual({ hits: math.stats().hits, misses: math.stats().misses }, { hits: 1, misses: 1 });
  });

  it('re-renders the blocks after a changed \\newcommand, and only then', () => {
    const text = ['$\\newcommand{\\V}{v_1}$', '', 'Use $\\V$.', '', 'Other $q$.'].join('\n');
    const renderer = new NoteRenderer({});
    const first = renderer.update(text);
    assert.match(first.note.blocks[1].html, /v/);
    const changed = renderer.update(text.replace('v_1', 'w_2'));
    assert.equal(changed.renderedBlocks, 3);
    assert.match(changed.note.blocks[1].html, /<mi>w<\/mi>/);
    const proseOnly = renderer.update(text.replace('v_1', 'w_2').replace('Other', 'Another'));
    assert.equal(proseOnly.renderedBlocks, 1);
  });

  it('keeps the macro state right when blocks before come from the cache', () => {
    const text = ['$\\gdef\\A{a_0}$', '', 'one $\\A$', '', 'two $\\A$'].join('\n');
    const renderer = new NoteRenderer({});
    renderer.update(text);
    const edited = renderer.update(text.replace('two', 'three'));
    assert.equal(edited.renderedBlocks, 1);
    assert.doesNotMatch(edited.patch.added[0].block.html, /mp-math-error/);
    assert.match(edited.patch.added[0].block.html, /<msub><mi>a<\/mi><mn>0<\/mn><\/msub>/);
  });

  it('gives the same HTML incrementally as from scratch', () => {
    const renderer = new NoteRenderer({});
    let text = note;
    renderer.update(text);
    for (const [line, content] of [
      [5, 'P $\\alpha$'],
      [12, ''],
      [3, '# New head'],
      [9, '$$x$$'],
    ] as Array<[number, string]>) {
      text = replaceLine(text, line, content);
      const incremental = renderer.update(text).note.blocks.map((block) => [block.startLine, block.endLine, block.html]);
      const scratch = renderNote(text, {}).blocks.map((block) => [block.startLine, block.endLine, block.html]);
      assert.deepEqual(incremental, scratch);
    }
  });

  it('re-renders blocks of hooked fences every pass but posts them only when their HTML changes', () => {
    let counter = 0;
    const renderer = new NoteRenderer({ fenceRenderers: { kl: (content) => `<div class="card">${content.trim()}${counter}</div>` } });
    const text = 'a\n\n```kl\nkl(P, Q)\n```\n\nb';
    renderer.update(text);
    const same = renderer.update(text.replace('b', 'c'));
    assert.equal(same.renderedBlocks, 2);
    assert.equal(same.patch.added.length, 1);
    counter++;
    const changed = renderer.update(text.replace('b', 'c'));
    assert.equal(changed.patch.added.length, 1);
    assert.match(changed.patch.added[0].block.html, /kl\(P, Q\)1/);
  });

  it('passes the fence renderer the absolute start line of the fence', () => {
    const lines: number[] = [];
    renderNote('---\ntitle: x\n---\npara\n\n```kl\nx\n```', { fenceRenderers: { kl: (_c, _i, line) => (lines.push(line), '<b>card</b>') } });
    assert.deepEqual(lines, [5]);
  });

  it('resolves link references defined in another block', () => {
    const html = renderNote('See [the paper][p].\n\n[p]: https://example.com/paper').blocks[0].html;
    assert.match(html, /<a href="https:\/\/example.com\/paper">the paper<\/a>/);
  });
});
