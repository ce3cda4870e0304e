/** Hover for KL snippets in Markdown: `kl` block statements, inline `kl(…)` spans and D_{KL}(P\|Q) in math. */
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import { klSettings } from './klSettings';

export class KlHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = klSettings(document.uri);
    const hover = core().klHoverAt(document.getText(), document.offsetAt(position), settings, vscode.l10n.t);
    if (!hover) return undefined;
    // Plain markdown from user text: no command links, no HTML.
    const markdown = new vscode.MarkdownString(hover.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }
}

/** Registers the hover for Markdown files (file, untitled and virtual documents alike). */
export function registerKlHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: 'markdown' }, new KlHoverProvider());
}
