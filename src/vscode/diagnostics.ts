/**
 * The one diagnostics pipeline of the editor: for a markdown document version it builds (or reuses)
 * the Note, calls the core's `checkNote` — the function the CLI's `check` and "Validate All Posts"
 * call too — and publishes the result in ONE collection, with ONE converter (source `mathpost`, the
 * user's severity overrides). Debounced per document, stale versions dropped, cleared on close.
 * The check runs in slices (issue #15, core/checkInSlices.ts): when a post opens, its front-matter
 * diagnostics are shown at once and the full set when KaTeX has checked every formula; after an edit the
 * full set replaces the old one in one go (the editor keeps the old squiggles in place meanwhile, no flicker).
 * A newer version, a close or new settings stop an older check; it never publishes.
 * Code actions read `coreDiagnostics(document)`: the diagnostics of the current version, with their data
 * (finishing a check still running for that version at once).
 * Model: vscode-markdown-languageservice's computeDiagnostics + one manager that schedules and publishes.
 */
import * as vscode from 'vscode';
import type { MathRenderer } from '../core/math/katexRenderer';
import type { StagedNoteCheck } from '../core/checkNote';
import type { Note, NoteCache } from '../core/note/note';
import type { CoreDiagnostic } from '../core/text';
import { core } from '../coreLoader';
import { readPreviewSettings } from '../preview/previewSettings';
import { Disposable } from '../shared/dispose';
import { DebouncedDocuments } from './debouncedDocuments';
import type { FrontMatterContexts, SeverityOverride } from './frontMatterContext';
import { affectsKlSettings, klSettings } from './klSettings';

export const DIAGNOSTIC_SOURCE = 'mathpost';

/** The longest the check holds the extension host at a time (a keystroke waits at most about this long). */
const CHECK_SLICE_MS = 8;

const severities: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Core diagnostics -> VS Code diagnostics, with the user's severity overrides (`off` drops one). */
export function toVscodeDiagnostics(
  document: Pick<vscode.TextDocument, 'positionAt'>,
  diagnostics: readonly CoreDiagnostic[],
  overrides: Readonly<Record<string, SeverityOverride>> = {},
): vscode.Diagnostic[] {
  const result: vscode.Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const override = overrides[diagnostic.code];
    if (override === 'off') continue;
    const severity = override && override in severities ? severities[override as CoreDiagnostic['severity']] : severities[diagnostic.severity];
    const range = new vscode.Range(document.positionAt(diagnostic.start), document.positionAt(diagnostic.end));
    const converted = new vscode.Diagnostic(range, diagnostic.message, severity);
    converted.source = DIAGNOSTIC_SOURCE;
    converted.code = diagnostic.code;
    if (diagnostic.data?.unnecessary === true) converted.tags = [vscode.DiagnosticTag.Unnecessary];
    result.push(converted);
  }
  return result;
}

/** The code of a VS Code diagnostic as a string ('' when it has none). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
}

export interface NoteDiagnosticsDependencies {
  contexts: FrontMatterContexts;
  notes: NoteCache;
  /** The preview's KaTeX cache, shared (built on first use: it loads the core). */
  math(): MathRenderer;
}

