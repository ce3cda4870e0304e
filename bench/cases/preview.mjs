// preview.first-render-200kb: the 200 KB note rendered from nothing (a new renderer, and a note
//   variant whose formulas no cache has seen) vs the built-in pipeline rendering the same text.
// preview.first-render-200kb-cold-worker: the same, with a new worker pool each run (cold).
// preview.edit-200kb: one line typed into that note → the updated blocks, serialised as they are
//   posted to the webview, vs the built-in preview's full re-render of the new text.
import { BASELINE_PREVIEW, createBaselineEngine } from '../lib/baseline.mjs';
import { compare, emptyGcMs } from '../lib/harness.mjs';
import { countFormulas, editNote, generateNote } from '../lib/note.mjs';
import { NotAvailable } from '../lib/ours.mjs';
import { createOurRenderer } from '../lib/ourSides.mjs';

function tryOurs(factory) {
  try {
    return { ours: factory() };
  } catch (error) {
    if (error instanceof NotAvailable) return { why: error.message };
    throw error;
  }
}

/**
 * The 200 KB note rendered whole by `firstRender(run, text)` (null: not available, `why`) and by a new baseline engine
 * per run (as a preview opened on a fresh window has). One variant per run (seed 1000 + run), the same text for both
 * sides within a run: KaTeX output caches keyed by formula source cannot turn a "first" render into a warm one.
 */
async function measureFirstRender(quick, firstRender, why, describe) {
  const variants = new Map();
  const variant = (run) => {
    if (!variants.has(run)) variants.set(run, generateNote(1000 + run));
    return variants.get(run);
  };
  const result = await compare({
    prepare: variant,
    ours: firstRender ? (run) => firstRender(variant(run)) : null,
    baseline: (run) => JSON.stringify({ type: 'updateContent', content: createBaselineEngine().render(variant(run)) }),
    warmup: quick ? 1 : 2,
    minRuns: quick ? 1 : 5,
    maxRuns: quick ? 1 : 15,
    budgetMs: quick ? 0 : 10_000,
  });
  if (why) return { ...result, baseline: BASELINE_PREVIEW, status: 'not available', note: why };
  const formulas = countFormulas(variant(0));
  return {
    ...result,
    baseline: BASELINE_PREVIEW,
    formulas: formulas.total,
    distinct_formulas: formulas.distinct,
    note: `new renderer and unseen formulas each run; ${formulas.distinct} distinct of ${formulas.total} formulas per note; ${describe()}`,
  };
}

export const firstRender = {
  name: 'preview.first-render-200kb',
  goal: 'ratio ≥ 1.5',
  meets: (r) => r.ratio >= 1.5,
  async run({ quick }) {
    const { ours: renderer, why } = tryOurs(createOurRenderer);
    try {
      // Warm, as after an earlier long note of the session (below 4 cores a render starts no worker; see the next row).
      await renderer?.warmWorkers?.(generateNote(999));
      return await measureFirstRender(
        quick,
        renderer && ((text) => renderer.firstRender(text)),
        why,
        () =>
          `${renderer.describe?.() ?? 'one thread'}; the workers warmed on another note first and up between runs, as in the extension host within 5 minutes of the last long render`,
      );
    } finally {
      renderer?.dispose?.();
    }
  },
};

/**
 * preview.first-render-200kb-cold-worker: as preview.first-render-200kb, but with a new worker pool each run, ended after
 * the render: the first long note of a session, or one opened 5 minutes after the last. From 4 cores the workers start
 * with the render and load KaTeX while the note renders; below 4 the render starts none (KatexWorkerPool.cold: a
 * worker starting beside the render made it 0.67–0.78× the baseline on 2 cores). No goal: it says what the warm
 * figure leaves out.
 */
export const firstRenderColdWorker = {
  name: 'preview.first-render-200kb-cold-worker',
  async run({ quick }) {
    const { ours: probe, why } = tryOurs(createOurRenderer);
    const described = probe?.describe?.();
    probe?.dispose?.();
    const coldRender = async (text) => {
      const renderer = createOurRenderer();
      try {
        return await renderer.firstRender(text);
      } finally {
        renderer.dispose?.();
      }
    };
    return measureFirstRender(
      quick,
      probe && coldRender,
      why,
      () =>
        `${described}, a new worker pool each run, ended after the render: from 4 cores its workers start with the render, below 4 the render starts none and goes alone (KatexWorkerPool.cold)`,
    );
  },
};

export const editRender = {
  name: 'preview.edit-200kb',
  goal: 'ratio ≥ 20',
  meets: (r) => r.ratio >= 20,
  async run({ quick }) {
    const { ours: renderer, why } = tryOurs(createOurRenderer);
    const note = generateNote(1);
    // Cumulative one-line edits: version n+1 differs from version n by one line.
    const versions = [note];
    const version = (run) => {
      while (versions.length <= run + 1) versions.push(editNote(versions[versions.length - 1], versions.length).text);
      return versions[run + 1];
    };
    const session = renderer?.openSession(note);
    const baseline = createBaselineEngine();
    baseline.render(note);
    const result = await compare({
      prepare: version,
      ours: session ? (run) => session.update(version(run)) : null,
      baseline: (run) => JSON.stringify({ type: 'updateContent', content: baseline.render(version(run)) }),
      warmup: quick ? 1 : 3,
      minRuns: quick ? 2 : 8,
      maxRuns: quick ? 2 : 40,
      budgetMs: quick ? 0 : 8_000,
    });
    // With both sides' state still alive, as during the samples: how much of each sample's GC is the heap's own.
    const emptyGc = emptyGcMs();
    renderer?.dispose?.();
    if (why) return { ...result, baseline: `${BASELINE_PREVIEW}, full re-render`, status: 'not available', note: why };
    return {
      ...result,
      baseline: `${BASELINE_PREVIEW}, full re-render`,
      empty_gc_ms: Math.round(emptyGc * 10) / 10,
      note: `${session.describe?.()}; each sample of both sides ends with a full GC, and one that finds nothing to collect takes ${emptyGc.toFixed(1)} ms in this process`,
    };
  },
};
