import * as assert from 'node:assert/strict';
import { Note } from '../../../src/core/note/note';
import { ProgressiveRender } from '../../../src/core/render/progressiveRender';
import { NoteRenderer, renderNote, type NoteUpdate, type RenderedBlock } from '../../../src/core/render/renderNote';
import { type FormulaJob, type MathResult, type ParallelMath, renderWithKatex } from '../../../src/core/math/katexRenderer';

/**
 * A long note: a macro defined near the top and used far below, repeated heading titles (their ids are
 * numbered across the note), and a distinct formula in every paragraph.
 */
function longNote(paragraphs = 120): string {
  const lines = ['---', 'title: long', '---', '', '$$\\gdef\\KL#1#2{D_{\\mathrm{KL}}(#1\\|#2)}$$', ''];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 10 === 0) lines.push('## Section', '');
    lines.push(`Paragraph ${i} with $x_{${i}} + \\KL{P_${i}}{Q}$ and more words.`, '');
  }
  return lines.join('\n');
}

/** What the webview does with the messages (src/webview/blocks.ts): replace all, then patch by id. */
class WebviewModel {
  blocks: RenderedBlock[] = [];
  apply(update: NoteUpdate, first: boolean): void {
    if (first) {
      this.blocks = update.note.blocks.map((block) => ({ ...block }));
      return;
    }
    const { removed, added, lines } = update.patch;
    this.blocks = this.blocks.filter((block) => !removed.includes(block.id));
    for (const { block, beforeId } of added) {
      const at = beforeId === null ? this.blocks.length : this.blocks.findIndex((candidate) => candidate.id === beforeId);
      assert.notEqual(at, -1, `a patch inserts before ${beforeId}, which the webview does not have`);
      this.blocks.splice(at, 0, { ...block });
    }
    for (const change of lines) {
      const block = this.blocks.find((candidate) => candidate.id === change.id);
      assert.ok(block, `a patch moves ${change.id}, which the webview does not have`);
      block.startLine = change.startLine;
      block.endLine = change.endLine;
    }
  }
  /** Lines and HTML, without the ids (they differ from a fresh renderer's). */
  shown(): Array<[number, number, string]> {
    return this.blocks.map((block) => [block.startLine, block.endLine, block.html]);
  }
}

const fullRender = (text: string): Array<[number, number, string]> => renderNote(text).blocks.map((block) => [block.startLine, block.endLine, block.html]);

/**
 * A clock that moves 1 ms each time it is read, a queue of "later" tasks the test runs by hand, and the timers the
 * slices set to stop waiting for the workers (`timers`, fired by hand too).
 */
function harness(sliceMs = 4, renderer = new NoteRenderer({}), patienceMs = 1e9) {
  let time = 0;
  const queue: Array<() => void> = [];
  const timers: Array<() => void> = [];
  const slices = new ProgressiveRender(renderer, {
    sliceMs,
    now: () => time++,
    wholeUpToChars: 0,
    patienceMs,
    later: (task) => {
      queue.push(task);
      return () => queue.splice(queue.indexOf(task) >>> 0, 1);
    },
    after: (_ms, task) => {
      timers.push(task);
      return () => timers.splice(timers.indexOf(task) >>> 0, 1);
    },
  });
  const view = new WebviewModel();
  const updates: Array<{ update: NoteUpdate; done: boolean }> = [];
  const sink = (update: NoteUpdate, done: boolean): void => {
    view.apply(update, updates.length === 0);
    updates.push({ update, done });
  };
  const runAll = (limit = 10_000): void => {
    for (let i = 0; queue.length > 0; i++) {
      assert.ok(i < limit, 'the slices never finish');
      queue.shift()!();
    }
  };
  return { slices, view, updates, sink, queue, timers, runAll };
}

const isPlaceholder = (html: string): boolean => html.includes('mp-pending');

/** Many distinct formulas and no macro definition: what the workers take (a `\\gdef` leaves the rest to the render). */
function manyFormulas(paragraphs = 300): string {
  const lines = ['---', 'title: many', '---', ''];
  for (let i = 0; i < paragraphs; i++) lines.push(`Paragraph ${i}: $\\frac{a_{${i}}}{b + ${i}}$ and $\\sum_{k=1}^{${i + 2}} k^{${i % 7}}$.`, '');
  return lines.join('\n');
}

/** Workers in this thread: each chunk is rendered by the function the real workers call, a turn later. */
class InThreadWorkers implements ParallelMath {
  readonly size = 1;
  formulas = 0;
  pending = 0;
  /** The TeX of each chunk sent, in order. */
  sent: string[][] = [];
  renderChunk(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): Promise<MathResult[]> {
    this.formulas += formulas.length;
    this.pending++;
    this.sent.push(formulas.map((job) => job.tex));
    return new Promise((resolve) =>
      setImmediate(() => {
        this.pending--;
        resolve(formulas.map((job) => renderWithKatex(job.tex, job.display, { ...macros })));
      }),
    );
  }
}

