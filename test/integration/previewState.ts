/**
 * What the preview tests read of a preview panel: the renders it posted and what its webview reported it applied,
 * recorded from the extension's API (`MathpostApi.preview.onDidOpenPanel`, each panel's `onDidRender` /
 * `onDidApply`). Test code only: the extension ships the events, not this record.
 */
import type { MathpostApi } from '../../src/extension';
import type { PreviewPanel } from '../../src/preview/previewPanel';
import * as vscode from 'vscode';

export interface PreviewTestState {
  uri: string;
  version: number;
  headerHtml: string;
  blocks: Array<{ id: string; startLine: number; endLine: number; html: string }>;
  /** The note's blocks as one HTML string. */
  html: string;
  locked: boolean;
  /** The last 20 messages posted, oldest first. */
  posted: Array<{ kind: 'full' | 'patch'; version: number; blockIds: string[] }>;
  applied?: { version: number; kind: 'full' | 'patch'; ms: number };
}

const records = new WeakMap<PreviewPanel, PreviewTestState>();
let recording: MathpostApi | undefined;

function record(panel: PreviewPanel): void {
  const fresh = (uri: string): PreviewTestState => ({ uri, version: -1, headerHtml: '', blocks: [], html: '', locked: panel.locked, posted: [] });
  records.set(panel, fresh(panel.documentUri.toString()));
  panel.onDidRender((render) => {
    // A panel that follows the active editor starts a new record for each note it shows.
    const previous = records.get(panel)!;
    const state = previous.uri === render.uri ? previous : fresh(render.uri);
    records.set(panel, {
      ...state,
      version: render.version,
      headerHtml: render.headerHtml,
      blocks: [...render.blocks],
      html: render.blocks.map((block) => block.html).join(''),
      posted: [...state.posted.slice(-19), { kind: render.kind, version: render.version, blockIds: render.blockIds }],
    });
  });
  panel.onDidApply((applied) => {
    const state = records.get(panel)!;
    if (state.uri === applied.uri) state.applied = { version: applied.version, kind: applied.kind, ms: applied.ms };
  });
}

/** Starts recording every preview panel opened from now on (once Mathpost is active; idempotent). */
export function recordPreviews(): void {
  if (recording) return;
  // Not through ./helpers: openInEditor there calls this function.
  const extension = vscode.extensions.getExtension('mathpost.mathpost');
  if (!extension?.isActive) throw new Error('recordPreviews: Mathpost is not active yet');
  recording = extension.exports as MathpostApi;
  recording.preview.onDidOpenPanel(record);
}

/** The record of the preview showing `uri`, or undefined when no preview shows it. */
export function previewState(uri: string | { toString(): string }): PreviewTestState | undefined {
  recordPreviews();
  const panel = recording!.preview.panelFor(uri.toString());
  if (!panel) return undefined;
  const state = records.get(panel);
  if (!state) throw new Error(`the preview of ${uri.toString()} was opened before recordPreviews() (call openInEditor first)`);
  return { ...state, locked: panel.locked };
}
