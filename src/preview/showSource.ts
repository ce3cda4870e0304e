/**
 * From the preview back to the note: the note's editor (the one it is visible in, else the first column) shown
 * with the cursor where the reader double-clicked.
 */
import * as vscode from 'vscode';

/** The start of `line` (clamped to the document), for a block or a formula not found. */
export function lineStart(document: vscode.TextDocument, line: number): vscode.Position {
  return new vscode.Position(Math.min(Math.max(0, Math.floor(line)), document.lineCount - 1), 0);
}

/** Opens `uri` and puts the cursor at `positionIn(document)`, unless `stillWanted()` is false by then (panel closed). */
export async function showSource(uri: vscode.Uri, positionIn: (document: vscode.TextDocument) => vscode.Position, stillWanted: () => boolean): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (!stillWanted()) return;
  const position = positionIn(document);
  const existing = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  await vscode.window.showTextDocument(document, {
    viewColumn: existing?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
    preserveFocus: false,
  });
}
