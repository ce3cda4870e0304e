/**
 * Wiring of the preview feature for the composition root: `activatePreview(context, deps)`
 * registers the commands, the serializer and the editor listeners, and returns the manager
 * (the integration tests record its panels' renders through `onDidOpenPanel`, from the extension's API).
 */
import * as vscode from 'vscode';
import { exportHtmlCommand } from './exportCommand';
import { PreviewManager } from './previewManager';
import { PREVIEW_VIEW_TYPE, type PreviewDependencies } from './previewTypes';

export { PreviewManager } from './previewManager';
export type { PreviewApplied, PreviewDependencies, PreviewRender } from './previewTypes';

export function activatePreview(context: vscode.ExtensionContext, deps: PreviewDependencies): PreviewManager {
  const manager = new PreviewManager(deps);
  const asUri = (value: unknown): vscode.Uri | undefined => (value instanceof vscode.Uri ? value : undefined);
  context.subscriptions.push(
    manager,
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, manager),
    vscode.commands.registerCommand('mathpost.openPreview', (uri?: unknown) => manager.open(asUri(uri), false)),
    vscode.commands.registerCommand('mathpost.openPreviewToSide', (uri?: unknown) => manager.open(asUri(uri), true)),
    vscode.commands.registerCommand('mathpost.preview.toggleLock', () => manager.toggleLock()),
    vscode.commands.registerCommand('mathpost.exportHtml', (uri?: unknown) => exportHtmlCommand(deps, asUri(uri))),
  );
  return manager;
}
