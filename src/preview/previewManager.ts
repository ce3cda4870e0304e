/**
 * The preview panels of the window: opening (beside or in place), following the active markdown
 * editor unless locked, restoring after a reload (serializer), and routing editor events.
 */
import * as vscode from 'vscode';
import type { WebviewState } from '../shared/protocol';
import { PreviewPanel } from './previewPanel';
import { PREVIEW_VIEW_TYPE, type PreviewDependencies } from './previewTypes';
import { readPreviewSettings } from './previewSettings';
import { disposeAll } from '../shared/dispose';

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer<WebviewState> {
  private readonly panels = new Set<PreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private active: PreviewPanel | undefined;
  private readonly opened = new vscode.EventEmitter<PreviewPanel>();
  /** A panel was opened or restored (the integration tests subscribe to its renders through it). */
  readonly onDidOpenPanel = this.opened.event;

  constructor(private readonly deps: PreviewDependencies) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => this.forDocument(event.document.uri, (panel) => panel.documentChanged(false))),
      vscode.workspace.onDidSaveTextDocument((document) => this.forDocument(document.uri, (panel) => panel.documentChanged(true))),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        const line = event.visibleRanges[0]?.start.line;
        if (line !== undefined) this.forDocument(event.textEditor.document.uri, (panel) => panel.editorScrolled(line));
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        const active = event.selections[0]?.active;
        if (active !== undefined)
          this.forDocument(event.textEditor.document.uri, (panel) => panel.cursorMoved(active.line, event.textEditor.document.offsetAt(active)));
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('mathpost.preview') || event.affectsConfiguration('mathpost.math'))
          for (const panel of this.panels) panel.refreshSettings();
      }),
      // Restricted settings (preview.allowHtml) take effect once the folder is trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const panel of this.panels) panel.refreshSettings();
      }),
    );
    // A pasted image is created by the paste's workspace edit, possibly after its link was rendered as missing.
    const images = vscode.workspace.createFileSystemWatcher('**/*.{png,jpg,jpeg,gif,svg,webp,avif,bmp,ico,PNG,JPG,JPEG,GIF,SVG,WEBP}', false, true, true);
    const created = (uris: readonly vscode.Uri[]): void => {
      const paths = uris.filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath.replace(/\\/g, '/'));
      if (paths.length > 0) for (const panel of this.panels) panel.filesCreated(paths);
    };
    this.disposables.push(
      images,
      images.onDidCreate((uri) => created([uri])),
      vscode.workspace.onDidCreateFiles((event) => created(event.files)),
    );
    if (deps.onBlogsChanged) {
      this.disposables.push(
        deps.onBlogsChanged(() => {
          for (const panel of this.panels) panel.blogChanged();
        }),
      );
    }
  }

  /** "Mathpost: Open Preview" (`toSide`: "Open Preview to the Side"). */
  async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<PreviewPanel | undefined> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ?? editor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage(this.deps.t('Open a markdown note to preview it.'));
      return undefined;
    }
    const line = editor && editor.document.uri.toString() === target.toString() ? editor.visibleRanges[0]?.start.line : undefined;
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    const existing = [...this.panels].find((panel) => panel.documentUri.toString() === target.toString()) ?? [...this.panels].find((panel) => !panel.locked);
    if (existing) {
      existing.setDocument(target, line);
      existing.panel.reveal(existing.panel.viewColumn ?? column, toSide);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      this.deps.t('Mathpost Preview'),
      { viewColumn: column, preserveFocus: toSide },
      { enableScripts: true, enableForms: false, retainContextWhenHidden: false },
    );
    return this.adopt(new PreviewPanel(panel, this.deps, target, false, line));
  }

  /** "Mathpost: Toggle Preview Lock" on the active (or last used) preview. */
  toggleLock(): void {
    const panel = this.active ?? [...this.panels].pop();
    panel?.toggleLock();
    if (panel && !panel.locked) this.followEditor(vscode.window.activeTextEditor);
  }

  /** Restores a preview after a window reload. */
  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: WebviewState | undefined): Promise<void> {
    const uri = state?.uri ? vscode.Uri.parse(state.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      webviewPanel.dispose();
      return;
    }
    this.adopt(new PreviewPanel(webviewPanel, this.deps, uri, Boolean(state?.locked), state?.line));
  }

  /** The open preview showing `uri`, if any. */
  panelFor(uri: string): PreviewPanel | undefined {
    return [...this.panels].find((candidate) => candidate.documentUri.toString() === uri);
  }

  get panelCount(): number {
    return this.panels.size;
  }

  /** For the leak tests: open panels, the subscriptions they hold, and their pending updates. */
  resources(): { panels: number; subscriptions: number; pendingUpdates: number } {
    const each = [...this.panels].map((panel) => panel.resources);
    return {
      panels: each.length,
      subscriptions: each.reduce((sum, r) => sum + r.subscriptions, 0),
      pendingUpdates: each.filter((r) => r.pendingUpdate).length,
    };
  }

  dispose(): void {
    disposeAll([...this.panels, ...this.disposables.splice(0), this.opened]);
  }

  private adopt(panel: PreviewPanel): PreviewPanel {
    this.panels.add(panel);
    this.active = panel;
    this.opened.fire(panel);
    panel.own(
      panel.panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.active) this.active = panel;
        void vscode.commands.executeCommand('setContext', 'mathpostPreviewFocus', event.webviewPanel.active);
      }),
    );
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.active === panel) this.active = undefined;
    });
    return panel;
  }

  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.languageId !== 'markdown') return;
    if (!readPreviewSettings(editor.document.uri).followActiveEditor) return;
    for (const panel of this.panels) if (!panel.locked) panel.setDocument(editor.document.uri, editor.visibleRanges[0]?.start.line);
  }

  private forDocument(uri: vscode.Uri, action: (panel: PreviewPanel) => void): void {
    const key = uri.toString();
    for (const panel of this.panels) if (panel.documentUri.toString() === key) action(panel);
  }
}
