/**
 * Diagnostics (codes `kl.*`) for KL snippets that cannot evaluate: debounced per document, stale
 * runs dropped by document version, cleared on close, re-run when the kl settings change.
 */
import * as vscode from 'vscode';
import { DebouncedDocuments } from './debouncedDocuments';
import { analyzeNote } from '../core/kl/analyze';
import type { CoreDiagnostic } from '../core/text';
import { affectsKlSettings, klSettings } from './klSettings';

const severities: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toKlDiagnostics(document: Pick<vscode.TextDocument, 'positionAt'>, diagnostics: readonly CoreDiagnostic[]): vscode.Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    const range = new vscode.Range(document.positionAt(diagnostic.start), document.positionAt(diagnostic.end));
    const converted = new vscode.Diagnostic(range, diagnostic.message, severities[diagnostic.severity]);
    converted.source = 'mathpost';
    converted.code = diagnostic.code;
    return converted;
  });
}

export class KlDiagnostics implements vscode.Disposable {
  private readonly documents = new DebouncedDocuments((document) => this.checkNow(document), (document) => klSettings(document.uri).debounceMs);

  get pendingChecks(): number {
    return this.documents.pending;
  }
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly collection: vscode.DiagnosticCollection = vscode.languages.createDiagnosticCollection('mathpost-kl')) {
    this.disposables.push(
      collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsKlSettings(event)) this.checkAllOpen();
      }),
    );
    this.checkAllOpen();
  }

  private checkAllOpen(): void {
    this.documents.scheduleAllOpen();
  }

  schedule(document: vscode.TextDocument, delay?: number): void {
    this.documents.schedule(document, delay);
  }

  /** Evaluate immediately (also used by tests). */
  checkNow(document: vscode.TextDocument): vscode.Diagnostic[] {
    const analysis = analyzeNote(document.getText(), klSettings(document.uri), vscode.l10n.t);
    const diagnostics = toKlDiagnostics(document, analysis.diagnostics);
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  clear(uri: vscode.Uri): void {
    this.documents.cancel(uri);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.documents.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
