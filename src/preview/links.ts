/**
 * What a click on a link in the preview may do: open http(s)/mailto outside VS Code, open a file
 * of the workspace in VS Code. Never run a `command:` URI or any other scheme from a note.
 */
import * as vscode from 'vscode';

export type LinkTarget = { kind: 'external'; uri: vscode.Uri } | { kind: 'file'; uri: vscode.Uri; fragment: string } | { kind: 'ignored'; reason: string };

export function resolveLink(href: string, documentUri: vscode.Uri): LinkTarget {
  const trimmed = href.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') return { kind: 'external', uri: vscode.Uri.parse(trimmed, true) };
  if (scheme) return { kind: 'ignored', reason: `scheme ${scheme}:` };
  if (documentUri.scheme === 'untitled') return { kind: 'ignored', reason: 'untitled note' };
  const [pathPart, fragment = ''] = trimmed.split('#', 2);
  let path: string;
  try {
    path = decodeURIComponent(pathPart.split('?')[0]);
  } catch {
    path = pathPart;
  }
  if (!path) return { kind: 'ignored', reason: 'fragment only' };
  const base = path.startsWith('/') ? (vscode.workspace.getWorkspaceFolder(documentUri)?.uri ?? documentUri) : vscode.Uri.joinPath(documentUri, '..');
  return { kind: 'file', uri: vscode.Uri.joinPath(base, path), fragment };
}

export async function openLink(href: string, documentUri: vscode.Uri): Promise<void> {
  const target = resolveLink(href, documentUri);
  if (target.kind === 'external') await vscode.env.openExternal(target.uri);
  else if (target.kind === 'file') await vscode.commands.executeCommand('vscode.open', target.uri);
}
