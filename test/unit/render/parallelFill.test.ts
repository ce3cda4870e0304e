/**
 * `mathpost render`'s parallel KaTeX (src/core/math/parallelFill.ts, src/node/katexWorkerChannel.ts): the note
 * renders on this thread while workers fill the cache from the end of the note. The page must be the one a
 * single thread renders, byte for byte, whoever rendered each formula and whenever the replies arrive.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FormulaJob, type MathResult, MathRenderer, renderWithKatex } from '../../../src/core/math/katexRenderer';
import { fillDuringRender, MIN_FILL_FORMULAS, type SyncParallelMath } from '../../../src/core/math/parallelFill';
import { noteBaseMacros, noteFormulaJobs } from '../../../src/core/render/prefetchMath';
import { renderNote, type RenderOptions } from '../../../src/core/render/renderNote';
import { KatexWorkerChannel } from '../../../src/node/katexWorkerChannel';

const options: RenderOptions = { macros: { '\\R': '\\mathbb{R}' } };

/** Distinct formulas of every kind the render meets: inline, display blocks, lists, tables, errors, CJK text. */
function note(count: number, extra = ''): string {
  const lines = ['---', 'title: fill', '---', ''];
  for (let i = 0; i < count; i++) {
    if (i % 5 === 0) lines.push('$$', `\\begin{aligned} D_{KL}(P_{${i}}\\|Q) &= \\sum_x P(x) \\log \\frac{P(x)}{Q(x)} \\end{aligned}`, '$$', '');
    else if (i % 5 === 1) lines.push(`- 第 ${i} 项 $\\theta_{${i}} \\in \\R^{${i}}$`, '');
    else if (i % 5 === 2) lines.push('| a |', '| --- |', `| $\\sqrt{${i}}$ |`, '');
    else if (i % 5 === 3) lines.push(`broken $\\frac{${i}}{$ here.`, '');
    else lines.push(`段落 $\\mathbb{E}[r_{${i}}] = \\frac{${i}}{${i + 1}}$。`, '');
  }
  return lines.join('\n') + extra;
}

/**
 * Workers that answer when asked: `receive` renders the chunks sent since the last call (as a worker would,
 * with renderWithKatex and the base macros) after `delay` calls, or never when `answer` is false.
 */
class ScriptedWorkers implements SyncParallelMath {
  readonly size = 1;
  readonly sent: FormulaJob[] = [];
  private queue: Array<{ id: number; formulas: FormulaJob[]; macros: Record<string, string>; wait: number }> = [];
  private nextId = 1;
  constructor(
    private readonly answer = true,
    private readonly delay = 0,
  ) {}
  send(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): number {
    this.sent.push(...formulas);
    this.queue.push({ id: this.nextId, formulas: [...formulas], macros: { ...macros }, wait: this.delay });
    return this.nextId++;
  }
  receive(): Array<{ id: number; results: MathResult[] }> {
    if (!this.answer) return [];
    const ready = this.queue.filter((chunk) => chunk.wait-- <= 0);
    this.queue = this.queue.filter((chunk) => !ready.includes(chunk));
    return ready.map((chunk) => ({ id: chunk.id, results: chunk.formulas.map((job) => renderWithKatex(job.tex, job.display, { ...chunk.macros })) }));
  }
}

function renderFilled(text: string, workers: SyncParallelMath) {
  const math = new MathRenderer();
  const fill = fillDuringRender(math, noteFormulaJobs(text, options), noteBaseMacros(options), workers);
  const rendered = renderNote(text, options, math);
  return { rendered, byWorkers: fill.finish(), math };
}

const htmlOf = (rendered: ReturnType<typeof renderNote>) => [rendered.headerHtml, ...rendered.blocks.map((block) => block.html)];

