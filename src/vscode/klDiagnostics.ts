/**
 * Diagnostics (codes `kl.*`) for KL snippets that cannot evaluate: debounced per document, stale
 * runs dropped by document version, cleared on close, re-run when the kl settings change.
 */
import * as vscode from 'vscode';
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
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
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
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  schedule(document: vscode.TextDocument, delay?: number): void {
    if (document.languageId !== 'markdown' || document.uri.scheme === 'output') return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const version = document.version;
    const wait = delay ?? klSettings(document.uri).debounceMs;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // Stale: the document changed or closed since this run was scheduled.
        if (document.isClosed || document.version !== version) return;
        this.checkNow(document);
      }, wait),
    );
  }

  /** Evaluate immediately (also used by tests). */
  checkNow(document: vscode.TextDocument): vscode.Diagnostic[] {
    const analysis = analyzeNote(document.getText(), klSettings(document.uri), vscode.l10n.t);
    const diagnostics = toKlDiagnostics(document, analysis.diagnostics);
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
