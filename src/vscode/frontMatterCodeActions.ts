/**
 * Quick fixes for `frontmatter.*` diagnostics, the `source.fixAll.mathpost` action, and the
 * "Fix all front-matter problems" command. Fixes come from the core (minimal edits).
 */
import * as vscode from 'vscode';
import type { TextEdit } from '../core/text';
import { core } from '../coreLoader';
import type { Command } from './commandManager';
import { codeOf, DIAGNOSTIC_SOURCE, type NoteDiagnostics } from './diagnostics';
import type { FrontMatterContexts } from './frontMatterContext';

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('mathpost');

function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
  return edit;
}

export class FrontMatterCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind] };

  constructor(
    private readonly contexts: FrontMatterContexts,
    private readonly diagnostics: NoteDiagnostics,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const ctx = this.contexts.validationContext(document);
    const text = document.getText();
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (wantsQuickFix) {
      // The front-matter diagnostics of this version, with the fixes the rules computed (no second validation);
      // only the check's first step, not the formulas (issue #15).
      const current = this.diagnostics.frontMatterDiagnostics(document);
      for (const diagnostic of context.diagnostics) {
        const code = codeOf(diagnostic);
        if (diagnostic.source !== DIAGNOSTIC_SOURCE || !code.startsWith('frontmatter.')) continue;
        const start = document.offsetAt(diagnostic.range.start);
        const end = document.offsetAt(diagnostic.range.end);
        const known = current.find((candidate) => candidate.code === code && candidate.start === start && candidate.end === end);
        if (!known) continue;
        for (const fix of core().fixesForDiagnostic(text, known, ctx, vscode.l10n.t)) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document, fix.edits);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.isPreferred;
          actions.push(action);
        }
      }
    }
    const wantsFixAll = context.only
      ? fixAllKind.contains(context.only) || context.only.contains(fixAllKind)
      : context.diagnostics.some((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    if (wantsFixAll) {
      const edits = core().fixAll(text, ctx, vscode.l10n.t);
      if (edits.length > 0) {
        const action = new vscode.CodeAction(vscode.l10n.t('Fix all front-matter problems'), fixAllKind);
        action.edit = toWorkspaceEdit(document, edits);
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Command `mathpost.fixAllFrontMatter`: apply every safe front-matter fix to the active editor. */
export class FixAllFrontMatterCommand implements Command {
  readonly id = 'mathpost.fixAllFrontMatter';

  constructor(private readonly contexts: FrontMatterContexts) {}

  async execute(): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') return false;
    const document = editor.document;
    const edits = core().fixAll(document.getText(), this.contexts.validationContext(document), vscode.l10n.t);
    if (edits.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No front-matter problem can be fixed automatically.'));
      return false;
    }
    return vscode.workspace.applyEdit(toWorkspaceEdit(document, edits));
  }
}
