/**
 * The preview's render in slices (issue #15): the blocks around the editor's visible range first, posted
 * at once, then the rest in short slices, each run from a new turn of the event loop so a keystroke
 * waiting behind it is handled first. The region rendered so far is `[0, top) ∪ [low, high)`: it grows
 * downward from the visible range to the end, then from the top of the note down to the visible range,
 * so every slice adds one contiguous run of blocks (one small patch, Chromium's scroll anchoring keeps
 * the visible text still). A new call (an edit, new settings) drops the remaining slices of the old one;
 * blocks rendered so far stay in the NoteRenderer's cache, so the new pass does not redo them.
 *
 * As the first pass begins, the renderer's KaTeX workers start on the formulas in the slices' order
 * (`NoteRenderer.prefetch`), and the slices follow them: a block whose formulas the workers still hold waits for
 * their next reply, so this thread renders markdown and the workers KaTeX, each once. If no reply comes for
 * `patienceMs` (workers still starting, or starved of CPU), the slices render on without them. Workers that would
 * start cold on a machine with few cores take no part and warm up once the note is whole (ParallelMath.cold).
 * Without workers nothing changes.
 */
import type { SourceBlock } from '../note/blocks';
import type { Note } from '../note/note';
import type { NotePrefetch } from './prefetchMath';
import type { NoteRenderer, NoteUpdate, RenderedNote } from './renderNote';

/** Lines of the note to show first: the editor's visible range, or the top for a note opened afresh. */
export interface LineRange {
  start: number;
  end: number;
}

export interface SliceOptions {
  /** Rendering time per slice after the visible range, in ms (a slice may exceed it by one block). */
  sliceMs?: number;
  /** The clock the budget is measured on (tests pass a fake one). */
  now?: () => number;
  /** Runs `task` after the events already queued; returns what cancels it. */
  later?: (task: () => void) => () => void;
  /** Notes up to this many characters render in one pass (one message, as before slicing existed). */
  wholeUpToChars?: number;
  /** Source characters a slice renders at most beyond the visible range (a slice may exceed it by one block). */
  sliceChars?: number;
  /** How long the slices wait for the workers' next reply before they render the formulas themselves, in ms. */
  patienceMs?: number;
  /** Runs `task` after `ms` (tests pass a fake one); returns what cancels it. */
  after?: (ms: number, task: () => void) => () => void;
}

/** Called with each pass's update; `done` when no placeholder is left. */
export type SliceSink = (update: NoteUpdate, done: boolean) => void;

const DEFAULT_SLICE_MS = 12;
/**
 * Once the workers have rendered a stretch's formulas, 12 ms of this thread covers far more of the note: slices of
 * 0.8–1.3 MB of HTML, 150–250 ms of DOM work in the webview, in one piece. 7,000 characters of a math note are
 * ~250 KB of HTML (the benchmark note: 10,000 gave 350–400 KB): the webview's work per message stays in tens of
 * ms, and its scrolling stays smooth meanwhile.
 */
const DEFAULT_SLICE_CHARS = 7_000;
/** About 300 lines of prose: rendered at once in a few tens of ms, so one message is the better deal. */
const DEFAULT_WHOLE_UP_TO_CHARS = 24_000;
/**
 * A worker's chunk of 24 formulas is ~2–8 ms of its time; a worker that has not answered for this long is starting
 * (loading KaTeX: ~100 ms) or gets no CPU, and the slices go on alone meanwhile.
 */
const DEFAULT_PATIENCE_MS = 40;
/** How long after a render is whole cold workers start warming up (see ParallelMath.cold). */
const WARM_UP_DELAY_MS = 1_000;

const reportLater = (error: unknown): void => {
  throw error;
};

const afterMs = (ms: number, task: () => void): (() => void) => {
  const handle = setTimeout(task, ms);
  return () => clearTimeout(handle);
};

