// Shared helpers for integration tests (files named *.test.ts here run inside a real VS Code extension host,
// on a private copy of examples/blog opened as the workspace folder).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { recordPreviews } from './previewState';

export const EXTENSION_ID = 'mathpost.mathpost';

/** Polls `condition` every 50 ms; throws naming `what` after `timeoutMs`. For state VS Code reaches asynchronously. */
export async function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function mathpostExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  return extension;
}

/** The URI of `relativePath` (e.g. 'source/_posts/kl-divergence.md') in the test workspace folder. */
export function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need a workspace folder (the runner opens a copy of examples/blog)');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and waits until Mathpost is active. */
export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  const editor = await vscode.window.showTextDocument(document);
  await waitFor(() => mathpostExtension().isActive, `${EXTENSION_ID} to activate`);
  recordPreviews();
  return editor;
}

/** Waits until the document has diagnostics matching `predicate` (default: any) and returns them all. */
export async function diagnosticsFor(
  uri: vscode.Uri,
  predicate: (all: vscode.Diagnostic[]) => boolean = (all) => all.length > 0,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const all = vscode.languages.getDiagnostics(uri);
      return predicate(all) && all;
    },
    `diagnostics on ${uri.toString()}`,
    timeoutMs,
  );
}

/**
 * Reverts `document` to its saved text and waits until it is clean. `workbench.action.files.revert` acts on the
 * active editor, which under load can still be another one (the preview group just closed): a note left dirty
 * then reaches the next test with this test's typing in it.
 */
export async function revertDocument(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !document.isDirty, `${document.uri.path} to be reverted`);
}

/** The index of the first line of `document` that starts with `prefix`; fails naming the prefix if there is none. */
export function lineStartingWith(document: vscode.TextDocument, prefix: string): number {
  const line = document
    .getText()
    .split('\n')
    .findIndex((text) => text.startsWith(prefix));
  assert.ok(line >= 0, `no line of ${document.uri.path} starts with "${prefix}" (dirty: ${document.isDirty}, saved text changed by an earlier test?)`);
  return line;
}

/** Closes every editor, so each test starts from the same empty layout. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Collects errors that escape into the extension host (the tests run inside it, so a timer firing on a disposed
 * webview would surface here) while the enclosing `describe` runs, and closes all editors after it.
 */
export function recordHostErrors(): unknown[] {
  const problems: unknown[] = [];
  const record = (error: unknown) => problems.push(error);
  before(() => {
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
  });
  after(async () => {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
    await closeAllEditors();
  });
  return problems;
}
