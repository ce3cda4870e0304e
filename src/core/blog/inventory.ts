/**
 * What the blog already uses, for completion: tag and category names from the posts' front matter
 * and image files under the published source folders. Bounded (file count, depth) and skipping
 * folders that are never posts (node_modules, public, .git, .deploy_git).
 */
import type { ReadOnlyFileSystem } from '../fileSystem';
import { parseFrontMatter } from '../frontMatter/parse';
import { categoryHierarchies, tagNames } from '../frontMatter/rules/taxonomy';
import { joinPath } from './paths';
import type { BlogConfig } from './types';

const skippedFolders = new Set(['node_modules', 'public', '.git', '.deploy_git', '.github', '.vscode']);
import { BUTTERFLY_IMAGE_FILE } from './images';

export interface InventoryLimits {
  maxFiles: number;
  maxDepth: number;
}

const defaultLimits: InventoryLimits = { maxFiles: 2000, maxDepth: 8 };

export interface BlogTaxonomy {
  /** name -> number of posts using it, most used first when listed. */
  tags: Map<string, number>;
  /** category name (every level) -> number of posts. */
  categories: Map<string, number>;
  /** Whether the walk stopped at a limit. */
  truncated: boolean;
}

function walk(
  fs: ReadOnlyFileSystem,
  folder: string,
  limits: InventoryLimits,
  accept: (name: string) => boolean,
  visit: (path: string, relative: string) => void,
): boolean {
  let count = 0;
  const queue: Array<{ path: string; relative: string; depth: number }> = [{ path: folder, relative: '', depth: 0 }];
  while (queue.length > 0) {
    const { path, relative, depth } = queue.shift()!;
    for (const entry of fs.listDirectory(path)) {
      const child = joinPath(path, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory) {
        if (depth < limits.maxDepth && !skippedFolders.has(entry.name)) queue.push({ path: child, relative: childRelative, depth: depth + 1 });
      } else if (accept(entry.name)) {
        if (count++ >= limits.maxFiles) return true;
        visit(child, childRelative);
      }
    }
  }
  return false;
}

export function listBlogTaxonomy(blog: BlogConfig, fs: ReadOnlyFileSystem, limits: InventoryLimits = defaultLimits): BlogTaxonomy {
  const taxonomy: BlogTaxonomy = { tags: new Map(), categories: new Map(), truncated: false };
  const source = blog.sourceFolders[0];
  if (blog.root === undefined || source === undefined) return taxonomy;
  const count = (map: Map<string, number>, name: string): void => {
    map.set(name, (map.get(name) ?? 0) + 1);
  };
  for (const folder of ['_posts', '_drafts']) {
    const truncated = walk(
      fs,
      joinPath(source, folder),
      limits,
      (name) => /\.(md|markdown)$/i.test(name),
      (path) => {
        const text = fs.readFile(path);
        if (text === undefined) return;
        const parsed = parseFrontMatter(text);
        if (parsed.status !== 'mapping') return;
        const tags = parsed.entries.find((entry) => entry.key === 'tags') ?? parsed.entries.find((entry) => entry.key === 'tag');
        const categories = parsed.entries.find((entry) => entry.key === 'categories') ?? parsed.entries.find((entry) => entry.key === 'category');
        for (const name of new Set(tagNames(tags?.value))) count(taxonomy.tags, name);
        for (const name of new Set(categoryHierarchies(categories?.value).flat())) count(taxonomy.categories, name);
      },
    );
    taxonomy.truncated ||= truncated;
  }
  return taxonomy;
}

/** Site-root paths (`/img/a.png`) of the images under the blog's source folders (site first). */
export function listBlogImages(blog: BlogConfig, fs: ReadOnlyFileSystem, limits: InventoryLimits = { maxFiles: 500, maxDepth: 6 }): string[] {
  const images = new Set<string>();
  for (const folder of blog.sourceFolders) {
    walk(
      fs,
      folder,
      limits,
      (name) => BUTTERFLY_IMAGE_FILE.test(name),
      (_path, relative) => {
        // Hexo does not publish files or folders whose names start with `_` or `.`.
        if (relative.split('/').some((part) => part.startsWith('_') || part.startsWith('.'))) return;
        images.add('/' + relative);
      },
    );
  }
  return [...images];
}

/** Names sorted by use, most used first. */
export function byUse(map: ReadonlyMap<string, number>): string[] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}