const nextTurn = (task: () => void): (() => void) => afterMs(0, task);

export class ProgressiveRender {
  private cancelNext: (() => void) | undefined;
  /** A `render` has run (the shell's `visiblePart` does not count): later ones are edits, settings, scrolls. */
  private rendered = false;
  /** The text the workers are on: a render of the same text keeps them on it, another text or `cancel` stops them. */
  private prefetching: { text: string; job: NotePrefetch | undefined } | undefined;
  private readonly sliceMs: number;
  private readonly now: () => number;
  private readonly later: (task: () => void) => () => void;
  private readonly wholeUpToChars: number;
  private readonly sliceChars: number;
  private readonly patienceMs: number;
  private readonly after: (ms: number, task: () => void) => () => void;

  constructor(
    private readonly renderer: NoteRenderer,
    options: SliceOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.now = options.now ?? (() => performance.now());
    this.later = options.later ?? nextTurn;
    this.wholeUpToChars = options.wholeUpToChars ?? DEFAULT_WHOLE_UP_TO_CHARS;
    this.sliceChars = options.sliceChars ?? DEFAULT_SLICE_CHARS;
    this.patienceMs = options.patienceMs ?? DEFAULT_PATIENCE_MS;
    this.after = options.after ?? afterMs;
  }

  /** Slices are still to come. */
  get running(): boolean {
    return this.cancelNext !== undefined;
  }

  /**
   * Renders `note`: the first pass now (the visible range, then as much as one slice's budget allows),
   * handed to `sink` before this returns; the later passes from later turns until nothing is pending.
   */
  render(note: Note, visible: LineRange, sink: SliceSink, fail: (error: unknown) => void = reportLater): void {
    this.cancelSlices();
    if (note.text.length <= this.wholeUpToChars) {
      this.prefetching = undefined; // a longer version's formulas are no longer wanted
      sink(this.renderer.update(note), true);
      return;
    }
    // The region rendered so far: [0, top) and [low, high).
    let top = 0;
    const low = Math.max(0, visible.start);
    let high = Math.max(low, visible.end);
    let belowDone = false;
    // The note's first render starts the workers before its first pass, not after it: they would be idle while this
    // thread renders the visible range. A later render (a keystroke) asks only if its first pass leaves blocks to
    // render: the question costs ~0.3 ms on 200 KB (NoteRenderer.prefetch counts the new formulas), a tenth of an edit.
    let workers = this.rendered ? undefined : this.prefetch(note, high);
    this.rendered = true;
    let first = true;
    // False once the workers let `patienceMs` pass without a reply while the slices waited; true again at their next one.
    let patient = true;
    let repliesSeen = 0;
    const starts = note.lines.starts;
    const offsetOf = (line: number): number => (line < starts.length ? starts[line] : note.text.length);
    const pass = (): void => {
      const deadline = this.now() + this.sliceMs;
      if (workers && workers.replies !== repliesSeen) {
        repliesSeen = workers.replies;
        patient = true;
      }
      // The workers have been silent too long: this pass renders what it reaches, theirs or not.
      const alone = !workers || !patient;
      let waiting = false;
      let chars = 0;
      const full = (): boolean => this.now() >= deadline || chars >= this.sliceChars;
      const withWorkers = (block: SourceBlock): boolean => {
        if (alone || !workers?.pendingIn(offsetOf(block.startLine), offsetOf(block.endLine))) return false;
        waiting = true;
        return true;
      };
      let declinedBelow = false;
      let declinedAbove = false;
      // Called in document order, only for blocks the renderer's cache does not hold.
      const shouldRender = (block: SourceBlock): boolean => {
        if (block.endLine <= top || (block.endLine > low && block.startLine < high)) return true;
        if (block.startLine >= high) {
          // Below the region: extend it downward while the slice has time, without gaps.
          if (declinedBelow || full() || withWorkers(block)) return !(declinedBelow = true);
          high = block.endLine;
          chars += block.text.length;
          return true;
        }
        // Above the visible range: only once everything below is in, from the top of the note down.
        if (!belowDone || declinedAbove || full() || withWorkers(block)) return !(declinedAbove = true);
        top = block.endLine;
        chars += block.text.length;
        return true;
      };
      const update = this.renderer.update(note, shouldRender);
      belowDone ||= !declinedBelow;
      const done = update.pendingBlocks === 0;
      if (first && !done && !workers) workers = this.prefetch(note, high);
      first = false;
      const next = (): void => {
        this.cancelNext = undefined;
        try {
          pass();
        } catch (error) {
          fail(error);
        }
      };
      if (done) {
        this.cancelNext = undefined;
        // Starting a worker is no part of this render: a second after its last slice, when the webview has applied it.
        if (this.renderer.warmUpPending) this.after(WARM_UP_DELAY_MS, () => this.renderer.warmUpWorkers(note));
      } else if (waiting && workers)
        this.cancelNext = this.afterReply(workers, next, () => {
          patient = false;
          next();
        });
      else this.cancelNext = this.later(next);
      sink(update, done);
    };
    pass();
  }

