/**
 * Command `mathpost.newPost` (palette, Explorer context menu): `hexo new` for the blog around the
 * picked folder, the active note or the workspace. Asks for the layout and the title (validated live:
 * the file it will create, or why it cannot), writes through `vscode.workspace.fs` and opens the post.
 * The file and its text come from src/core/blog/newPost.ts, byte for byte what `hexo new` writes.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { NewPostRequest, PlannedPost } from '../core/blog/newPost';
import type { ReadOnlyFileSystem } from '../core/fileSystem';
import { core } from '../coreLoader';
import type { Command } from './commandManager';

/** Optional second argument, for keybindings and scripts: skips the questions it answers. */
export interface NewPostOptions {
  title?: string;
  layout?: string;
}

const t = vscode.l10n.t;
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

export class NewPostCommand implements Command {
  readonly id = 'mathpost.newPost';

  constructor(private readonly fs: ReadOnlyFileSystem) {}

  /** Creates the post and returns its URI (undefined when cancelled or impossible). */
  async execute(target?: unknown, options?: unknown): Promise<vscode.Uri | undefined> {
    const given: NewPostOptions = typeof options === 'object' && options !== null ? (options as NewPostOptions) : {};
    const root = await this.pickBlog(target instanceof vscode.Uri ? target : undefined);
    if (root === undefined) return undefined;
    const layout = given.layout ?? (await this.pickLayout(root));
    if (layout === undefined) return undefined;
    const title =
      given.title ??
      (await vscode.window.showInputBox({
        title: t('New Hexo post ({0})', layout),
        prompt: t('Title of the post (the file name is its slug, as hexo new makes it)'),
        ignoreFocusOut: true,
        validateInput: (value) => this.validateTitle(root, layout, value),
      }));
    if (title === undefined) return undefined;
    try {
      return await this.create(root, { title, layout });
    } catch (error) {
      void vscode.window.showErrorMessage(t('Mathpost could not create the post: {0}', describe(error)));
      return undefined;
    }
  }

  /** The quick input's validation: the file that will be created, or why there will be none. */
  validateTitle(root: string, layout: string, value: string): vscode.InputBoxValidationMessage | undefined {
    if (value.trim() === '') return { message: t('Enter a title.'), severity: vscode.InputBoxValidationSeverity.Error };
    let planned: PlannedPost;
    try {
      planned = core().planNewPost(root, { title: value, layout }, { fs: this.fs, now: new Date(), sha1 });
    } catch (error) {
      return { message: describe(error), severity: vscode.InputBoxValidationSeverity.Error };
    }
    const file = planned.path.slice(root.length + 1);
    if (planned.writtenTitle !== undefined && planned.writtenTitle !== value) {
      return {
        message: t(
          "Creates {0}. The scaffold's YAML reads this title as {1}, exactly as hexo new does; edit the front matter afterwards if that is not what you meant.",
          file,
          JSON.stringify(planned.writtenTitle),
        ),
        severity: vscode.InputBoxValidationSeverity.Warning,
      };
    }
    return { message: t('Creates {0}', file), severity: vscode.InputBoxValidationSeverity.Info };
  }

