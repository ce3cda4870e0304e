// Our side of each benchmark, adapted to the harness in one place: when an API of the extension
// changes, only this file changes. Each factory throws NotAvailable (→ a "not available: <why>"
// row) while the module it needs is missing.
import { NotAvailable, loadOut, need } from './ours.mjs';

/**
 * `() => void` validating the front matter of the post at `path`, as the diagnostics adapter does
 * on every change: the blog is found once (the adapter caches it), the validation runs each time.
 */
export function createOurValidator(path, text) {
  const validatePath = 'src/core/frontMatter/validate';
  const validateFrontMatter = need(loadOut(validatePath), validatePath, 'validateFrontMatter');
  const discoverPath = 'src/core/blog/discover';
  const discover = loadOut(discoverPath);
  const findBlog = need(discover, discoverPath, 'findBlog');
  const noteScope = need(discover, discoverPath, 'noteScope');
  const NodeFileSystem = need(loadOut('src/node/nodeFileSystem'), 'src/node/nodeFileSystem', 'NodeFileSystem');
  const { englishText } = loadOut('src/core/text');
  const fs = new NodeFileSystem();
  const blog = findBlog(path, fs);
  const ctx = { scope: noteScope(path, blog), blog, fileName: path, notePath: path, fs };
  const diagnostics = validateFrontMatter(text, ctx, englishText);
  if (diagnostics.some((d) => /internal error/.test(d.message))) throw new NotAvailable(`validateFrontMatter failed: ${diagnostics[0].message}`);
  return () => validateFrontMatter(text, ctx, englishText);
}

/**
 * `{ firstRender(text), openSession(text) → { update(text), describe() } }`: a whole note rendered
 * by a new NoteRenderer into the `full` message, and an incremental session that turns each new
 * version into the `patch` message posted to the webview. Messages are JSON-serialised, as
 * postMessage does, and so is the baseline's HTML.
 */
export function createOurRenderer() {
  const path = 'src/core/render/renderNote';
  const NoteRenderer = need(loadOut(path), path, 'NoteRenderer');
  // The preview's KaTeX worker pool (one per extension host, as src/extension.ts makes it), if built.
  const poolPath = 'src/node/katexPool';
  const KatexWorkerPool = loadOut(poolPath).KatexWorkerPool;
  const pool = KatexWorkerPool ? new KatexWorkerPool() : undefined;
  const options = { ...previewOptions(), parallelMath: pool };
  const settings = { scrollSync: true, butterflyStyle: false };
  return {
    /** As the preview does it: `prepare` (formulas into the cache, in parallel), then the render. */
    async firstRender(text) {
      const renderer = new NoteRenderer(options);
      const prepared = renderer.prepare ? await renderer.prepare(text) : text;
      const note = renderer.render(prepared);
      return JSON.stringify({ type: 'full', version: 1, headerHtml: note.headerHtml, blocks: note.blocks, settings });
    },
    describe() {
      return pool ? `${pool.size} KaTeX worker(s) + the calling thread` : 'one thread';
    },
    dispose() {
      pool?.dispose();
    },
    openSession(text) {
      const renderer = new NoteRenderer(options);
      renderer.render(text);
      let version = 1;
      let last;
      return {
        /** As the preview does on every change: `prepare` (which skips the workers for an edit), then `update`. */
        async update(next) {
          last = renderer.update(renderer.prepare ? await renderer.prepare(next) : next);
          const { removed, added, lines, headerHtml } = last.patch;
          return JSON.stringify({ type: 'patch', version: ++version, removed, added, lines, headerHtml });
        },
        describe() {
          return last ? `last edit: ${last.renderedBlocks} block(s) re-rendered, ${last.patch.added.length} added, ${last.patch.removed.length} removed` : '';
        },
      };
    },
  };
}

/**
 * Render options as the preview passes them: default settings, no blog around the note, and the kl
 * fence renderer (kl blocks are evaluated on every pass, as in the extension).
 */
function previewOptions() {
  const cardPath = 'src/core/kl/card';
  const klFenceRenderer = need(loadOut(cardPath), cardPath, 'klFenceRenderer');
  const { englishText } = loadOut('src/core/text');
  return { fenceRenderers: { kl: klFenceRenderer(englishText) }, t: englishText };
}

/**
 * `(run) => void` evaluating the hover at `offset` of `note`, as the hover provider does. Each run
 * sees a different text (a line appended after the block): the core caches its analysis per note
 * text, and the hover that matters is the first one after an edit, not a cache hit.
 */
export function createOurHover(note, offset) {
  const hover = loadOut('src/core/kl/hover');
  const hoverAt = need(hover, 'src/core/kl/hover', 'hoverAt');
  const { defaultKlOptions } = loadOut('src/core/kl/context');
  const { englishText } = loadOut('src/core/text');
  const options = defaultKlOptions ?? { unit: 'nats', strict: false };
  const result = hoverAt(note, offset, options, englishText);
  if (!result?.markdown) throw new NotAvailable('hoverAt returned no hover at kl(P, Q)');
  // The edit goes INSIDE the kl block (a statement after kl(P, Q)), so the block results cannot come
  // from the cache that survives prose edits: every run parses and evaluates the 1,000-element lists.
  const fenceEnd = note.indexOf('\n```', offset);
  return (run) => hoverAt(`${note.slice(0, fenceEnd)}\nrun_${run} = ${run}${note.slice(fenceEnd)}`, offset, options, englishText);
}
