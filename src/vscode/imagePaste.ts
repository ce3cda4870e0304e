/**
 * Paste and drop images into a Hexo post: the image is copied where the blog publishes it (the post's
 * asset folder, or `source/images/`) and linked the way the blog's renderer resolves it
 * (src/core/blog/imageTarget.ts). A DocumentPasteEditProvider / DocumentDropEditProvider, so it is one
 * choice in VS Code's paste/drop widget beside the built-in ones; notes outside a blog are left to them.
 */
import * as vscode from 'vscode';
import type { ImageLinkStyle, ImageSource, ImageTarget } from '../core/blog/imageTarget';
import type { BlogConfig } from '../core/blog/types';
import type { ReadOnlyFileSystem } from '../core/fileSystem';
import { core } from '../coreLoader';

export interface ImagePasteDependencies {
  findBlog(notePath: string): BlogConfig;
  fs: ReadOnlyFileSystem;
}

/**
 * VS Code's markdown extension ranks its own "copy the file and insert a link" edit below edits of kind
 * `markdown.image.attachment` (images stored with the document, as notebooks do). A post's asset folder is
 * that store for a Hexo post, so this edit is of such a kind: it stays first whatever order the providers
 * come in (in VS Code 1.139 it is first either way: test/e2e/hexoWorkflow.e2e.mjs pastes with Ctrl+V), and
 * `editor.pasteAs.preferences` can name it. The built-in edit stays one click away in the paste widget.
 */
export function hexoImageEditKind(): vscode.DocumentDropOrPasteEditKind {
  return vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'image', 'attachment', 'hexo');
}
const MIME_TYPES = ['image/*', 'text/uri-list', 'files'];

interface PastedImage extends ImageSource {
  /** The bytes (a DataTransferFile only revives inside VS Code's own transfers, so bytes are what an edit can carry). */
  contents: () => Promise<Uint8Array>;
}

export class HexoImageEditProvider implements vscode.DocumentPasteEditProvider, vscode.DocumentDropEditProvider {
  readonly kind = hexoImageEditKind();

  constructor(private readonly deps: ImagePasteDependencies) {}

  async provideDocumentPasteEdits(
    document: vscode.TextDocument,
    _ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
    _context: vscode.DocumentPasteEditContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentPasteEdit[] | undefined> {
    const edit = await this.createEdit(document, dataTransfer, token);
    if (!edit) return undefined;
    const paste = new vscode.DocumentPasteEdit(edit.snippet, edit.title, this.kind);
    paste.additionalEdit = edit.files;
    return [paste];
  }

  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    _position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const edit = await this.createEdit(document, dataTransfer, token);
    if (!edit) return undefined;
    const drop = new vscode.DocumentDropEdit(edit.snippet, edit.title, this.kind);
    drop.additionalEdit = edit.files;
    return drop;
  }

  private async createEdit(
    document: vscode.TextDocument,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<{ snippet: vscode.SnippetString; title: string; files: vscode.WorkspaceEdit } | undefined> {
    if (document.uri.scheme !== 'file') return undefined;
    const notePath = document.uri.fsPath.replace(/\\/g, '/');
    const blog = this.deps.findBlog(notePath);
    if (!core().acceptsImages(notePath, blog)) return undefined;
    const images = await pastedImages(dataTransfer);
    if (images.length === 0 || token.isCancellationRequested) return undefined;
    const config = vscode.workspace.getConfiguration('mathpost.images', document.uri);
    const settings = { linkStyle: config.get<ImageLinkStyle>('linkStyle', 'auto'), folder: config.get<string>('folder', 'images') };
    const targets = core().imageTargets(notePath, blog, images, settings, this.deps.fs);
    const files = new vscode.WorkspaceEdit();
    for (const [index, target] of targets.entries()) {
      if (target.inPlace) continue;
      // overwrite: false: if the name was taken meanwhile, the edit fails instead of replacing a file.
      files.createFile(vscode.Uri.file(target.path), { contents: await images[index].contents(), overwrite: false, ignoreIfExists: false });
    }
    if (token.isCancellationRequested) return undefined;
    const snippet = new vscode.SnippetString();
    targets.forEach((target, index) => {
      if (index > 0) snippet.appendText('\n');
      appendLink(snippet, target);
    });
    const where =
      blog.postAssetFolder && targets[0].path.startsWith(notePath.replace(/\.[^./]*$/, '') + '/')
        ? vscode.l10n.t("the post's asset folder")
        : vscode.workspace.asRelativePath(vscode.Uri.file(targets[0].path.replace(/\/[^/]*$/, '')), false);
    return { snippet, title: vscode.l10n.t('Copy into {0} and link for Hexo', where), files };
  }
}

function appendLink(snippet: vscode.SnippetString, target: ImageTarget): void {
  if (target.link.kind === 'asset_img') {
    snippet.appendText(`{% asset_img ${target.link.name} %}`);
    return;
  }
  snippet.appendText('![');
  snippet.appendPlaceholder(target.name.replace(/\.[^.]*$/, ''));
  snippet.appendText(`](${target.link.url})`);
}

/** Image files in the data transfer: pasted/dropped file data first, else image files of a uri-list. */
async function pastedImages(dataTransfer: vscode.DataTransfer): Promise<PastedImage[]> {
  const images: PastedImage[] = [];
  dataTransfer.forEach((item, mime) => {
    const file = mime.startsWith('image/') ? item.asFile() : undefined;
    if (!file || !core().imageExtension(mime)) return;
    images.push({
      name: file.name,
      mime,
      path: file.uri?.scheme === 'file' ? file.uri.fsPath.replace(/\\/g, '/') : undefined,
      contents: () => Promise.resolve(file.data()),
    });
  });
  if (images.length > 0) return images;
  const uriList = await dataTransfer.get('text/uri-list')?.asString();
  for (const line of (uriList ?? '').split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(line.trim(), true);
    } catch {
      continue;
    }
    const mime = core().imageMimeOf(uri.path);
    if (!mime) continue;
    images.push({
      name: uri.path.replace(/^.*\//, ''),
      mime,
      path: uri.scheme === 'file' ? uri.fsPath.replace(/\\/g, '/') : undefined,
      contents: () => Promise.resolve(vscode.workspace.fs.readFile(uri)),
    });
  }
  return images;
}

export function registerImagePaste(deps: ImagePasteDependencies): { provider: HexoImageEditProvider; registration: vscode.Disposable } {
  const provider = new HexoImageEditProvider(deps);
  const selector: vscode.DocumentSelector = { language: 'markdown', scheme: 'file' };
  const registration = vscode.Disposable.from(
    vscode.languages.registerDocumentPasteEditProvider(selector, provider, { providedPasteEditKinds: [provider.kind], pasteMimeTypes: MIME_TYPES }),
    vscode.languages.registerDocumentDropEditProvider(selector, provider, { providedDropEditKinds: [provider.kind], dropMimeTypes: MIME_TYPES }),
  );
  return { provider, registration };
}