describe('render/parallel fill (workers fill the KaTeX cache while the note renders)', function () {
  this.timeout(120_000);

  it('renders byte for byte as one thread does, with the workers doing the end of the note', () => {
    const text = note(400);
    const serial = renderNote(text, options, new MathRenderer());
    for (const delay of [0, 3, 40]) {
      const workers = new ScriptedWorkers(true, delay);
      const { rendered, byWorkers } = renderFilled(text, workers);
      assert.deepEqual(htmlOf(rendered), htmlOf(serial), `replies after ${delay} misses`);
      assert.ok(byWorkers > 0, `replies after ${delay} misses: the workers rendered nothing`);
      // They were given the end of the note, never its beginning (which this thread reaches first).
      const jobs = noteFormulaJobs(text, options);
      assert.ok(!workers.sent.some((job) => job.tex === jobs[0].tex));
      assert.ok(workers.sent.some((job) => job.tex === jobs[jobs.length - 1].tex));
    }
  });

  it("stores what the workers send back, read on the render's cache misses", () => {
    const text = note(400);
    const alone = new MathRenderer();
    renderNote(text, options, alone);
    const { math, byWorkers } = renderFilled(text, new ScriptedWorkers());
    assert.ok(byWorkers > 100, `${byWorkers} by the workers`);
    // The same cache as one thread leaves: every formula once, under the key the render asks for.
    assert.equal(math.stats().size, alone.stats().size);
  });

  it('renders everything itself when the workers never answer', () => {
    const text = note(300);
    const workers = new ScriptedWorkers(false);
    const { rendered, byWorkers } = renderFilled(text, workers);
    assert.ok(workers.sent.length > 0);
    assert.equal(byWorkers, 0);
    assert.deepEqual(htmlOf(rendered), htmlOf(renderNote(text, options, new MathRenderer())));
  });

  it('keeps a macro definition and every formula after it, and small notes, on this thread', () => {
    const after = Array.from({ length: 150 }, (_, i) => `after $\\KL(P\\|Q_{${i}})^{\\mathrm{after}}$.`).join('\n\n');
    const text = note(200, `\n$\\gdef\\KL{D_{KL}}$ then $\\KL(P\\|Q)$.\n\n${after}\n`);
    const workers = new ScriptedWorkers();
    const { rendered } = renderFilled(text, workers);
    assert.deepEqual(htmlOf(rendered), htmlOf(renderNote(text, options, new MathRenderer())));
    assert.ok(workers.sent.length > 0);
    assert.ok(!workers.sent.some((job) => job.tex.includes('\\gdef') || job.tex.includes('after')), 'a formula at or after the definition went to a worker');

    const small = new ScriptedWorkers();
    renderFilled(note(Math.floor(MIN_FILL_FORMULAS / 2)), small);
    assert.equal(small.sent.length, 0);
  });
});

describe('render/KaTeX worker channel (replies read without yielding)', function () {
  this.timeout(120_000);

  /** Polls `receive` (synchronously, as the render does) until `count` replies came, or 30 s passed. */
  function receiveAll(channel: KatexWorkerChannel, count: number) {
    const replies: Array<{ id: number; results: MathResult[] }> = [];
    const deadline = Date.now() + 30_000;
    while (replies.length < count && Date.now() < deadline) {
      replies.push(...channel.receive());
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
    return replies;
  }

  it('renders chunks on its workers as this thread does', () => {
    const channel = new KatexWorkerChannel({ size: 2 });
    try {
      const chunks: FormulaJob[][] = [
        [
          { tex: '\\R^2', display: false },
          { tex: '\\frac{1}{', display: true },
        ],
        [{ tex: '\\sum_{i=1}^n x_i', display: true }],
      ];
      const ids = chunks.map((chunk) => channel.send(chunk, { '\\R': '\\mathbb{R}' }));
      const replies = receiveAll(channel, chunks.length);
      assert.equal(replies.length, chunks.length);
      for (const [i, chunk] of chunks.entries()) {
        const reply = replies.find((candidate) => candidate.id === ids[i]);
        assert.deepEqual(
          reply?.results,
          chunk.map((job) => renderWithKatex(job.tex, job.display, { '\\R': '\\mathbb{R}' })),
        );
      }
    } finally {
      channel.dispose();
    }
  });

  it('renders a whole note as one thread does, with real workers', () => {
    const text = note(400);
    const channel = new KatexWorkerChannel({ size: 1 });
    try {
      assert.deepEqual(htmlOf(renderFilled(text, channel).rendered), htmlOf(renderNote(text, options, new MathRenderer())));
    } finally {
      channel.dispose();
    }
  });

  it('starts its workers only for a note with many formulas', () => {
    const channel = new KatexWorkerChannel({ size: 1 });
    try {
      renderFilled(note(Math.floor(MIN_FILL_FORMULAS / 2)), channel);
      assert.equal(channel.running, 0, 'a worker was started for a small note');
      renderFilled(note(200), channel);
      assert.equal(channel.running, 1);
    } finally {
      channel.dispose();
    }
  });

  it('leaves the work to this thread when a worker cannot start', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'mathpost-channel-')), 'broken.js');
    writeFileSync(broken, 'throw new Error("no KaTeX here");');
    const channel = new KatexWorkerChannel({ size: 1, workerFile: broken });
    try {
      const text = note(200);
      const { rendered, byWorkers } = renderFilled(text, channel);
      assert.equal(byWorkers, 0);
      assert.deepEqual(htmlOf(rendered), htmlOf(renderNote(text, options, new MathRenderer())));
    } finally {
      channel.dispose();
    }
  });
});
