/**
 * A panel's webview as the note and settings want it: what it may load (the extension's assets, the note's folder,
 * the blog's source folders), its HTML shell with the visible part of the note, and the view settings it is sent.
 */
import * as vscode from 'vscode';
import type { ViewSettings } from '../shared/protocol';
import { core } from '../coreLoader';
import { createNonce, previewShellHtml } from './htmlShell';
import type { PreviewSettings } from './previewSettings';
import { notePathOf, type PreviewDependencies } from './previewTypes';

/** Sets the webview's options and its shell (a new page: the webview loads again and says `ready`). */
export function setUpWebview(
  webview: vscode.Webview,
  deps: PreviewDependencies,
  uri: vscode.Uri,
  settings: PreviewSettings,
  initial: { headerHtml: string; bodyHtml: string } | undefined,
): void {
  const notePath = notePathOf(uri);
  const blog = notePath ? deps.findBlog(notePath) : undefined;
  const roots = [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')];
  if (notePath) roots.push(vscode.Uri.joinPath(uri, '..'));
  for (const folder of blog?.sourceFolders ?? []) roots.push(vscode.Uri.file(folder));
  webview.options = { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: roots };
  const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, ...path)).toString();
  webview.html = previewShellHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: asset('dist', 'webview.js'),
    styleUris: [asset('dist', 'katex', 'katex.min.css'), asset('media', 'preview.css'), asset('media', 'butterfly.css')],
    allowRemoteImages: settings.allowRemoteImages,
    documentUri: uri.toString(),
    bodyClasses: settings.butterflyStyle ? ['mp-butterfly'] : [],
    title: deps.t('Mathpost Preview'),
    initial,
  });
}

/** The settings the webview applies itself: scroll sync, the Butterfly look, the lock, the code toolbar of the blog. */
export function viewSettingsFor(deps: PreviewDependencies, uri: vscode.Uri, settings: PreviewSettings, locked: boolean): ViewSettings {
  const notePath = notePathOf(uri);
  const toolbar = (notePath ? deps.findBlog(notePath)?.codeBlocks : undefined) ?? core().defaultCodeBlockToolbar();
  const codeTools = {
    ...toolbar,
    copyLabel: deps.t('Copy code'),
    copiedLabel: deps.t('Copied'),
    foldLabel: deps.t('Fold or unfold the code'),
  };
  return { scrollSync: settings.scrollSync, butterflyStyle: settings.butterflyStyle, locked, codeTools };
}
