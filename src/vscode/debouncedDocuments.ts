import * as vscode from 'vscode';

/**
 * Runs a check on markdown documents, debounced per document: a newer change cancels the pending run,
 * and a run whose document changed or closed since it was scheduled is dropped (stale). Shared by
 * the front-matter, math and KL diagnostics so all three follow the same rules.
 */
export class DebouncedDocuments implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly run: (document: vscode.TextDocument) => void,
    private readonly defaultDelayMs: (document: vscode.TextDocument) => number,
  ) {}

  schedule(document: vscode.TextDocument, delayMs?: number): void {
    if (!checks(document)) return;
    const key = document.uri.toString();
    this.cancel(document.uri);
    const version = document.version;
    this.timers.set(
      key,
      setTimeout(
        () => {
          this.timers.delete(key);
          if (document.isClosed || document.version !== version) return;
          this.run(document);
        },
        delayMs ?? this.defaultDelayMs(document),
      ),
    );
  }

  /**
   * Runs the check now, in the caller's turn, cancelling a pending run: for a document that just opened there is
   * nothing to debounce, and a timer would queue the first diagnostics behind whatever else the extension host
   * has to do when an editor opens (issue #15: measured up to a second on a loaded machine).
   */
  runNow(document: vscode.TextDocument): void {
    if (!checks(document)) return;
    this.cancel(document.uri);
    this.run(document);
  }

  /** Checks scheduled and not yet run (the leak tests expect 0 once typing has stopped). */
  get pending(): number {
    return this.timers.size;
  }

  scheduleAllOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Markdown documents only, and not the Output panel's. */
function checks(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && document.uri.scheme !== 'output';
}