  /**
   * Runs `task` once the workers' next reply is cached, or `impatient` after `patienceMs` without one; returns what
   * cancels it.
   */
  private afterReply(workers: NotePrefetch, task: () => void, impatient: () => void): () => void {
    let cancelled = false;
    let cancelTimer = (): void => {};
    const run = (then: () => void) => (): void => {
      if (cancelled) return;
      cancelled = true;
      cancelTimer();
      then();
    };
    void workers.progress().then(() => {
      if (cancelled) return;
      // A new turn, as for any slice: events queued meanwhile (a keystroke) go first.
      cancelTimer();
      cancelTimer = this.later(run(task));
    });
    cancelTimer = this.after(this.patienceMs, run(impatient));
    return () => {
      cancelled = true;
      cancelTimer();
    };
  }

  /**
   * Only the blocks in `visible` (and the few never deferred), rendered now and no slice scheduled: what the
   * preview's HTML starts with, painted as soon as the webview loads. `blocks` holds those in `visible`. No
   * worker starts here: while the webview loads, the machine's cores are the workbench's and the webview's (on
   * 2 cores, a worker rendering then delayed the first paint by ~0.5 s, issue #15); the `render` that follows
   * the webview's "ready" starts them.
   */
  visiblePart(note: Note, visible: LineRange): RenderedNote {
    this.cancelSlices();
    const inside = (block: { startLine: number; endLine: number }): boolean => block.endLine > visible.start && block.startLine < visible.end;
    const { note: rendered } = this.renderer.update(note, inside);
    return { ...rendered, blocks: rendered.blocks.filter(inside) };
  }

  /** Stops the slices to come and the workers' prefetch. */
  cancel(): void {
    this.prefetching = undefined;
    this.cancelSlices();
  }

  private cancelSlices(): void {
    this.cancelNext?.();
    this.cancelNext = undefined;
  }

  /**
   * Puts the renderer's workers on `note`'s formulas, in the slices' order from `fromLine` on, unless they are on this
   * text already (a render of the same text again, e.g. after a settings change, keeps them on it). Returns them.
   */
  private prefetch(note: Note, fromLine: number): NotePrefetch | undefined {
    if (this.prefetching?.text === note.text) return this.prefetching.job;
    const entry: { text: string; job: NotePrefetch | undefined } = { text: note.text, job: undefined };
    this.prefetching = entry;
    // A failed prefetch costs only time: the slices render whatever the workers did not.
    entry.job = this.renderer.prefetch(note, fromLine, () => this.prefetching === entry);
    const finished = (): void => {
      if (this.prefetching === entry) this.prefetching = undefined;
    };
    if (entry.job) entry.job.done.then(finished, finished);
    else finished();
    return entry.job;
  }
}
