/**
 * Quick fixes for `math.*` diagnostics and `render.link-swallows-text`. The diagnostics themselves come from the one pipeline
 * (./diagnostics.ts); the fixes are built from the core diagnostics of the current version, whose
 * `data` VS Code does not keep on its own diagnostics.
 */
import * as vscode from 'vscode';
import type { Localize } from '../core/text';
import { core } from '../coreLoader';
import { toVscodeDiagnostics, type NoteDiagnostics } from './diagnostics';

export class MathCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly diagnostics: NoteDiagnostics,
    private readonly t: Localize,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    _context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    // Waits for a check running in slices instead of finishing it here (issue #15).
    const diagnostics = await this.diagnostics.settledDiagnostics(document);
    if (token.isCancellationRequested) return [];
    const { LINK_SWALLOWS_TEXT, linkFixes, mathFixes } = core();
    const actions: vscode.CodeAction[] = [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    for (const diagnostic of diagnostics) {
      const isLink = diagnostic.code === LINK_SWALLOWS_TEXT;
      if (!(isLink || diagnostic.code.startsWith('math.')) || diagnostic.end < start || diagnostic.start > end) continue;
      for (const fix of isLink ? linkFixes(diagnostic, this.t) : mathFixes(document.getText(), diagnostic, this.t)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.isPreferred = fix.isPreferred;
        action.diagnostics = toVscodeDiagnostics(document, [diagnostic]);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits)
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
        actions.push(action);
      }
    }
    return actions;
  }
}
