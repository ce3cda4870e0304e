/**
 * One preview panel: which note it shows, its renderer (incremental, per note and settings), the
 * debounced updates, and the messages to and from its webview.
 */
import * as vscode from 'vscode';
import type { NotePatch, RenderedNote } from '../core/render/renderNote';
import type { LineRange, ProgressiveRender } from '../core/render/progressiveRender';
import { core } from '../coreLoader';
import { type BlockData, type HostMessage, isWebviewMessage, type ViewSettings, type WebviewMessage } from '../shared/protocol';
import { FormulaSync } from './formulaSync';
import { PanelRendering } from './panelRendering';
import { setUpWebview, viewSettingsFor } from './panelWebview';
import { lineStart, showSource } from './showSource';
import { type PreviewApplied, type PreviewDependencies, type PreviewRender } from './previewTypes';
import { openLink } from './links';
import { type PreviewSettings, readPreviewSettings, renderSettingsKey } from './previewSettings';
import { disposeAll } from '../shared/dispose';

export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly renderEmitter = new vscode.EventEmitter<PreviewRender>();
  /** A render was posted to the webview (the integration tests record them; nothing in the extension needs to). */
  readonly onDidRender = this.renderEmitter.event;
  private readonly appliedEmitter = new vscode.EventEmitter<PreviewApplied>();
  /** The webview has shown a render. */
  readonly onDidApply = this.appliedEmitter.event;
  /** The renderer of the note with the current settings, and its slices (issue #15). */
  private readonly rendering: PanelRendering;
  private ready = false;
  private disposed = false;
  private needsFull = true;
  private renderedVersion = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private updating = false;
  private updateAgain = false;
  private pendingLine: number | undefined;
  private lastScrolledLine: number | undefined;
  private ignoreEditorScrollUntil = 0;
  /** The blocks last posted: the webview names a formula by its block's first line (formula sync). */
  private blocks: readonly BlockData[] = [];
  private settings: PreviewSettings;
  private readonly formulas: FormulaSync;
  private formulaTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorOffset = -1;
  private markedFormula = '';

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PreviewDependencies,
    private uri: vscode.Uri,
    public locked: boolean,
    line?: number,
  ) {
    this.pendingLine = line;
    this.settings = readPreviewSettings(uri);
    this.formulas = new FormulaSync(deps.findBlog, (document) => deps.noteFor(document));
    this.rendering = new PanelRendering(deps, panel.webview);
    this.configureWebview();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
    );
  }

  /** Ties `disposable` (a subscription to this panel's events) to the panel's lifetime. */
  own(disposable: vscode.Disposable): void {
    if (this.disposed) disposable.dispose();
    else this.disposables.push(disposable);
  }

  /** For the leak tests: subscriptions held and whether a debounced update is pending. */
  get resources(): { subscriptions: number; pendingUpdate: boolean } {
    return {
      subscriptions: this.disposables.length,
      pendingUpdate: this.timer !== undefined || this.formulaTimer !== undefined || this.rendering.running,
    };
  }

  get documentUri(): vscode.Uri {
    return this.uri;
  }

  /** Show another note (following the active editor, or a reopened panel). */
  setDocument(uri: vscode.Uri, line?: number): void {
    if (this.disposed || uri.toString() === this.uri.toString()) return;
    this.uri = uri;
    this.dropRenderer();
    this.needsFull = true;
    this.pendingLine = line;
    this.blocks = [];
    this.configureWebview();
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.updateTitle();
    this.post({ type: 'settings', settings: this.viewSettings() });
  }

  /** Settings changed: the view settings are posted; a render setting rebuilds the renderer. */
  refreshSettings(): void {
    const previous = this.settings;
    this.settings = readPreviewSettings(this.uri);
    // Same text, new rendering rules (e.g. allowHtml, macros): render again even though the note did not change.
    if (renderSettingsKey(previous) !== renderSettingsKey(this.settings)) this.needsFull = true;
    if (previous.allowRemoteImages !== this.settings.allowRemoteImages) this.configureWebview();
    else this.post({ type: 'settings', settings: this.viewSettings() });
    this.requestUpdate(true);
  }

  /** Files were created: if the note links one of them (a pasted image), show it now, not after the next edit of its block. */
  filesCreated(paths: readonly string[]): void {
    if (paths.some((path) => this.rendering.missingImages.has(path))) this.blogChanged();
  }

  /** The blog's configuration changed: build the renderer again from the blog as it is now. */
  blogChanged(): void {
    this.dropRenderer();
    this.needsFull = true;
    this.requestUpdate(true);
  }

  /** A change of the note (or its save, with `onSave`). */
  documentChanged(saved: boolean): void {
    if (this.settings.updateMode === 'onSave' && !saved) return;
    this.requestUpdate(saved || this.settings.debounceMs === 0);
  }

  requestUpdate(immediate = false): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (immediate) void this.update();
    else {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.update();
      }, this.settings.debounceMs);
    }
  }

  editorScrolled(line: number): void {
    if (!this.settings.scrollSync || Date.now() < this.ignoreEditorScrollUntil) return;
    this.post({ type: 'scrollToLine', line });
  }

  cursorMoved(line: number, offset?: number): void {
    this.post({ type: 'cursorLine', line });
    if (offset === undefined) return;
    // The formula highlight needs the note's math model: at most one lookup per 100 ms, for the latest cursor.
    this.cursorOffset = offset;
    this.formulaTimer ??= setTimeout(() => {
      this.formulaTimer = undefined;
      void this.markCursorFormula();
    }, 100);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.formulaTimer) clearTimeout(this.formulaTimer);
    this.formulaTimer = undefined;
    this.dropRenderer();
    this.disposeEmitter.fire();
    disposeAll([this.disposeEmitter, this.renderEmitter, this.appliedEmitter]);
    disposeAll(this.disposables.splice(0));
    this.panel.dispose();
  }

  private configureWebview(): void {
    this.ready = false;
    this.needsFull = true;
    setUpWebview(this.panel.webview, this.deps, this.uri, this.settings, this.visibleContent());
    this.updateTitle();
  }

  /**
   * The note's visible part for the shell (issue #15): the webview paints it as soon as it loads, as VS Code's
   * own preview paints the HTML it sets; the host's first message then replaces it with the whole note.
   */
  private visibleContent(): { headerHtml: string; bodyHtml: string } | undefined {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === this.uri.toString());
    if (!document || document.languageId !== 'markdown') return undefined;
    try {
      const visible = this.visibleLines(this.uri);
      const part = this.slicesFor(this.uri).visiblePart(this.deps.noteFor(document), visible);
      return {
        headerHtml: visible.start <= part.bodyLine ? part.headerHtml : '',
        bodyHtml: part.blocks.map((block) => core().blockHtml(block)).join(''),
      };
    } catch {
      return undefined; // the first message shows the error
    }
  }

  private updateTitle(): void {
    const name = this.uri.path.split('/').pop() ?? '';
    this.panel.title = this.locked ? this.deps.t('[Locked] Preview {0}', name) : this.deps.t('Preview {0}', name);
  }

  private async update(): Promise<void> {
    if (this.disposed || !this.ready) return;
    if (this.updating) {
      this.updateAgain = true;
      return;
    }
    this.updating = true;
    try {
      const uri = this.uri;
      const document = await vscode.workspace.openTextDocument(uri);
      // The panel may have been closed or switched to another note while we waited.
      if (this.disposed || uri.toString() !== this.uri.toString() || !this.ready) return;
      if (document.version === this.renderedVersion && !this.needsFull) return;
      const slices = this.slicesFor(uri);
      const version = document.version;
      this.renderedVersion = version;
      // The first pass (the visible range) is posted now, the rest in later turns; a newer version cancels them.
      let firstPass = true;
      slices.render(
        this.deps.noteFor(document),
        this.visibleLines(uri),
        (result) => {
          if (this.needsFull) this.postFull(result.note, version);
          else this.postPatch(result.patch, result.note, version);
          // A cursor that moved before this version was rendered found no formula to mark then (the webview may
          // already show the shell's part of the note, so people do move it that early).
          if (firstPass && this.cursorOffset >= 0) void this.markCursorFormula();
          firstPass = false;
        },
        (error) => this.showError(error),
      );
    } catch (error) {
      this.showError(error);
    } finally {
      this.updating = false;
      if (this.updateAgain && !this.disposed) {
        this.updateAgain = false;
        void this.update();
      }
    }
  }

  private showError(error: unknown): void {
    const html = `<p class="mp-render-error">${core().escapeHtml(this.deps.t('The preview could not render this note: {0}', String(error)))}</p>`;
    this.post({
      type: 'full',
      version: -1,
      uri: this.uri.toString(),
      headerHtml: '',
      blocks: [{ id: 'error', startLine: 0, endLine: 1, html }],
      settings: this.viewSettings(),
    });
    this.needsFull = true;
  }

  /** The lines to render first: the editor's visible range, else where the preview is to open. */
  private visibleLines(uri: vscode.Uri): LineRange {
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri.toString());
    const range = editor?.visibleRanges[0];
    if (range) return { start: range.start.line, end: range.end.line + 1 };
    const line = Math.floor(this.pendingLine ?? this.lastScrolledLine ?? 0);
    return { start: line, end: line + 60 };
  }

  private dropRenderer(): void {
    this.rendering.drop();
  }

  private slicesFor(uri: vscode.Uri): ProgressiveRender {
    const { slices, fresh } = this.rendering.slicesFor(uri, this.settings);
    if (fresh) this.needsFull = true;
    return slices;
  }

  private viewSettings(): ViewSettings {
    return viewSettingsFor(this.deps, this.uri, this.settings, this.locked);
  }

  private postFull(note: RenderedNote, version: number): void {
    const line = this.pendingLine;
    this.pendingLine = undefined;
    const message: HostMessage = {
      type: 'full',
      version,
      uri: this.uri.toString(),
      headerHtml: note.headerHtml,
      blocks: note.blocks,
      settings: this.viewSettings(),
      line,
    };
    if (this.post(message)) this.needsFull = false;
    this.remember(
      note,
      version,
      'full',
      note.blocks.map((block) => block.id),
    );
  }

  private postPatch(patch: NotePatch, note: RenderedNote, version: number): void {
    const empty = patch.removed.length === 0 && patch.added.length === 0 && patch.lines.length === 0 && patch.headerHtml === undefined;
    const message: HostMessage = {
      type: 'patch',
      version,
      removed: patch.removed,
      added: patch.added,
      lines: patch.lines,
      headerHtml: patch.headerHtml,
    };
    if (!empty && !this.post(message)) this.needsFull = true;
    this.remember(
      note,
      version,
      'patch',
      patch.added.map((entry) => entry.block.id),
    );
  }

  private remember(note: RenderedNote, version: number, kind: 'full' | 'patch', blockIds: string[]): void {
    this.blocks = note.blocks;
    this.renderEmitter.fire({ uri: this.uri.toString(), version, kind, headerHtml: note.headerHtml, blocks: note.blocks, blockIds });
  }

  private post(message: HostMessage): boolean {
    if (this.disposed) return false;
    void this.panel.webview.postMessage(message).then(undefined, () => {
      this.needsFull = true;
    });
    return true;
  }

  private onMessage(message: unknown): void {
    if (this.disposed || !isWebviewMessage(message)) return;
    const typed: WebviewMessage = message;
    switch (typed.type) {
      case 'ready':
        // A reloaded webview (hidden and shown again) comes back where the reader was.
        this.pendingLine ??= this.lastScrolledLine;
        this.ready = true;
        this.needsFull = true;
        void this.update();
        break;
      case 'scrolled':
        this.lastScrolledLine = typed.line;
        if (this.settings.scrollSync) this.revealInEditors(typed.line);
        break;
      case 'revealLine':
        void showSource(
          this.uri,
          (document) => lineStart(document, typed.line),
          () => !this.disposed,
        );
        break;
      case 'revealFormula':
        // Double-click on a formula in the preview: the editor's cursor goes to its source (its line if not found).
        void showSource(
          this.uri,
          (document) => {
            const source = this.formulas.formulaSource(document, typed.line, typed.index, this.settings);
            return source ? document.positionAt(source.start) : lineStart(document, typed.line);
          },
          () => !this.disposed,
        );
        break;
      case 'openLink':
        void openLink(typed.href, this.uri);
        break;
      case 'applied':
        this.appliedEmitter.fire({ uri: this.uri.toString(), version: typed.version, kind: typed.kind, ms: typed.ms });
        break;
    }
  }

  private revealInEditors(line: number): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== this.uri.toString()) continue;
      this.ignoreEditorScrollUntil = Date.now() + 300;
      const whole = Math.floor(line);
      editor.revealRange(new vscode.Range(whole, 0, whole, 0), vscode.TextEditorRevealType.AtTop);
    }
  }

  private async markCursorFormula(): Promise<void> {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === this.uri.toString());
    if (this.disposed || !document || document.version !== this.renderedVersion) return;
    const formula = this.formulas.formulaAt(document, this.cursorOffset, this.blocks, this.settings);
    const key = formula ? `${formula.line}:${formula.index}` : '';
    if (key === this.markedFormula) return;
    this.markedFormula = key;
    this.post({ type: 'cursorFormula', line: formula?.line ?? -1, index: formula?.index ?? -1 });
  }
}
