/**
 * Everything the front-matter features need per document: the blog around it (cached per blog
 * root, dropped when a config file changes), the schema (built-in + `extraKeys` + `schemaFile`),
 * the settings, and for completion the tags/categories/images the blog already uses.
 */
import * as vscode from 'vscode';
import { findBlog, findBlogRoot, noteScope } from '../core/blog/discover';
import { listBlogImages, listBlogTaxonomy, byUse } from '../core/blog/inventory';
import { defaultBlogConfig } from '../core/blog/discover';
import type { BlogConfig } from '../core/blog/types';
import type { CompletionContext } from '../core/frontMatter/complete';
import type { ValidationContext } from '../core/frontMatter/report';
import { loadSchema } from '../core/frontMatter/schema';
import type { FrontMatterSchema } from '../core/frontMatter/schema';
import type { Severity } from '../core/text';
import { NodeFileSystem } from '../node/nodeFileSystem';

export type SeverityOverride = Severity | 'off';

export interface FrontMatterSettings {
  enable: boolean;
  severity: Record<string, SeverityOverride>;
  debounceMs: number;
}

const inventoryLifetimeMs = 30_000;

/** `mathpost.validation.debounceMs`, clamped as package.json declares it (0–5000, default 300). */
function validationDebounceMs(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(5000, Math.max(0, value)) : 300;
}

export class FrontMatterContexts implements vscode.Disposable {
  readonly fs = new NodeFileSystem();
  private readonly blogs = new Map<string, BlogConfig>();
  private readonly roots = new Map<string, string | undefined>();
  private readonly inventories = new Map<string, { at: number; tags: string[]; categories: string[]; images: string[] }>();
  private readonly schemas = new Map<string, { schema: FrontMatterSchema; problems: string[] }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a blog config, the schema file or the settings change: diagnostics must be recomputed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{_config*.yml,package.json,scripts/**/*.js}');
    const reset = (): void => this.reset();
    this.disposables.push(watcher, watcher.onDidChange(reset), watcher.onDidCreate(reset), watcher.onDidDelete(reset), this.changed);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('mathpost.frontMatter') || event.affectsConfiguration('mathpost.validation')) this.reset();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.languageId === 'markdown') this.inventories.clear();
      }),
    );
  }

  private reset(): void {
    this.blogs.clear();
    this.roots.clear();
    this.inventories.clear();
    this.schemas.clear();
    this.changed.fire();
  }

  settings(uri?: vscode.Uri): FrontMatterSettings {
    const config = vscode.workspace.getConfiguration('mathpost', uri);
    return {
      enable: config.get<boolean>('frontMatter.enable', true),
      severity: config.get<Record<string, SeverityOverride>>('frontMatter.severity', {}) ?? {},
      debounceMs: validationDebounceMs(config.get<number>('validation.debounceMs', 300)),
    };
  }

  /** The blog around a file, one cached BlogConfig per blog root. */
  blogFor(path: string): BlogConfig {
    const folder = path.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
    let root = this.roots.get(folder);
    if (!this.roots.has(folder)) {
      root = findBlogRoot(path, this.fs);
      this.roots.set(folder, root);
    }
    if (root === undefined) return defaultBlogConfig();
    let blog = this.blogs.get(root);
    if (!blog) {
      blog = findBlog(path, this.fs);
      this.blogs.set(root, blog);
    }
    return blog;
  }

  schemaFor(uri: vscode.Uri): { schema: FrontMatterSchema; problems: string[] } {
    const config = vscode.workspace.getConfiguration('mathpost', uri);
    const extraKeys = config.get<string[]>('frontMatter.extraKeys', []) ?? [];
    // A schema file is workspace content: only read it in a trusted workspace (package.json restricts it too).
    const schemaFile = vscode.workspace.isTrusted ? (config.get<string>('frontMatter.schemaFile', '') ?? '').trim() : '';
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = `${folder?.uri.toString() ?? ''}|${schemaFile}|${extraKeys.join(',')}`;
    let cached = this.schemas.get(key);
    if (!cached) {
      let custom: unknown;
      const problems: string[] = [];
      if (schemaFile) {
        const path = folder && !/^([A-Za-z]:)?[\\/]/.test(schemaFile) ? vscode.Uri.joinPath(folder.uri, schemaFile).fsPath : schemaFile;
        const text = this.fs.readFile(path);
        if (text === undefined) problems.push(vscode.l10n.t('Cannot read the front-matter schema file {0}.', path));
        else {
          try {
            custom = JSON.parse(text);
          } catch (error) {
            problems.push(vscode.l10n.t('The front-matter schema file {0} is not valid JSON: {1}', path, (error as Error).message));
          }
        }
      }
      const loaded = loadSchema(custom, extraKeys);
      cached = { schema: loaded.schema, problems: [...problems, ...loaded.problems] };
      this.schemas.set(key, cached);
      if (cached.problems.length > 0) void vscode.window.showWarningMessage(cached.problems.join('\n'));
    }
    return cached;
  }

  validationContext(document: vscode.TextDocument): ValidationContext {
    return this.validationContextForPath(document.uri);
  }

  validationContextForPath(uri: vscode.Uri): ValidationContext {
    const isFile = uri.scheme === 'file';
    const path = isFile ? uri.fsPath.replace(/\\/g, '/') : uri.path;
    const blog = isFile ? this.blogFor(path) : defaultBlogConfig();
    return {
      scope: noteScope(path, blog),
      blog,
      fileName: path,
      schema: this.schemaFor(uri).schema,
      locale: vscode.env.language,
      fs: isFile ? this.fs : undefined,
      notePath: path,
    };
  }

  completionContext(document: vscode.TextDocument): CompletionContext {
    const ctx = this.validationContext(document);
    const root = ctx.blog.root;
    if (root === undefined) return ctx;
    let inventory = this.inventories.get(root);
    if (!inventory || Date.now() - inventory.at > inventoryLifetimeMs) {
      const taxonomy = listBlogTaxonomy(ctx.blog, this.fs);
      inventory = { at: Date.now(), tags: byUse(taxonomy.tags), categories: byUse(taxonomy.categories), images: listBlogImages(ctx.blog, this.fs) };
      this.inventories.set(root, inventory);
    }
    return { ...ctx, tags: inventory.tags, categories: inventory.categories, images: inventory.images };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
