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
 * `{ firstRender(text), openSession(text, onOpening?) → { opened, update(text), describe() } }`, as the preview panel does it
 * (src/preview/previewPanel.ts): the shell's visible part, then `ProgressiveRender` — the visible range first,
 * the rest of the formulas to the KaTeX workers and this thread, then the remaining blocks in slices — until
 * the last slice is posted. Every message is JSON-serialised, as postMessage does, and so is the baseline's HTML.
 */
export function createOurRenderer() {
  const path = 'src/core/render/renderNote';
  const NoteRenderer = need(loadOut(path), path, 'NoteRenderer');
  const slicesPath = 'src/core/render/progressiveRender';
  const ProgressiveRender = need(loadOut(slicesPath), slicesPath, 'ProgressiveRender');
  const { Note } = loadOut('src/core/note/note');
  // The preview's KaTeX worker pool (one per extension host, as src/extension.ts makes it), if built.
  const poolPath = 'src/node/katexPool';
  const KatexWorkerPool = loadOut(poolPath).KatexWorkerPool;
  const pool = KatexWorkerPool ? new KatexWorkerPool() : undefined;
  const options = { ...previewOptions(), parallelMath: pool };
  const settings = { scrollSync: true, butterflyStyle: false };
  // The editor shows the top of a note opened afresh (previewPanel's visibleLines without an editor range).
  const visible = { start: 0, end: 60 };
  /** Renders `text` with `slices` until the last slice; resolves to the messages posted, serialised. */
  const renderAll = (slices, text, version, full) =>
    new Promise((resolve, reject) => {
      const messages = [];
      let blocks = 0;
      slices.render(
        Note.of(text), // `text` is a Note when the shell has made one: the panel shares the document version's Note
        visible,
        (update, done) => {
          const { removed, added, lines, headerHtml } = update.patch;
          messages.push(
            full && messages.length === 0
              ? JSON.stringify({ type: 'full', version, headerHtml: update.note.headerHtml, blocks: update.note.blocks, settings })
              : JSON.stringify({ type: 'patch', version, removed, added, lines, headerHtml }),
          );
          blocks += update.renderedBlocks;
          if (done) resolve({ messages, blocks });
        },
        reject,
      );
    });
  return {
    async firstRender(text) {
      const slices = new ProgressiveRender(new NoteRenderer(options));
      // One Note for the shell and the render, as previewPanel's `noteFor(document)` gives both.
      const note = Note.of(text);
      const shell = slices.visiblePart(note, visible);
      const { messages } = await renderAll(slices, note, 1, true);
      return [JSON.stringify(shell.blocks), ...messages];
    },
    describe() {
      return pool ? `${pool.size} KaTeX worker(s) + the calling thread, visible range first, then slices` : 'one thread, visible range first, then slices';
    },
    /**
     * Starts the pool's workers and has them render 400 of `text`'s formulas, as the pool's warm-up after a long note's
     * render does (ProgressiveRender, a second after its last slice): what an earlier long note leaves in a session.
     */
    async warmWorkers(text) {
      if (!pool) return;
      const { noteFormulaJobs } = loadOut('src/core/render/prefetchMath');
      await pool.renderChunk(noteFormulaJobs(text, options).slice(0, 400), {});
    },
    dispose() {
      pool?.dispose();
    },
    /** `onOpening(messages)` gets the first render's messages (the session does not keep them: an edit's GC would walk them). */
    openSession(text, onOpening = () => {}) {
      const slices = new ProgressiveRender(new NoteRenderer(options));
      const opened = renderAll(slices, text, 1, true).then(({ messages }) => onOpening(messages));
      let version = 1;
      let last;
      return {
        opened,
        /** As the preview does on every change: a new ProgressiveRender pass, until its last slice is posted. */
        async update(next) {
          await opened;
          const { messages, blocks } = await renderAll(slices, next, ++version, false);
          last = { blocks, count: messages.length };
          return messages;
        },
        describe() {
          return last ? `last edit: ${last.blocks} block(s) re-rendered in ${last.count} message(s)` : '';
        },
      };
    },
  };
}

/**
 * Render options as the preview passes them (src/preview/panelRendering.ts): default settings, no blog around
 * the note, the kl fence renderer, and style attributes moved to data-mp-style for the webview's CSP.
 */
function previewOptions() {
  const cardPath = 'src/core/kl/card';
  const klFenceRenderer = need(loadOut(cardPath), cardPath, 'klFenceRenderer');
  const { englishText } = loadOut('src/core/text');
  return { fenceRenderers: { kl: klFenceRenderer(englishText) }, t: englishText, stylesAsData: true };
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