  private async create(root: string, request: NewPostRequest): Promise<vscode.Uri> {
    let planned = core().planNewPost(root, request, { fs: this.fs, now: new Date(), sha1 });
    // A file may have appeared since the name was chosen: choose again rather than overwrite it.
    if (this.fs.exists(planned.path)) planned = core().planNewPost(root, request, { fs: this.fs, now: new Date(), sha1 });
    if (this.fs.exists(planned.path)) throw new (core().NewPostError)(t('{0} already exists.', planned.path));
    const uri = vscode.Uri.file(planned.path);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(planned.content));
    if (planned.assetFolder) await vscode.workspace.fs.createDirectory(vscode.Uri.file(planned.assetFolder));
    const editor = await vscode.window.showTextDocument(uri);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    return uri;
  }

  /** The blog of the Explorer folder, else of the active note, else of the workspace (asked if several). */
  private async pickBlog(target: vscode.Uri | undefined): Promise<string | undefined> {
    const rootFrom = (folder: string): string | undefined => core().findBlogRoot(core().joinPath(folder.replace(/\\/g, '/'), '_config.yml'), this.fs);
    if (target?.scheme === 'file') {
      const isFolder =
        (await vscode.workspace.fs.stat(target).then(
          (stat) => stat.type,
          () => vscode.FileType.Unknown,
        )) & vscode.FileType.Directory;
      const root = rootFrom(isFolder ? target.fsPath : vscode.Uri.joinPath(target, '..').fsPath);
      if (root !== undefined) return root;
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    const activeRoot = active?.scheme === 'file' ? rootFrom(vscode.Uri.joinPath(active, '..').fsPath) : undefined;
    if (activeRoot !== undefined && target === undefined) return activeRoot;
    const roots = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const root = folder.uri.scheme === 'file' ? rootFrom(folder.uri.fsPath) : undefined;
      if (root !== undefined) roots.add(root);
    }
    if (roots.size === 0) {
      for (const config of await vscode.workspace.findFiles('**/_config.yml', '**/{node_modules,themes,public}/**', 50)) {
        const root = config.scheme === 'file' ? rootFrom(vscode.Uri.joinPath(config, '..').fsPath) : undefined;
        if (root !== undefined) roots.add(root);
      }
    }
    if (roots.size <= 1) {
      const [root] = roots;
      if (root === undefined)
        void vscode.window.showErrorMessage(
          t("No Hexo blog found: Mathpost looks for a _config.yml with Hexo settings in the folder, the active note's folders or the workspace."),
        );
      return root;
    }
    const picked = await vscode.window.showQuickPick(
      [...roots].map((root) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.file(root), true), description: root, root })),
      { title: t('New Hexo post'), placeHolder: t('Which blog?') },
    );
    return picked?.root;
  }

  private async pickLayout(root: string): Promise<string | undefined> {
    let config;
    try {
      config = core().readNewPostConfig(root, this.fs);
    } catch (error) {
      void vscode.window.showErrorMessage(t('Mathpost could not create the post: {0}', describe(error)));
      return undefined;
    }
    const source = config.sourceDir.slice(root.length + 1) || config.sourceDir;
    const described: Record<string, string> = {
      post: `${source}/_posts`,
      page: t('{0}/<title>/index.md', source),
      draft: config.renderDrafts ? t('{0}/_drafts (render_drafts: true, so the blog shows it)', source) : t('{0}/_drafts (published by hexo publish)', source),
    };
    const others = core()
      .scaffoldNames(root, this.fs)
      .filter((name) => !(name in described) && name !== 'normal' && /^[\w-]+$/.test(name));
    const layouts = [...Object.keys(described), ...others.sort()];
    const ordered = [config.defaultLayout, ...layouts.filter((layout) => layout !== config.defaultLayout)];
    const picked = await vscode.window.showQuickPick(
      ordered.map((layout) => ({
        label: layout,
        description: [layout === config.defaultLayout ? 'default_layout' : '', described[layout] ?? `${source}/_posts, scaffolds/${layout}`]
          .filter(Boolean)
          .join(' · '),
      })),
      { title: t('New Hexo post'), placeHolder: t('Layout (the scaffold used)') },
    );
    return picked?.label;
  }
}

function describe(error: unknown): string {
  if (error instanceof core().NewPostError) return localizeNewPostError(error.message);
  return error instanceof Error ? error.message : String(error);
}

/** The core's messages are English; the ones a title or path typed here can cause are translated. */
function localizeNewPostError(message: string): string {
  if (message.startsWith('the title gives an empty file name'))
    return t('The title gives an empty file name (hexo-util slugize keeps only letters and digits). Add letters or digits.');
  if (message.startsWith("the path leaves the blog's source folder")) return t("The path leaves the blog's source folder.");
  const yaml = /^the title cannot be written into the front matter of (.*?): (.*)$/.exec(message);
  if (yaml) return t('YAML cannot read this title in the scaffold {0}: {1}. Remove the leading * & ! % @ ` | > or quote characters.', yaml[1], yaml[2]);
  return message;
}
