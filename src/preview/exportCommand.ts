/**
 * "Mathpost: Export HTML": the active note as one standalone offline HTML file (KaTeX CSS with its
 * fonts and the note's local images inlined as data: URIs, the preview CSS, no script).
 */
import * as vscode from 'vscode';
import type { ExportImageProblem } from '../core/render/exportHtml';
import type { Localize } from '../core/text';
import { core } from '../coreLoader';
import { notePathOf, type PreviewDependencies } from './previewTypes';
import { readPreviewSettings } from './previewSettings';

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function exportHtmlCommand(deps: PreviewDependencies, uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage(deps.t('Open a markdown note to export it.'));
    return undefined;
  }
  const notePath = notePathOf(document.uri);
  const defaultUri = document.uri.scheme === 'file' ? document.uri.with({ path: document.uri.path.replace(/\.[^./]*$/, '') + '.html' }) : undefined;
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: { HTML: ['html'] }, saveLabel: deps.t('Export') });
  if (!target) return undefined;
  const settings = readPreviewSettings(document.uri);
  const katexFolder = vscode.Uri.joinPath(deps.extensionUri, 'dist', 'katex').fsPath.replace(/\\/g, '/');
  const [katexCss, previewCss, butterflyCss] = await Promise.all([
    Promise.resolve(core().katexCssWithEmbeddedFonts(katexFolder, deps.fs) ?? ''),
    readText(vscode.Uri.joinPath(deps.extensionUri, 'media', 'preview.css')),
    settings.butterflyStyle ? readText(vscode.Uri.joinPath(deps.extensionUri, 'media', 'butterfly.css')) : Promise.resolve(undefined),
  ]);
  const { html, imageProblems } = core().exportStandaloneHtmlWithReport(
    document.getText(),
    {
      blog: notePath ? deps.findBlog(notePath) : undefined,
      notePath,
      fs: deps.fs,
      delimiters: settings.delimiters,
      macros: settings.macros,
      allowHtml: settings.allowHtml,
      allowRemoteImages: settings.allowRemoteImages,
      resourceUri: (path) => vscode.Uri.file(path).toString(),
      fenceRenderers: deps.fenceRenderers,
      t: deps.t,
    },
    { katexCss, previewCss, butterflyCss },
    deps.math,
  );
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  if (imageProblems.length > 0) void vscode.window.showWarningMessage(notEmbeddedMessage(target.fsPath, imageProblems, deps.t));
  else void vscode.window.showInformationMessage(deps.t('Exported {0}', target.fsPath));
  return target;
}

/** One warning for every image the export left as a link or marker, so the user knows the file is not fully self-contained. */
function notEmbeddedMessage(targetPath: string, problems: ExportImageProblem[], t: Localize): string {
  const list = core().imageProblemList(problems, t);
  return problems.length === 1
    ? t('Exported {0}; 1 image was not embedded: {1}', targetPath, list)
    : t('Exported {0}; {1} images were not embedded: {2}', targetPath, problems.length, list);
}