describe('render/progressiveRender: the preview in slices, visible range first', () => {
  it('renders the visible blocks in the first slice and leaves the rest as placeholders', () => {
    const text = longNote();
    const { slices, updates, sink } = harness();
    slices.render(new Note(text), { start: 150, end: 170 }, sink);
    assert.equal(updates.length, 1, 'the first slice is delivered before render() returns');
    const [{ update, done }] = updates;
    assert.equal(done, false);
    assert.ok(update.pendingBlocks > 50, `most of the note is left for later (${update.pendingBlocks} pending)`);
    const full = fullRender(text);
    const visible = update.note.blocks.filter((block) => block.endLine > 150 && block.startLine < 170);
    assert.ok(visible.length >= 8, 'the visible range holds several blocks');
    for (const block of visible) {
      const expected = full.find(([start]) => start === block.startLine);
      assert.ok(expected, `the full render has a block at line ${block.startLine}`);
      // Same HTML as the whole render: the macro defined above the visible range was applied.
      assert.equal(block.html, expected[2], `block at line ${block.startLine}`);
      if (block.html.includes('Paragraph')) assert.match(block.html, /katex/);
      assert.doesNotMatch(block.html, /mp-math-error|katex-error/);
    }
    const sources = new Note(text).blocks({ dollarBlocks: true });
    const paragraph = (index: number) =>
      update.note.blocks.find((block) => block.startLine === sources.find((source) => source.text.startsWith(`Paragraph ${index} `))!.startLine)!;
    assert.ok(isPlaceholder(paragraph(0).html), 'the first paragraph (above the visible range) is a placeholder');
    assert.ok(isPlaceholder(paragraph(119).html), 'the last paragraph is a placeholder');
    // Headings are never deferred: the ids of repeated titles after them depend on them.
    assert.ok(update.note.blocks.filter((block) => block.html.includes('<h2')).length >= 12);
    assert.equal(update.note.blocks.length, full.length, 'placeholders keep one block per source block, with its lines');
    assert.deepEqual(
      update.note.blocks.map((block) => [block.startLine, block.endLine]),
      full.map(([start, end]) => [start, end]),
    );
  });

  it('ends, slice after slice, with what a whole render shows', () => {
    const text = longNote();
    const { slices, view, updates, sink, runAll } = harness();
    slices.render(new Note(text), { start: 150, end: 170 }, sink);
    runAll();
    assert.ok(updates.length > 5, `the note came in several slices (${updates.length})`);
    assert.ok(
      updates.slice(0, -1).every((entry) => !entry.done),
      'only the last slice is done',
    );
    assert.equal(updates.at(-1)!.done, true);
    assert.equal(updates.at(-1)!.update.pendingBlocks, 0);
    assert.equal(slices.running, false);
    assert.deepEqual(view.shown(), fullRender(text));
    // Every later slice is one small patch: it replaces placeholders, it does not re-send rendered blocks.
    for (const { update } of updates.slice(1)) assert.ok(update.patch.added.length < 20, `a slice posted ${update.patch.added.length} blocks`);
  });

  it('after an edit in the middle of the slices, the new text is what shows in the end', () => {
    const text = longNote();
    const { slices, view, sink, queue, runAll } = harness();
    slices.render(new Note(text), { start: 150, end: 170 }, sink);
    queue.shift()!();
    queue.shift()!();
    // A paragraph in the visible range and one not yet rendered (near the end) change; a line is inserted.
    const lines = text.split('\n');
    const visibleParagraph = lines.findIndex((line, index) => index >= 150 && line.startsWith('Paragraph'));
    lines[visibleParagraph] = 'Edited while slicing: $\\KL{A}{B}$.';
    lines.splice(lines.length - 4, 0, 'A new paragraph near the end, $e^{i\\pi}$.', '');
    const edited = lines.join('\n');
    slices.render(new Note(edited), { start: 150, end: 170 }, sink);
    assert.equal(queue.length, 1, "the old text's remaining slice was cancelled");
    runAll();
    assert.deepEqual(view.shown(), fullRender(edited));
  });

  it("gives the shell only the visible range's blocks, rendered, and schedules nothing", () => {
    const text = longNote();
    const { slices, queue } = harness();
    const part = slices.visiblePart(new Note(text), { start: 150, end: 170 });
    assert.equal(queue.length, 0);
    const full = fullRender(text).filter(([start, end]) => end > 150 && start < 170);
    assert.ok(full.length >= 8);
    assert.deepEqual(
      part.blocks.map((block) => [block.startLine, block.endLine, block.html]),
      full,
    );
  });

  it("has the workers render the formulas in the slices' order, and the slices follow them", async () => {
    const text = manyFormulas();
    const workers = new InThreadWorkers();
    const renderer = new NoteRenderer({ parallelMath: workers });
    const { slices, view, updates, sink, queue } = harness(4, renderer);
    const visible = { start: 0, end: 20 };
    slices.render(new Note(text), visible, sink);
    const firstBelow = /\$(\\frac\{a_\{8\}\}[^$]*)\$/.exec(text)![1];
    assert.equal(workers.sent[0][0], firstBelow, "the workers' first formula is the first one below the visible range");
    assert.equal(queue.length, 0, 'the slices wait for the workers instead of rendering their formulas');
    // The event loop between slices, as in the extension host: the workers' replies come in there.
    while (!updates.at(-1)!.done) {
      if (queue.length > 0) queue.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { misses } = renderer.math.stats();
    const visibleFormulas = 2 * 8; // paragraphs 0–7 are on lines 4–18
    assert.ok(workers.formulas >= 600 - visibleFormulas - 24, `the workers rendered the formulas below the visible range (${workers.formulas})`);
    assert.ok(misses - workers.formulas <= visibleFormulas, `this thread rendered only the visible range's formulas (${misses - workers.formulas})`);
    assert.deepEqual(view.shown(), fullRender(text), 'byte for byte what one thread renders');
  });

  it('renders on without the workers when they do not answer for `patienceMs`', () => {
    const text = manyFormulas();
    const silent: ParallelMath = { size: 1, renderChunk: () => new Promise<MathResult[]>(() => {}) };
    const renderer = new NoteRenderer({ parallelMath: silent });
    const { slices, view, updates, sink, queue, timers, runAll } = harness(4, renderer, 40);
    slices.render(new Note(text), { start: 0, end: 20 }, sink);
    assert.equal(queue.length, 0, 'the slices wait for the workers first');
    assert.equal(timers.length, 1, 'for at most `patienceMs`');
    timers.shift()!();
    runAll();
    assert.equal(updates.at(-1)!.done, true);
    assert.deepEqual(view.shown(), fullRender(text), 'this thread rendered every formula itself');
  });

  it('renders alone beside cold workers, and has them warm up once the note is whole', () => {
    const text = manyFormulas();
    const warmedOn: FormulaJob[] = [];
    const cold: ParallelMath = {
      size: 1,
      cold: true,
      renderChunk: () => assert.fail('a cold worker was given a chunk'),
      warmUp: (formulas) => warmedOn.push(...formulas),
    };
    const { slices, view, updates, sink, runAll, timers } = harness(4, new NoteRenderer({ parallelMath: cold }));
    slices.render(new Note(text), { start: 0, end: 20 }, sink);
    assert.equal(timers.length, 0, 'the slices do not wait for cold workers');
    runAll();
    assert.equal(updates.at(-1)!.done, true);
    assert.deepEqual(view.shown(), fullRender(text));
    assert.equal(warmedOn.length, 0, 'no warm-up while the webview applies the last slice');
    assert.equal(timers.length, 1, 'the warm-up is set for later');
    timers.shift()!();
    assert.ok(warmedOn.length > 96, `the workers warm up on the note's formulas once it is whole (${warmedOn.length})`);
    assert.equal(warmedOn[0].tex, '\\frac{a_{0}}{b + 0}');
  });

  it('sends the workers their first chunk before this thread renders a formula', () => {
    const text = manyFormulas();
    // How many formulas this thread had rendered when each chunk went to the workers.
    const missesAtChunk: number[] = [];
    const workers = new InThreadWorkers();
    const send = workers.renderChunk.bind(workers);
    workers.renderChunk = (formulas, macros) => {
      missesAtChunk.push(renderer.math.stats().misses);
      return send(formulas, macros);
    };
    const renderer = new NoteRenderer({ parallelMath: workers });
    const { slices, sink } = harness(4, renderer);
    slices.render(new Note(text), { start: 0, end: 20 }, sink);
    assert.ok(missesAtChunk.length > 0, 'the render sent the workers chunks');
    assert.equal(missesAtChunk[0], 0, 'no formula was rendered on this thread before the workers had theirs');
  });

  it("asks nothing of the workers on a keystroke whose first pass renders everything (that question is a tenth of the edit's time)", async () => {
    const text = manyFormulas();
    const workers = new InThreadWorkers();
    let asked = 0;
    const counted: ParallelMath = {
      get size() {
        asked++;
        return workers.size;
      },
      renderChunk: (formulas, macros) => workers.renderChunk(formulas, macros),
    };
    const { slices, updates, sink, queue, timers } = harness(4, new NoteRenderer({ parallelMath: counted }));
    slices.render(new Note(text), { start: 0, end: 20 }, sink);
    assert.ok(asked > 0, "the note's first render puts the workers on it");
    while (!updates.at(-1)!.done || workers.pending > 0) {
      if (queue.length > 0) queue.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    asked = 0;
    slices.render(new Note(text.replace('Paragraph 5:', 'Edited paragraph 5:')), { start: 0, end: 20 }, sink);
    assert.equal(updates.at(-1)!.done, true, 'the edit is rendered in its first pass');
    assert.equal(asked, 0, 'the edit asked whether to start the workers');
    assert.equal(timers.length, 0, 'the edit set a timer (no warm-up is due)');
  });

  it("stops sending an older version's formulas to the workers when a newer version comes in", async () => {
    const text = manyFormulas();
    const edited = text.replace('Paragraph 5:', 'Edited paragraph 5:');
    const workers = new InThreadWorkers();
    const { slices, view, updates, sink, queue } = harness(4, new NoteRenderer({ parallelMath: workers }));
    slices.render(new Note(text), { start: 0, end: 20 }, sink);
    slices.render(new Note(edited), { start: 0, end: 20 }, sink);
    while (!updates.at(-1)!.done || workers.pending > 0) {
      if (queue.length > 0) queue.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sent = workers.sent.flat();
    const twice = sent.length - new Set(sent).size;
    // The older version's chunks already in flight are sent again by the newer one, nothing more.
    assert.ok(twice <= 8 * 24, `${twice} formulas went to the workers twice`);
    assert.deepEqual(view.shown(), fullRender(edited));
  });

  it("leaves the cores to the webview while it loads: the shell's visible part starts no worker, the render does", async () => {
    const text = manyFormulas();
    const workers = new InThreadWorkers();
    const { slices, view, updates, sink, queue } = harness(4, new NoteRenderer({ parallelMath: workers }));
    slices.visiblePart(new Note(text), { start: 0, end: 20 });
    assert.equal(workers.sent.length, 0, 'no formula goes to a worker before the webview has asked for the note');
    assert.equal(queue.length, 0, 'the shell schedules no slice');
    await new Promise((resolve) => setImmediate(resolve));
    slices.render(new Note(text), { start: 0, end: 20 }, sink);
    assert.ok(workers.sent.length > 0, "the render's first pass starts the workers");
    while (!updates.at(-1)!.done || workers.pending > 0) {
      if (queue.length > 0) queue.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sent = workers.sent.flat();
    assert.equal(sent.length, new Set(sent).size, 'no formula went to the workers twice');
    assert.deepEqual(view.shown(), fullRender(text));
  });

  it('renders at most `sliceChars` of source per slice beyond the visible range, however fast it goes', () => {
    // A clock that never moves: the time budget never ends a slice (as when the workers have rendered the formulas).
    const text = longNote(120);
    const lines = text.split('\n');
    const queue: Array<() => void> = [];
    const slices = new ProgressiveRender(new NoteRenderer({}), {
      now: () => 0,
      wholeUpToChars: 0,
      sliceChars: 500,
      later: (task) => {
        queue.push(task);
        return () => {};
      },
    });
    const view = new WebviewModel();
    const visible = { start: 0, end: 10 };
    const rendered = new Set<number>();
    const perSlice: number[] = [];
    let longestBlock = 0;
    let done = false;
    slices.render(new Note(text), visible, (update, last) => {
      view.apply(update, perSlice.length === 0);
      done = last;
      let chars = 0;
      for (const block of view.blocks) {
        if (isPlaceholder(block.html) || rendered.has(block.startLine)) continue;
        rendered.add(block.startLine);
        if (block.endLine > visible.start && block.startLine < visible.end) continue;
        const source = lines.slice(block.startLine, block.endLine).join('\n');
        // Headings and macro definitions are never deferred (the blocks after them depend on them): not a slice's.
        if (/^#|\\gdef/.test(source)) continue;
        const length = source.length;
        longestBlock = Math.max(longestBlock, length);
        chars += length;
      }
      perSlice.push(chars);
    });
    while (queue.length > 0) queue.shift()!();
    assert.equal(done, true);
    assert.ok(perSlice.length > text.length / 1000, `${perSlice.length} slices for ${text.length} characters`);
    for (const chars of perSlice) assert.ok(chars <= 500 + longestBlock, `a slice rendered ${chars} characters: ${perSlice.join(', ')}`);
    assert.deepEqual(view.shown(), fullRender(text), 'the same note in the end');
  });

  it('renders a short note in one pass', () => {
    const text = longNote(8);
    const queue: Array<() => void> = [];
    const slices = new ProgressiveRender(new NoteRenderer({}), {
      later: (task) => {
        queue.push(task);
        return () => {};
      },
    });
    const updates: boolean[] = [];
    slices.render(new Note(text), { start: 0, end: 10 }, (update, done) => updates.push(done && update.pendingBlocks === 0));
    assert.deepEqual(updates, [true]);
    assert.equal(queue.length, 0);
  });
});
