/**
 * Source ↔ preview for single formulas (issue #11). A formula is named by the block it is in (the block's first
 * source line, which the webview knows) and its index among the block's formulas, in source order: the preview
 * renders every formula the blog's rules find (mathSpans.ts follows the same rules), so the n-th formula of a
 * block's source is the n-th formula element of the block in the webview.
 */
import * as vscode from 'vscode';
import type { BlogConfig } from '../core/blog/types';
import type { NoteMath } from '../core/math/noteMath';
import type { Note } from '../core/note/note';
import { core } from '../coreLoader';
import type { BlockData } from '../shared/protocol';
import type { PreviewSettings } from './previewSettings';

export class FormulaSync {
  constructor(
    private readonly findBlog: (notePath: string) => BlogConfig | undefined,
    /** The Note of the document's version, whose math scan the editor's features share. */
    private readonly noteFor: (document: vscode.TextDocument) => Note,
  ) {}

  /** The formula at `offset` as (block line, index), or undefined when the cursor is in no formula. */
  formulaAt(
    document: vscode.TextDocument,
    offset: number,
    blocks: readonly BlockData[],
    settings: PreviewSettings,
  ): { line: number; index: number } | undefined {
    const model = this.modelFor(document, settings);
    const spanIndex = core().spanIndexAt(model, offset);
    if (spanIndex === undefined) return undefined;
    const spanLine = document.positionAt(model.spans[spanIndex].start).line;
    const block = blocks.find((candidate) => candidate.startLine <= spanLine && spanLine < candidate.endLine);
    if (!block) return undefined;
    const blockStart = document.offsetAt(new vscode.Position(block.startLine, 0));
    let index = 0;
    for (let i = spanIndex - 1; i >= 0 && model.spans[i].start >= blockStart; i--) index++;
    return { line: block.startLine, index };
  }

  /** The source range of the `index`-th formula of the block starting at `line`. */
  formulaSource(document: vscode.TextDocument, line: number, index: number, settings: PreviewSettings): { start: number; end: number } | undefined {
    const model = this.modelFor(document, settings);
    const blockStart = document.offsetAt(new vscode.Position(line, 0));
    const first = model.spans.findIndex((span) => span.start >= blockStart);
    const span = first === -1 ? undefined : model.spans[first + index];
    return span ? { start: span.start, end: span.end } : undefined;
  }

  private modelFor(document: vscode.TextDocument, settings: PreviewSettings): NoteMath {
    const notePath = document.uri.scheme === 'file' ? document.uri.fsPath.replace(/\\/g, '/') : undefined;
    const syntax = core().resolveMathSyntax(settings.delimiters, notePath ? this.findBlog(notePath) : undefined);
    return core().noteMathOf(this.noteFor(document), syntax);
  }
}
