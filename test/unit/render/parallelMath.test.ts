import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FormulaJob, MathRenderer, MIN_PARALLEL_FORMULAS, type ParallelMath } from '../../../src/core/math/katexRenderer';
import { Note } from '../../../src/core/note/note';
import { NoteRenderer, renderNote, type RenderOptions } from '../../../src/core/render/renderNote';
import { KatexWorkerPool } from '../../../src/node/katexPool';

/** A note with `count` distinct formulas in every place the render finds math, errors included. */
function manyFormulaNote(count: number, extra = ''): string {
  const lines = ['---', 'title: parallel', '---', ''];
  for (let i = 0; i < count; i++) {
    switch (i % 8) {
      case 0:
        lines.push(`段落 ${i}：$\\mathbb{E}_{x\\sim p}[\\log p_{${i}}(x)] = \\frac{${i}}{${i + 1}}$，以及 $\\R^{${i}}$。`, '');
        break;
      case 1:
        lines.push('$$', `\\begin{aligned} D_{KL}(P_{${i}}\\|Q) &= \\sum_x P(x) \\log \\frac{P(x)}{Q(x)} \\\\ &\\ge ${i} \\end{aligned}`, '$$', '');
        break;
      case 2:
        lines.push(`- item $\\theta_{${i}} = 0.${i}$`, `- item $\\frac{${i}}{2}$`, '');
        break;
      case 3:
        lines.push('| a | b |', '| --- | --- |', `| $x_{${i}}$ | $\\sqrt{${i}}$ |`, '');
        break;
      case 4:
        lines.push(`> quoted $\\hat{A}_{${i}} = \\sum_l (\\gamma\\lambda)^l$`, '');
        break;
      case 5:
        lines.push(`broken $\\frac{${i}}{$ and unknown $\\notacommand{${i}}$ here.`, '');
        break;
      case 6:
        lines.push(`{% note info %}`, `tag body $r_{${i}}(\\theta) = \\pi_\\theta / \\pi_{old}$`, `{% endnote %}`, '');
        break;
      default:
        lines.push(`Display inline $$\\int_0^{${i}} e^{-x}\\,dx$$ and \`$not math ${i}$\`.`, '');
    }
  }
  return lines.join('\n') + extra;
}

const options: RenderOptions = { macros: { '\\R': '\\mathbb{R}' } };

/** The real pool, counting what it is given. */
class CountingPool implements ParallelMath {
  readonly formulas: FormulaJob[] = [];
  readonly warmedOn: FormulaJob[] = [];
  constructor(private readonly inner: ParallelMath) {}
  get size(): number {
    return this.inner.size;
  }
  get cold(): boolean | undefined {
    return this.inner.cold;
  }
  warmUp(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>): void {
    this.warmedOn.push(...formulas);
    this.inner.warmUp?.(formulas, macros);
  }
  renderChunk(formulas: readonly FormulaJob[], macros: Readonly<Record<string, string>>) {
    this.formulas.push(...formulas);
    return this.inner.renderChunk(formulas, macros);
  }
}

/** The note rendered after the workers' prefetch, and how many formulas the render itself still had to give KaTeX. */
async function renderInParallel(text: string, parallel: ParallelMath, renderOptions: RenderOptions = options) {
  const math = new MathRenderer();
  const renderer = new NoteRenderer({ ...renderOptions, parallelMath: parallel }, math);
  const prepared = Note.of(text);
  // No slices run meanwhile here, so the workers take every formula they may.
  await renderer.prefetch(prepared, 0, () => true)?.done;
  math.resetStats();
  const note = renderer.render(prepared);
  return Object.assign(note, { renderedAfterPrepare: math.stats().misses, renderer });
}

