/**
 * The preview's render in slices (issue #15): the blocks around the editor's visible range first, posted
 * at once, then the rest in short slices, each run from a new turn of the event loop so a keystroke
 * waiting behind it is handled first. The region rendered so far is `[0, top) ∪ [low, high)`: it grows
 * downward from the visible range to the end, then from the top of the note down to the visible range,
 * so every slice adds one contiguous run of blocks (one small patch, Chromium's scroll anchoring keeps
 * the visible text still). A new call (an edit, new settings) drops the remaining slices of the old one;
 * blocks rendered so far stay in the NoteRenderer's cache, so the new pass does not redo them.
 *
 * Between the first pass and the slices, the formulas still to render go to the renderer's KaTeX workers
 * (`NoteRenderer.prefetch`: the workers and this thread, yielding as they go), so the slices find them cached
 * and the whole note is in sooner than one thread could render it. Without workers it is all synchronous.
 */
import type { SourceBlock } from '../note/blocks';
import type { Note } from '../note/note';
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
}

/** Called with each pass's update; `done` when no placeholder is left. */
export type SliceSink = (update: NoteUpdate, done: boolean) => void;

const DEFAULT_SLICE_MS = 12;
/** About 300 lines of prose: rendered at once in a few tens of ms, so one message is the better deal. */
const DEFAULT_WHOLE_UP_TO_CHARS = 24_000;

const reportLater = (error: unknown): void => {
  throw error;
};

const nextTurn = (task: () => void): (() => void) => {
  const handle = setTimeout(task, 0);
  return () => clearTimeout(handle);
};

export class ProgressiveRender {
  private cancelNext: (() => void) | undefined;
  /** Bumped by every new render and by `cancel`: a prefetch that ends for an older call schedules nothing. */
  private generation = 0;
  /** The prefetch in flight, if any: the next one waits for it, so two never render the same formulas at once. */
  private prefetching: Promise<unknown> | undefined;
  /** The first pass is posted and the rest waits for the prefetch. */
  private waiting = false;
  private readonly sliceMs: number;
  private readonly now: () => number;
  private readonly later: (task: () => void) => () => void;
  private readonly wholeUpToChars: number;

  constructor(
    private readonly renderer: NoteRenderer,
    options: SliceOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.now = options.now ?? (() => performance.now());
    this.later = options.later ?? nextTurn;
    this.wholeUpToChars = options.wholeUpToChars ?? DEFAULT_WHOLE_UP_TO_CHARS;
  }

  /** Slices are still to come (or the formulas they need are being prefetched). */
  get running(): boolean {
    return this.cancelNext !== undefined || this.waiting;
  }

  /**
   * Renders `note`: the first pass now (the visible range, then as much as one slice's budget allows),
   * handed to `sink` before this returns; the later passes from later turns until nothing is pending.
   */
  render(note: Note, visible: LineRange, sink: SliceSink, fail: (error: unknown) => void = reportLater): void {
    this.cancel();
    const generation = this.generation;
    if (note.text.length <= this.wholeUpToChars) {
      sink(this.renderer.update(note), true);
      return;
    }
    // The region rendered so far: [0, top) and [low, high).
    let top = 0;
    const low = Math.max(0, visible.start);
    let high = Math.max(low, visible.end);
    let belowDone = false;
    let first = true;
    const next = (): void => {
      this.cancelNext = this.later(() => {
        this.cancelNext = undefined;
        try {
          pass();
        } catch (error) {
          fail(error);
        }
      });
    };
    const pass = (): void => {
      const deadline = this.now() + this.sliceMs;
      let declinedBelow = false;
      let declinedAbove = false;
      // Called in document order, only for blocks the renderer's cache does not hold.
      const shouldRender = (block: SourceBlock): boolean => {
        if (block.endLine <= top || (block.endLine > low && block.startLine < high)) return true;
        if (block.startLine >= high) {
          // Below the region: extend it downward while the slice has time, without gaps.
          if (declinedBelow || this.now() >= deadline) return !(declinedBelow = true);
          high = block.endLine;
          return true;
        }
        // Above the visible range: only once everything below is in, from the top of the note down.
        if (!belowDone || declinedAbove || this.now() >= deadline) return !(declinedAbove = true);
        top = block.endLine;
        return true;
      };
      const update = this.renderer.update(note, shouldRender);
      belowDone ||= !declinedBelow;
      const done = update.pendingBlocks === 0;
      const prefetch = !done && first ? this.prefetchAfter(note) : undefined;
      first = false;
      if (prefetch) {
        this.waiting = true;
        prefetch.then(() => {
          if (generation !== this.generation) return;
          this.waiting = false;
          next();
        }, fail);
      } else if (!done) next();
      sink(update, done);
    };
    pass();
  }

  /** The renderer's prefetch of `note`'s formulas, after the one in flight; undefined when there is none to do. */
  private prefetchAfter(note: Note): Promise<unknown> | undefined {
    const generation = this.generation;
    const start = (): Promise<unknown> | undefined => (generation === this.generation ? this.renderer.prefetch(note) : undefined);
    const prefetch = this.prefetching ? this.prefetching.then(start, start) : start();
    if (!prefetch) return undefined;
    const tracked: Promise<unknown> = prefetch.finally(() => {
      if (this.prefetching === tracked) this.prefetching = undefined;
    });
    this.prefetching = tracked;
    return tracked;
  }

  /**
   * Only the blocks in `visible` (and the few never deferred), rendered now and nothing scheduled: what the
   * preview's HTML starts with, painted as soon as the webview loads. `blocks` holds those in `visible`.
   */
  visiblePart(note: Note, visible: LineRange): RenderedNote {
    this.cancel();
    const inside = (block: { startLine: number; endLine: number }): boolean => block.endLine > visible.start && block.startLine < visible.end;
    const { note: rendered } = this.renderer.update(note, inside);
    return { ...rendered, blocks: rendered.blocks.filter(inside) };
  }

  cancel(): void {
    this.generation++;
    this.waiting = false;
    this.cancelNext?.();
    this.cancelNext = undefined;
  }
}
