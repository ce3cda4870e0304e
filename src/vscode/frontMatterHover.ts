/** Hover docs for front-matter keys and what Hexo stores for their values. */
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import type { FrontMatterContexts } from './frontMatterContext';

export class FrontMatterHoverProvider implements vscode.HoverProvider {
  constructor(private readonly contexts: FrontMatterContexts) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hover = core().hoverFrontMatter(document.getText(), document.offsetAt(position), this.contexts.validationContext(document), vscode.l10n.t);
    if (!hover) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }
}
