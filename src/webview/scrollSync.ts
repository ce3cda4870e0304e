/**
 * Two-way scroll sync by source line, in the manner of VS Code's markdown preview: the editor's top
 * line maps to a position interpolated between the two elements around it, and back. Each side
 * ignores the scroll events it caused itself (feedback guard) and reports at most once per frame.
 */
import type { BlockView } from './blocks';

export class ScrollSync {
  enabled = true;
  private ignoreNextScroll = false;
  private ignoreScrollsUntil = 0;
  private frameRequested = false;
  private cursorLine: number | undefined;
  private marked: HTMLElement | undefined;

  constructor(
    private readonly view: BlockView,
    private readonly report: (line: number) => void,
  ) {
    window.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  scrollToLine(line: number): void {
    if (!this.enabled) return;
    const top = this.offsetForLine(line);
    if (top === undefined) return;
    const target = Math.max(0, Math.min(top, document.documentElement.scrollHeight - window.innerHeight));
    // No scroll event fires when nothing moves; setting the guard then would swallow the user's next scroll.
    if (Math.abs(target - window.scrollY) < 1) return;
    this.ignoreNextScroll = true;
    window.scrollTo({ top: target, behavior: 'auto' });
  }

  /**
   * The DOM was replaced or patched. Chromium's scroll anchoring then shifts scrollY to keep the visible text
   * in place and fires scroll events; those are not the reader scrolling, and reporting them would move the
   * editor under the cursor of someone typing.
   */
  contentChanged(): void {
    this.ignoreScrollsUntil = performance.now() + 150;
  }

  markCursorLine(line: number): void {
    this.cursorLine = line;
    this.refreshMarker();
  }

  refreshMarker(): void {
    this.marked?.classList.remove('mp-cursor-line');
    this.marked = undefined;
    if (this.cursorLine === undefined) return;
    const { before } = this.around(this.cursorLine);
    if (before && before.element.id !== 'mp-header') {
      before.element.classList.add('mp-cursor-line');
      this.marked = before.element;
    }
  }

  private onScroll(): void {
    if (this.ignoreNextScroll) {
      this.ignoreNextScroll = false;
      return;
    }
    if (!this.enabled || this.frameRequested || performance.now() < this.ignoreScrollsUntil) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      const line = this.lineAtOffset(window.scrollY);
      if (line !== undefined) this.report(line);
    });
  }

  private around(line: number): { before?: { element: HTMLElement; line: number }; after?: { element: HTMLElement; line: number } } {
    const lines = this.view.lines();
    let low = 0;
    let high = lines.length - 1;
    if (high < 0) return {};
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lines[mid].line <= line) low = mid;
      else high = mid - 1;
    }
    const before = lines[low].line <= line ? lines[low] : undefined;
    const after = before ? lines[low + 1] : lines[0];
    return { before, after };
  }

  private offsetForLine(line: number): number | undefined {
    const { before, after } = this.around(Math.floor(line));
    if (!before) return after ? top(after.element) : undefined;
    const start = top(before.element);
    const fraction = line - before.line;
    const end = after ? top(after.element) : start + before.element.getBoundingClientRect().height;
    const span = after ? after.line - before.line : 1;
    return start + ((end - start) * fraction) / Math.max(1, span);
  }

  private lineAtOffset(offset: number): number | undefined {
    const lines = this.view.lines();
    if (lines.length === 0) return undefined;
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (top(lines[mid].element) <= offset) low = mid;
      else high = mid - 1;
    }
    const current = lines[low];
    const next = lines[low + 1];
    const start = top(current.element);
    const end = next ? top(next.element) : start + current.element.getBoundingClientRect().height;
    if (end <= start) return current.line;
    const fraction = Math.min(1, Math.max(0, (offset - start) / (end - start)));
    return current.line + fraction * ((next ? next.line : current.line + 1) - current.line);
  }
}

function top(element: HTMLElement): number {
  return element.getBoundingClientRect().top + window.scrollY;
}
