/**
 * Front-matter diagnostics for open Markdown documents: debounced per document, dropped when the
 * document changed meanwhile, cleared on close, severities overridable per code in settings.
 */
import * as vscode from 'vscode';
import { DebouncedDocuments } from './debouncedDocuments';
import { LineIndex } from '../core/text';
import type { CoreDiagnostic } from '../core/text';
import { validateFrontMatter } from '../core/frontMatter/validate';
import type { FrontMatterContexts, SeverityOverride } from './frontMatterContext';

const severities: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Core diagnostics -> VS Code diagnostics, with the user's severity overrides (`off` drops one). */
export function toVscodeDiagnostics(document: Pick<vscode.TextDocument, 'positionAt'>, diagnostics: readonly CoreDiagnostic[], overrides: Record<string, SeverityOverride>): vscode.Diagnostic[] {
  const result: vscode.Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const override = overrides[diagnostic.code];
    if (override === 'off') continue;
    const severity = override && override in severities ? severities[override as CoreDiagnostic['severity']] : severities[diagnostic.severity];
    const range = new vscode.Range(document.positionAt(diagnostic.start), document.positionAt(diagnostic.end));
    const converted = new vscode.Diagnostic(range, diagnostic.message, severity);
    converted.source = 'mathpost';
    converted.code = diagnostic.code;
    if (diagnostic.data?.unnecessary === true) converted.tags = [vscode.DiagnosticTag.Unnecessary];
    result.push(converted);
  }
  return result;
}

export class FrontMatterDiagnostics implements vscode.Disposable {
  private readonly documents = new DebouncedDocuments((document) => this.validateNow(document), (document) => this.contexts.settings(document.uri).debounceMs);

  get pendingChecks(): number {
    return this.documents.pending;
  }
  private readonly disposables: vscode.Disposable[] = [];
  /** Files "Validate All Posts" reported: on close they fall back to their saved text instead of vanishing. */
  private readonly pinned = new Set<string>();

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly contexts: FrontMatterContexts,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document.uri)),
      contexts.onDidChange(() => this.validateAllOpen()),
    );
    this.validateAllOpen();
  }

  private validateAllOpen(): void {
    this.documents.scheduleAllOpen();
  }

  schedule(document: vscode.TextDocument, delay?: number): void {
    this.documents.schedule(document, delay);
  }

  /** Validate immediately (also used by tests and the "Validate All Posts" command). */
  validateNow(document: vscode.TextDocument): vscode.Diagnostic[] {
    const settings = this.contexts.settings(document.uri);
    if (!settings.enable) {
      this.collection.delete(document.uri);
      return [];
    }
    const ctx = this.contexts.validationContext(document);
    // Same rule as the CLI's checkFile: inside a blog, only published sources are posts or pages.
    const diagnostics = ctx.blog.root !== undefined && ctx.scope === 'other' ? [] : validateFrontMatter(document.getText(), ctx, vscode.l10n.t);
    const converted = toVscodeDiagnostics(document, diagnostics, settings.severity);
    this.collection.set(document.uri, converted);
    return converted;
  }

  /** Remember diagnostics computed from a file on disk (whole-blog validation). */
  setForFile(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    this.pinned.add(uri.toString());
    this.collection.set(uri, diagnostics);
  }

  private closed(uri: vscode.Uri): void {
    if (!this.pinned.has(uri.toString())) {
      this.clear(uri);
      return;
    }
    this.clear(uri);
    this.pinned.add(uri.toString());
    const text = this.contexts.fs.readFile(uri.fsPath);
    if (text === undefined) return;
    const settings = this.contexts.settings(uri);
    const lines = { positionAt: (offset: number) => positionIn(text, offset) };
    const ctx = { ...this.contexts.validationContextForPath(uri) };
    this.collection.set(uri, toVscodeDiagnostics(lines, validateFrontMatter(text, ctx, vscode.l10n.t), settings.severity));
  }

  clear(uri: vscode.Uri): void {
    this.pinned.delete(uri.toString());
    this.documents.cancel(uri);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.documents.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function positionIn(text: string, offset: number): vscode.Position {
  const position = new LineIndex(text).positionAt(offset);
  return new vscode.Position(position.line, position.character);
}