describe('render/parallel KaTeX (worker threads)', function () {
  this.timeout(60_000);
  let pool: KatexWorkerPool;
  before(() => {
    // As on a machine of 8 cores: workers that a render starts take part in it (see COLD_START_MIN_CORES).
    pool = new KatexWorkerPool({ size: 2, cores: 8 });
  });
  after(() => pool.dispose());

  it('renders a note with many formulas byte for byte as one thread does, with the workers doing part of it', async () => {
    const text = manyFormulaNote(400);
    const counting = new CountingPool(pool);
    const parallel = await renderInParallel(text, counting);
    const serial = renderNote(text, options, new MathRenderer());
    assert.ok(counting.formulas.length > 0, 'the workers rendered nothing');
    // Every formula was found before the render (display blocks included), so the render gave KaTeX nothing.
    assert.equal(parallel.renderedAfterPrepare, 0);
    assert.equal(parallel.blocks.length, serial.blocks.length);
    for (let i = 0; i < serial.blocks.length; i++) assert.equal(parallel.blocks[i].html, serial.blocks[i].html, `block ${i} differs`);
    assert.equal(parallel.headerHtml, serial.headerHtml);
    // The errors came from the workers as they do from this thread: the message, escaped, in the block.
    assert.ok(counting.formulas.some((job) => job.tex.startsWith('\\frac{5}{')));
    assert.match(parallel.blocks.map((block) => block.html).join(''), /mp-math-error/);
  });

  it('leaves a macro definition and every formula after it to the render, in order', async () => {
    const after = Array.from({ length: 150 }, (_, i) => `after $w_{${i}}^{\\mathrm{after}} + \\KL(P\\|Q_{${i}})$ and $v_{${i}}^{\\mathrm{after}}$.`).join(
      '\n\n',
    );
    const text = manyFormulaNote(200, `\n$\\gdef\\KL{D_{KL}}$ then $\\KL(P\\|Q)$.\n\n${after}\n`);
    const counting = new CountingPool(pool);
    const parallel = await renderInParallel(text, counting);
    const serial = renderNote(text, options, new MathRenderer());
    assert.deepEqual(
      parallel.blocks.map((block) => block.html),
      serial.blocks.map((block) => block.html),
    );
    assert.ok(counting.formulas.length > 0);
    assert.ok(
      !counting.formulas.some((job) => job.tex.includes('\\gdef') || job.tex.includes('after')),
      'a formula at or after the definition went to a worker',
    );
  });

  it('keeps a note with few formulas on one thread', async () => {
    const text = manyFormulaNote(Math.floor(MIN_PARALLEL_FORMULAS / 4));
    const counting = new CountingPool(pool);
    const parallel = await renderInParallel(text, counting);
    assert.equal(counting.formulas.length, 0);
    assert.deepEqual(parallel.blocks, renderNote(text, options, new MathRenderer()).blocks);
  });

  it('renders everything when a worker cannot start (its formulas are left to the render)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mathpost-worker-'));
    const broken = join(folder, 'broken.js');
    writeFileSync(broken, 'throw new Error("no KaTeX here");');
    const brokenPool = new KatexWorkerPool({ size: 1, workerFile: broken, cores: 8 });
    try {
      const text = manyFormulaNote(200);
      const parallel = await renderInParallel(text, brokenPool);
      assert.deepEqual(parallel.blocks, renderNote(text, options, new MathRenderer()).blocks);
    } finally {
      brokenPool.dispose();
    }
  });

  it('below 4 cores, starts no worker for a render, and warms one for the next render once it is whole', async () => {
    const twoCores = new KatexWorkerPool({ size: 1, cores: 2 });
    try {
      assert.equal(twoCores.cold, true);
      const counting = new CountingPool(twoCores);
      const text = manyFormulaNote(200);
      const alone = await renderInParallel(text, counting);
      assert.equal(counting.formulas.length, 0, 'a worker took part in the render that would have started it');
      assert.deepEqual(alone.blocks, renderNote(text, options, new MathRenderer()).blocks);
      assert.equal(counting.warmedOn.length, 0, 'nothing to warm up before the render is whole');
      alone.renderer.warmUpWorkers(Note.of(text));
      assert.ok(counting.warmedOn.length > 200, `the worker warmed up on the note's formulas (${counting.warmedOn.length})`);
      assert.equal(twoCores.running, 1);
      assert.equal(twoCores.cold, false);
      const next = manyFormulaNote(200, '\n$z_{next}$\n');
      const warm = await renderInParallel(next, counting);
      assert.ok(counting.formulas.length > 0, 'the warm worker took part in the next render');
      assert.deepEqual(warm.blocks, renderNote(next, options, new MathRenderer()).blocks);
    } finally {
      twoCores.dispose();
    }
    assert.equal(new KatexWorkerPool({ size: 3, cores: 4 }).cold, false, 'from 4 cores a render starts its workers');
  });

  it('ends its workers after the idle time and starts them again on demand', async () => {
    const idle = new KatexWorkerPool({ size: 1, idleMs: 50 });
    try {
      const [result] = await idle.renderChunk([{ tex: 'x^2', display: false }], {});
      assert.match(result.html, /katex/);
      assert.equal(idle.running, 1);
      const deadline = Date.now() + 10_000;
      while (idle.running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(idle.running, 0, 'the worker was not ended when idle');
      const [again] = await idle.renderChunk([{ tex: '\\frac{1}{', display: true }], {});
      assert.equal(again.html, '');
      assert.match(again.error?.message ?? '', /expected '}'/);
    } finally {
      idle.dispose();
    }
  });
});
