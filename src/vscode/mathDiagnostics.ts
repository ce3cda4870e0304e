/**
 * Math and link diagnostics of a note's body in the editor (collection 'mathpost-math', the CLI's list too): debounced per document, only for
 * markdown, stale results dropped by document version, cleared when the note closes.
 */
import * as vscode from 'vscode';
import { DebouncedDocuments } from './debouncedDocuments';
import type { BlogConfig } from '../core/blog/types';
import type { MathRenderer } from '../core/math/katexRenderer';
import { noteBodyDiagnostics, noteBodyFixes } from '../core/noteBodyDiagnostics';
import type { CoreDiagnostic, Localize } from '../core/text';
import { readPreviewSettings } from '../preview/previewSettings';

export interface MathDiagnosticsDependencies {
  t: Localize;
  findBlog(notePath: string): BlogConfig | undefined;
  math?: MathRenderer;
  /** Default 300 ms (setting mathpost.validation.debounceMs is read by the caller if wanted). */
  debounceMs?: () => number;
}

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVscodeDiagnostic(document: vscode.TextDocument, diagnostic: CoreDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(diagnostic.start), document.positionAt(diagnostic.end));
  const result = new vscode.Diagnostic(range, diagnostic.message, SEVERITY[diagnostic.severity]);
  result.code = diagnostic.code;
  result.source = 'Mathpost';
  return result;
}

export class MathDiagnosticsProvider implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('mathpost-math');
  private readonly documents = new DebouncedDocuments((document) => this.publish(document), () => this.deps.debounceMs?.() ?? 300);

  get pendingChecks(): number {
    return this.documents.pending;
  }
  private readonly latest = new Map<string, CoreDiagnostic[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: MathDiagnosticsDependencies) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('mathpost.math')) for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
      }),
      vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** The core diagnostics last published for a document (tests). */
  diagnosticsFor(uri: vscode.Uri): readonly CoreDiagnostic[] {
    return this.latest.get(uri.toString()) ?? [];
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of this.diagnosticsFor(document.uri)) {
      const diagnosticRange = new vscode.Range(document.positionAt(diagnostic.start), document.positionAt(diagnostic.end));
      if (!diagnosticRange.intersection(range)) continue;
      for (const fix of noteBodyFixes(document.getText(), diagnostic, this.deps.t)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.isPreferred = fix.isPreferred;
        action.diagnostics = [toVscodeDiagnostic(document, diagnostic)];
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
        actions.push(action);
      }
    }
    return actions;
  }

  dispose(): void {
    this.documents.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private schedule(document: vscode.TextDocument, delay?: number): void {
    this.documents.schedule(document, delay);
  }

  private publish(document: vscode.TextDocument): void {
    const settings = readPreviewSettings(document.uri);
    const notePath = document.uri.scheme === 'file' ? document.uri.fsPath.replace(/\\/g, '/') : undefined;
    const diagnostics = noteBodyDiagnostics(document.getText(), { blog: notePath ? this.deps.findBlog(notePath) : undefined, delimiters: settings.delimiters, macros: settings.macros, renderer: this.deps.math }, this.deps.t);
    this.latest.set(document.uri.toString(), diagnostics);
    this.collection.set(document.uri, diagnostics.map((diagnostic) => toVscodeDiagnostic(document, diagnostic)));
  }

  private clear(uri: vscode.Uri): void {
    this.documents.cancel(uri);
    this.latest.delete(uri.toString());
    this.collection.delete(uri);
  }
}