export class NoteDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  private readonly documents = this.register(
    new DebouncedDocuments(
      (document) => void this.checkNow(document),
      (document) => this.deps.contexts.settings(document.uri).debounceMs,
    ),
  );
  /** The check of each document's latest version (running or done). */
  private readonly latest = new Map<string, { version: number; check: StagedNoteCheck }>();
  /** The check each document's slices belong to: a check whose entry is gone or replaced stops. */
  private readonly running = new Map<string, RunningCheck>();
  /** Documents whose full set was published since they opened (then a new version replaces it in one go). */
  private readonly shown = new Set<string>();
  /** Files "Validate All Posts" reported: on close they fall back to their saved text instead of vanishing. */
  private readonly pinned = new Set<string>();

  constructor(private readonly deps: NoteDiagnosticsDependencies) {
    super();
    // A post that opens gets its front-matter diagnostics in this turn (the rest follows in slices).
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.documents.runNow(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.documents.schedule(event.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.closed(document.uri)));
    // A saved post changes no other note's diagnostics; a blog config, the schema or a setting may change all.
    this.register(deps.contexts.onDidChange((change) => (change.config || change.settings) && this.recheckAllOpen()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('mathpost.math') || affectsKlSettings(event)) this.recheckAllOpen();
      }),
    );
    this.documents.scheduleAllOpen();
  }

  /** The blog, the schema or a setting changed: results of the same versions are out of date. */
  private recheckAllOpen(): void {
    this.latest.clear();
    this.running.clear();
    this.documents.scheduleAllOpen();
  }

  /** Checks scheduled and not yet run (the leak tests expect 0 once typing has stopped). */
  get pendingChecks(): number {
    return this.documents.pending + this.running.size;
  }

  /** What every entry point computes for one note: the same call as the CLI's `check` (run in steps). */
  stagedCheck(uri: vscode.Uri, note: Note): StagedNoteCheck {
    const ctx = this.deps.contexts.validationContextForPath(uri);
    const settings = readPreviewSettings(uri);
    return new (core().StagedNoteCheck)(ctx.fileName, note, ctx.fs ?? noFiles, vscode.l10n.t, {
      blog: ctx.blog,
      schema: ctx.schema,
      locale: ctx.locale,
      kl: klSettings(uri),
      math: { delimiters: settings.delimiters, macros: settings.macros, renderer: this.deps.math() },
      frontMatter: this.deps.contexts.settings(uri).enable,
    });
  }

  /** Check a document in slices and publish (the debounced path): the front matter first on open, then the whole set. */
  checkNow(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    const check = this.checkOf(document);
    const entry: RunningCheck = { check, finished: Promise.resolve() };
    this.running.set(key, entry);
    const current = () => this.running.get(key) === entry && !document.isClosed && document.version === version;
    entry.finished = core()
      .checkInSlices(check, {
        sliceMs: CHECK_SLICE_MS,
        now: () => performance.now(),
        yieldNow: () => new Promise<void>((resolve) => setImmediate(resolve)),
        current,
        onFrontMatter: (early) => {
          if (!this.shown.has(key)) this.publish(document, early);
        },
      })
      .then((diagnostics) => {
        if (!diagnostics || !current()) return;
        this.publish(document, diagnostics);
        this.shown.add(key);
      })
      .finally(() => {
        if (this.running.get(key) === entry) this.running.delete(key);
      });
    return entry.finished;
  }

  private publish(document: vscode.TextDocument, diagnostics: readonly CoreDiagnostic[]): void {
    this.collection.set(document.uri, toVscodeDiagnostics(document, diagnostics, this.deps.contexts.settings(document.uri).severity));
  }

  /** The core diagnostics of the document's current version (finished now when not yet known). */
  coreDiagnostics(document: vscode.TextDocument): readonly CoreDiagnostic[] {
    return this.checkOf(document).finish();
  }

  /**
   * The core diagnostics of the current version once its check is complete, for the math quick fixes: a check
   * running in slices is awaited, so a code-action request (VS Code asks one whenever the markers under the cursor
   * change) does not hold the extension host for the rest of the formulas.
   */
  async settledDiagnostics(document: vscode.TextDocument): Promise<readonly CoreDiagnostic[]> {
    await this.running.get(document.uri.toString())?.finished;
    return this.coreDiagnostics(document);
  }

  /** The front-matter diagnostics of the current version: its check's first step (a few ms), not the formulas. */
  frontMatterDiagnostics(document: vscode.TextDocument): readonly CoreDiagnostic[] {
    return this.checkOf(document).frontMatterDiagnostics();
  }

  /** The check of the document's current version: the one already started, or a new one. */
  private checkOf(document: vscode.TextDocument): StagedNoteCheck {
    const key = document.uri.toString();
    const known = this.latest.get(key);
    if (known && known.version === document.version) return known.check;
    const note = this.deps.notes.get(key, document.version, () => document.getText());
    const check = this.stagedCheck(document.uri, note);
    this.latest.set(key, { version: document.version, check });
    return check;
  }

  /** Check a file's text as "Validate All Posts" does, publish and pin it; the published diagnostics. */
  checkFile(uri: vscode.Uri, open: vscode.TextDocument | undefined, text: string): vscode.Diagnostic[] {
    const diagnostics = open ? this.coreDiagnostics(open) : this.stagedCheck(uri, new (core().Note)(text, uri.toString())).finish();
    const lines = open ?? linesOf(text);
    const converted = toVscodeDiagnostics(lines, diagnostics, this.deps.contexts.settings(uri).severity);
    this.pinned.add(uri.toString());
    this.collection.set(uri, converted);
    return converted;
  }

  private closed(uri: vscode.Uri): void {
    const key = uri.toString();
    const wasPinned = this.pinned.has(key);
    this.clear(uri);
    this.deps.notes.forget(key);
    if (!wasPinned || uri.scheme !== 'file') return;
    const text = this.deps.contexts.fs.readFile(uri.fsPath);
    if (text !== undefined) this.checkFile(uri, undefined, text);
  }

  clear(uri: vscode.Uri): void {
    this.pinned.delete(uri.toString());
    this.latest.delete(uri.toString());
    this.running.delete(uri.toString());
    this.shown.delete(uri.toString());
    this.documents.cancel(uri);
    this.collection.delete(uri);
  }
}

interface RunningCheck {
  check: StagedNoteCheck;
  /** Settles when the slices end (done, stopped or failed). */
  finished: Promise<void>;
}

const noFiles = { readFile: () => undefined, exists: () => false, listDirectory: () => [] };

function linesOf(text: string): Pick<vscode.TextDocument, 'positionAt'> {
  const index = new (core().LineIndex)(text);
  return {
    positionAt: (offset: number) => {
      const position = index.positionAt(offset);
      return new vscode.Position(position.line, position.character);
    },
  };
}
