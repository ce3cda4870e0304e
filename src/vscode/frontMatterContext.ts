/**
 * Everything the features need per document: the blog around it and its inventory (the core's one
 * BlogService, told what changed by the file watcher and the settings), the schema (built-in +
 * `extraKeys` + `schemaFile`) and the settings.
 */
import * as vscode from 'vscode';
import type { BlogChange, BlogService } from '../core/blog/blogService';
import type { BlogConfig } from '../core/blog/types';
import type { CompletionContext } from '../core/frontMatter/complete';
import type { ValidationContext } from '../core/frontMatter/report';
import type { FrontMatterSchema } from '../core/frontMatter/schema';
import type { Severity } from '../core/text';
import { core } from '../coreLoader';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { Disposable } from '../shared/dispose';

export type SeverityOverride = Severity | 'off';

export interface FrontMatterSettings {
  enable: boolean;
  severity: Record<string, SeverityOverride>;
  debounceMs: number;
}

/** `mathpost.validation.debounceMs`, clamped as package.json declares it (0–5000, default 300). */
function validationDebounceMs(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(5000, Math.max(0, value)) : 300;
}

export class FrontMatterContexts extends Disposable {
  readonly fs = new NodeFileSystem();
  private service: BlogService | undefined;
  private readonly schemas = new Map<string, { schema: FrontMatterSchema; problems: string[] }>();
  private readonly changed = this.register(new vscode.EventEmitter<BlogChange>());
  /** Says what changed (a blog config, the posts, the settings), so each feature drops only what depends on it. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/{_config*.yml,package.json,scripts/**/*.js}'));
    const configChanged = (): void => this.invalidate({ config: true });
    this.register(watcher.onDidChange(configChanged));
    this.register(watcher.onDidCreate(configChanged));
    this.register(watcher.onDidDelete(configChanged));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('mathpost.frontMatter') || event.affectsConfiguration('mathpost.validation')) this.invalidate({ settings: true });
      }),
    );
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate({ config: true, settings: true })));
    this.register(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.languageId === 'markdown') this.invalidate({ posts: true });
      }),
    );
  }

  get blogs(): BlogService {
    return (this.service ??= new (core().BlogService)(this.fs));
  }

  private invalidate(change: Partial<BlogChange>): void {
    if (change.config || change.settings) this.schemas.clear();
    this.service?.invalidate(change);
    this.changed.fire({ config: change.config === true, posts: change.posts === true, settings: change.settings === true });
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
    return this.blogs.blogFor(path);
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
      const loaded = core().loadSchema(custom, extraKeys);
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
    const blog = isFile ? this.blogFor(path) : core().defaultBlogConfig();
    return {
      scope: core().noteScope(path, blog),
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
    const inventory = this.blogs.inventory(ctx.blog);
    return inventory ? { ...ctx, tags: inventory.tags, categories: inventory.categories, images: inventory.images } : ctx;
  }
}
