/** Completion of front-matter keys and values (the core decides what fits where). */
import * as vscode from 'vscode';
import { core } from '../coreLoader';
import type { FrontMatterContexts } from './frontMatterContext';

export const frontMatterTriggerCharacters = [':', ' ', '-', '[', ','];

export class FrontMatterCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly contexts: FrontMatterContexts) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const { completeFrontMatter, isInFrontMatter } = core();
    const offset = document.offsetAt(position);
    const text = document.getText();
    // Reading the blog's posts for tags and images is only worth it when the cursor is in the front matter.
    if (!isInFrontMatter(text, offset)) return [];
    const items = completeFrontMatter(text, offset, this.contexts.completionContext(document), vscode.l10n.t);
    return items.map((item, index) => {
      const completion = new vscode.CompletionItem(item.label, item.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.Value);
      completion.insertText = item.insertText;
      completion.detail = item.detail;
      completion.documentation = new vscode.MarkdownString(item.documentation);
      completion.range = new vscode.Range(document.positionAt(item.replaceStart), document.positionAt(item.replaceEnd));
      // Keep the core's order (most used tags first) instead of alphabetical.
      completion.sortText = String(index).padStart(5, '0');
      if (item.kind === 'key') completion.command = { command: 'editor.action.triggerSuggest', title: '' };
      return completion;
    });
  }
}
