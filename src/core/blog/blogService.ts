/**
 * One blog service for the editor and the CLI (issue #13): the blog around a note (one BlogConfig per
 * blog root, one root lookup per folder) and what the blog already uses (tags, categories, images) for
 * completion, cached; `invalidate` says WHAT changed, and listeners get that, so each feature drops
 * only what depends on it (the preview ignores a new post; diagnostics re-run for anything).
 * Model: vscode-markdown-languageservice's IWorkspace (src/workspace.ts). Pure: no vscode, no fs.
 */
import type { IDisposable } from '../../shared/dispose';
import type { ReadOnlyFileSystem } from '../fileSystem';
import { defaultBlogConfig, findBlog, findBlogRoot } from './discover';
import { byUse, listBlogImages, listBlogTaxonomy } from './inventory';
import { parentFolder, toSlashes } from './paths';
import type { BlogConfig } from './types';

/** What changed: a blog's `_config*.yml`/theme/package.json, the posts (their front matter), Mathpost's settings. */
export interface BlogChange {
  config: boolean;
  posts: boolean;
  settings: boolean;
}

export interface BlogInventory {
  tags: string[];
  categories: string[];
  images: string[];
}

export class BlogService {
  private readonly roots = new Map<string, string | undefined>();
  private readonly blogs = new Map<string, BlogConfig>();
  private readonly inventories = new Map<string, BlogInventory & { at: number }>();
  private readonly listeners = new Set<(change: BlogChange) => void>();

  constructor(
    readonly fs: ReadOnlyFileSystem,
    /** How long an inventory is trusted without a change event (files created outside the editor). */
    private readonly inventoryLifetimeMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The blog around a file (the default config outside any blog). */
  blogFor(path: string): BlogConfig {
    const folder = parentFolder(toSlashes(path)) ?? '';
    if (!this.roots.has(folder)) this.roots.set(folder, findBlogRoot(path, this.fs));
    const root = this.roots.get(folder);
    if (root === undefined) return defaultBlogConfig();
    let blog = this.blogs.get(root);
    if (!blog) {
      blog = findBlog(path, this.fs);
      this.blogs.set(root, blog);
    }
    return blog;
  }

  /** Tags, categories (most used first) and images of a blog; read at most once per lifetime or change. */
  inventory(blog: BlogConfig): BlogInventory | undefined {
    if (blog.root === undefined) return undefined;
    const cached = this.inventories.get(blog.root);
    if (cached && this.now() - cached.at <= this.inventoryLifetimeMs) return cached;
    const taxonomy = listBlogTaxonomy(blog, this.fs);
    const inventory = { at: this.now(), tags: byUse(taxonomy.tags), categories: byUse(taxonomy.categories), images: listBlogImages(blog, this.fs) };
    this.inventories.set(blog.root, inventory);
    return inventory;
  }

  /** Drop what `change` makes stale and tell the listeners. */
  invalidate(change: Partial<BlogChange>): void {
    const full: BlogChange = { config: change.config === true, posts: change.posts === true, settings: change.settings === true };
    if (full.config) {
      this.roots.clear();
      this.blogs.clear();
    }
    if (full.config || full.posts) this.inventories.clear();
    for (const listener of [...this.listeners]) listener(full);
  }

  onDidChange(listener: (change: BlogChange) => void): IDisposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
