/**
 * The DOM side of the block protocol: one wrapper element per block, found by id, patched in place.
 */
import type { BlockData, HostMessage } from '../shared/protocol';

type PatchMessage = Extract<HostMessage, { type: 'patch' }>;

export class BlockView {
  private readonly elements = new Map<string, HTMLElement>();
  /** Elements with a source line, in document order; rebuilt lazily after a change. */
  private lineIndex: Array<{ element: HTMLElement; line: number }> | undefined;

  constructor(
    private readonly header: HTMLElement,
    private readonly body: HTMLElement,
  ) {}

  replaceAll(headerHtml: string, blocks: readonly BlockData[]): void {
    this.setHeader(headerHtml);
    this.elements.clear();
    const fragment = document.createDocumentFragment();
    for (const block of blocks) fragment.appendChild(this.create(block));
    this.body.replaceChildren(fragment);
    this.lineIndex = undefined;
  }

  /** Applies a patch; returns the elements it added (only they may need the code blocks' toolbars). */
  patch(message: PatchMessage): HTMLElement[] {
    if (message.headerHtml !== undefined) this.setHeader(message.headerHtml);
    const added: HTMLElement[] = [];
    for (const id of message.removed) {
      this.elements.get(id)?.remove();
      this.elements.delete(id);
    }
    for (const { block, beforeId } of message.added) {
      const element = this.create(block);
      const before = beforeId === null ? null : (this.elements.get(beforeId) ?? null);
      this.body.insertBefore(element, before);
      added.push(element);
    }
    for (const change of message.lines) {
      const element = this.elements.get(change.id);
      if (!element) continue;
      element.dataset.line = String(change.startLine);
      element.dataset.lineEnd = String(change.endLine);
    }
    this.lineIndex = undefined;
    return added;
  }

  /** Every element that maps to a source line, sorted by line. */
  lines(): Array<{ element: HTMLElement; line: number }> {
    if (this.lineIndex) return this.lineIndex;
    const index: Array<{ element: HTMLElement; line: number }> = [];
    if (this.header.firstElementChild) index.push({ element: this.header, line: 0 });
    for (const block of Array.from(this.body.children) as HTMLElement[]) {
      const start = Number(block.dataset.line);
      index.push({ element: block, line: start });
      for (const inner of Array.from(block.querySelectorAll<HTMLElement>('[data-offset]'))) {
        const line = start + Number(inner.dataset.offset);
        if (line > index[index.length - 1].line) index.push({ element: inner, line });
      }
    }
    this.lineIndex = index;
    return index;
  }

  /** The source line of the element (or its nearest ancestor with one). */
  lineAt(target: Element | null): number | undefined {
    const inner = target?.closest<HTMLElement>('[data-offset]');
    const block = target?.closest<HTMLElement>('.mp-block');
    if (!block) return target?.closest('#mp-header') ? 0 : undefined;
    return Number(block.dataset.line) + (inner && block.contains(inner) ? Number(inner.dataset.offset) : 0);
  }

  /** The `index`-th formula of the block starting at source line `line`. */
  formula(line: number, index: number): HTMLElement | undefined {
    if (index < 0) return undefined;
    for (const block of Array.from(this.body.children) as HTMLElement[]) {
      if (Number(block.dataset.line) === line) return formulasOf(block)[index];
    }
    return undefined;
  }

  /** The block line and index of the formula `target` is in, if any. */
  formulaAt(target: Element | null): { line: number; index: number } | undefined {
    const formula = target?.closest<HTMLElement>(FORMULA);
    const block = formula?.closest<HTMLElement>('.mp-block');
    if (!formula || !block) return undefined;
    const index = formulasOf(block).indexOf(formula);
    return index === -1 ? undefined : { line: Number(block.dataset.line), index };
  }

  private setHeader(html: string): void {
    this.header.innerHTML = html;
    applyInlineStyles(this.header);
  }

  private create(block: BlockData): HTMLElement {
    const element = document.createElement('div');
    element.className = 'mp-block';
    element.id = `mp-${block.id}`;
    element.dataset.line = String(block.startLine);
    element.dataset.lineEnd = String(block.endLine);
    element.innerHTML = block.html;
    applyInlineStyles(element);
    this.elements.set(block.id, element);
    return element;
  }
}

/** A rendered formula: KaTeX's output, or the preview's error box for a formula KaTeX refused. */
const FORMULA = '.katex, .mp-math-error';

/** The formulas of a block in document order, as the source has them (a KaTeX inside another is not one). */
function formulasOf(block: HTMLElement): HTMLElement[] {
  return Array.from(block.querySelectorAll<HTMLElement>(FORMULA)).filter((element) => !element.parentElement?.closest(FORMULA));
}

/**
 * The CSP has no 'unsafe-inline' for styles, so the host posts KaTeX's `style="…"` attributes as
 * `data-mp-style` (a parsed style attribute would be refused and logged, thousands of times per
 * note). Applying them through the CSSOM is allowed by CSP. Only the host's renderer produces
 * them: KaTeX (with trust off), validated CSS colors of tag plugins, and the `style` of raw HTML
 * after sanitize-html kept only harmless properties with values that load nothing (src/core/render/rawHtml.ts).
 */
export function applyInlineStyles(root: HTMLElement): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>('[data-mp-style]'))) {
    element.style.cssText = element.dataset.mpStyle ?? '';
    element.removeAttribute('data-mp-style');
  }
}
