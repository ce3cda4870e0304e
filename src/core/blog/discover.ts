/**
 * Find the Hexo blog around a note and read what the checks need from its configs. Pure and
 * cache-free (the editor adapter caches per root); every file goes through ReadOnlyFileSystem.
 */
import { yamlLibrary } from '../libraries';
import type { ReadOnlyFileSystem } from '../fileSystem';
import { defaultCodeBlockToolbar, defaultCodeHighlightConfig, readCodeBlockToolbar, readCodeHighlightConfig } from './codeHighlightConfig';
import { joinPath, parentFolder, toSlashes } from './paths';
import type { BlogConfig, HeadingAnchors } from './types';

export { joinPath, parentFolder } from './paths';

/** Keys only a Hexo site config has (a theme config or a random `_config.yml` has none of them). */
const hexoSiteKeys = ['theme', 'permalink', 'source_dir', 'new_post_name', 'public_dir', 'default_layout', 'post_asset_folder', 'timezone', 'deploy'];

export type NoteScope = 'post' | 'page' | 'draft' | 'other';

/** hexo-renderer-markdown-it's `markdown.anchors` defaults (each field defaults on its own). */
export const DEFAULT_HEADING_ANCHORS: Readonly<HeadingAnchors> = { level: 2, collisionSuffix: '', case: 0, separator: '-', firstRepeat: 2 };

export function defaultBlogConfig(): BlogConfig {
  return {
    root: undefined,
    timezone: '',
    theme: '',
    postAssetFolder: false,
    urlRoot: '/',
    themeConfigPath: undefined,
    // Butterfly 5.x defaults (theme _config.yml): no math engine, loaded on every page when set.
    math: { use: '', perPage: true },
    renderer: 'unknown',
    markdown: { html: true, breaks: true, linkify: true, typographer: true, plugins: [], anchors: { ...DEFAULT_HEADING_ANCHORS } },
    codeHighlight: defaultCodeHighlightConfig(),
    codeBlocks: defaultCodeBlockToolbar(),
    katexMacros: {},
    sourceFolders: [],
    problems: [],
    dependencies: [],
    customTags: [],
  };
}

type Yaml = Record<string, unknown>;

function readYaml(fs: ReadOnlyFileSystem, path: string, problems: BlogConfig['problems']): Yaml | undefined {
  const text = fs.readFile(path);
  if (text === undefined) return undefined;
  try {
    const document = yamlLibrary().parseDocument(text.replace(/^\uFEFF/, ''), { version: '1.2', schema: 'core', uniqueKeys: false, prettyErrors: false });
    if (document.errors.length > 0) {
      problems.push({ file: path, message: document.errors[0].message });
      return undefined;
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Yaml) : {};
  } catch (error) {
    problems.push({ file: path, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

function isHexoSiteConfig(config: Yaml): boolean {
  return hexoSiteKeys.some((key) => key in config);
}

function record(value: unknown): Yaml {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Yaml) : {};
}

function deepMerge(base: Yaml, over: Yaml): Yaml {
  const result: Yaml = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = result[key];
    result[key] =
      value && typeof value === 'object' && !Array.isArray(value) && previous && typeof previous === 'object' && !Array.isArray(previous)
        ? deepMerge(previous as Yaml, value as Yaml)
        : value;
  }
  return result;
}

/** The nearest folder upwards (from the note's folder) whose `_config.yml` is a Hexo site config. */
export function findBlogRoot(notePath: string, fs: ReadOnlyFileSystem): string | undefined {
  for (let folder = parentFolder(notePath); folder !== undefined; folder = parentFolder(folder)) {
    const configPath = joinPath(folder, '_config.yml');
    if (!fs.exists(configPath)) continue;
    const config = readYaml(fs, configPath, []);
    if (config && isHexoSiteConfig(config)) return folder;
  }
  return undefined;
}

export function findBlog(notePath: string, fs: ReadOnlyFileSystem): BlogConfig {
  const blog = defaultBlogConfig();
  const root = findBlogRoot(notePath, fs);
  if (root === undefined) return blog;
  const site = readYaml(fs, joinPath(root, '_config.yml'), blog.problems) ?? {};
  blog.root = root;
  blog.timezone = typeof site.timezone === 'string' ? site.timezone.trim() : '';
  blog.theme = typeof site.theme === 'string' ? site.theme.trim() : site.theme === undefined || site.theme === null ? '' : String(site.theme);
  blog.postAssetFolder = site.post_asset_folder === true;
  blog.urlRoot = typeof site.root === 'string' && site.root ? site.root : '/';
  const sourceDir = typeof site.source_dir === 'string' && site.source_dir ? site.source_dir.replace(/^\.?\/+|\/+$/g, '') : 'source';
  blog.sourceFolders = [joinPath(root, sourceDir)];
  blog.dependencies = readDependencies(fs, root);
  blog.customTags = readCustomTags(fs, root);
  readThemeConfig(blog, fs, root, site);
  readRenderer(blog, site);
  return blog;
}

function readThemeConfig(blog: BlogConfig, fs: ReadOnlyFileSystem, root: string, site: Yaml): void {
  if (!blog.theme) return;
  const themeFolders = [joinPath(root, 'themes', blog.theme), joinPath(root, 'node_modules', `hexo-theme-${blog.theme}`)];
  const themeFolder = themeFolders.find((folder) => fs.exists(joinPath(folder, '_config.yml')) || fs.exists(joinPath(folder, 'source')));
  if (themeFolder && fs.exists(joinPath(themeFolder, 'source'))) blog.sourceFolders.push(joinPath(themeFolder, 'source'));
  const themeOwnPath = themeFolder ? joinPath(themeFolder, '_config.yml') : undefined;
  const siteLevelPath = joinPath(root, `_config.${blog.theme}.yml`);
  const themeOwn = themeOwnPath ? readYaml(fs, themeOwnPath, blog.problems) : undefined;
  const siteLevel = readYaml(fs, siteLevelPath, blog.problems);
  // Hexo merges: theme _config.yml < site `theme_config:` < `_config.<theme>.yml`.
  const merged = deepMerge(deepMerge(themeOwn ?? {}, record(site.theme_config)), siteLevel ?? {});
  blog.themeConfigPath = siteLevel ? siteLevelPath : themeOwn ? themeOwnPath : undefined;
  blog.codeBlocks = readCodeBlockToolbar(record(merged.code_blocks));
  const math = record(merged.math);
  if ('use' in math) blog.math.use = typeof math.use === 'string' ? math.use.trim().toLowerCase() : '';
  if ('per_page' in math) blog.math.perPage = math.per_page !== false;
  const macros = record(record(math.katex).macros ?? record(site.katex).macros);
  for (const [name, expansion] of Object.entries(macros)) if (typeof expansion === 'string') blog.katexMacros[name] = expansion;
}

function readRenderer(blog: BlogConfig, site: Yaml): void {
  const dependencies = blog.dependencies ?? [];
  if (dependencies.some((name) => name.startsWith('hexo-renderer-markdown-it'))) blog.renderer = 'markdown-it';
  else if (dependencies.includes('hexo-renderer-kramed')) blog.renderer = 'kramed';
  else if (dependencies.includes('hexo-renderer-marked')) blog.renderer = 'marked';
  else if ('markdown' in site) blog.renderer = 'markdown-it';
  else if ('kramed' in site) blog.renderer = 'kramed';
  else if ('marked' in site) blog.renderer = 'marked';
  blog.codeHighlight = readCodeHighlightConfig(site);
  const markdown = record(site.markdown);
  const render = record(markdown.render);
  const flag = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
  blog.markdown = {
    html: flag(render.html, true),
    breaks: flag(render.breaks, true),
    linkify: flag(render.linkify, true),
    typographer: flag(render.typographer, true),
    plugins: (Array.isArray(markdown.plugins) ? markdown.plugins : [])
      .map((plugin: unknown) => (typeof plugin === 'string' ? plugin : typeof record(plugin).name === 'string' ? (record(plugin).name as string) : ''))
      .filter(Boolean),
    anchors: blog.renderer === 'marked' ? markedAnchors(record(site.marked)) : markdownItAnchors(record(markdown.anchors)),
  };
  const images = record(markdown.images);
  const marked = record(site.marked);
  blog.imageLinks =
    blog.renderer === 'marked'
      ? { postAsset: marked.postAsset === true, prependRoot: marked.prependRoot !== false }
      : { postAsset: images.post_asset === true, prependRoot: images.prepend_root === true };
}

/** hexo-renderer-markdown-it 7: `Object.assign(defaults, markdown.anchors)`, so each absent field keeps its default. */
function markdownItAnchors(anchors: Yaml): HeadingAnchors {
  const level =
    typeof anchors.level === 'number'
      ? anchors.level
      : typeof anchors.level === 'string' && /^\d+$/.test(anchors.level.trim())
        ? Number(anchors.level)
        : DEFAULT_HEADING_ANCHORS.level;
  const suffix = anchors.collisionSuffix;
  return {
    level,
    collisionSuffix: typeof suffix === 'string' || typeof suffix === 'number' ? String(suffix) : DEFAULT_HEADING_ANCHORS.collisionSuffix,
    // slugize compares `transform` with === 1 / === 2: a quoted '1' leaves the case.
    case: typeof anchors.case === 'number' ? anchors.case : 0,
    separator: typeof anchors.separator === 'string' && anchors.separator ? anchors.separator : '-',
    firstRepeat: DEFAULT_HEADING_ANCHORS.firstRepeat,
  };
}

/**
 * hexo-renderer-marked: `headerIds` (default true) ids every heading level with the same hexo-util
 * slugize (`modifyAnchors` is its transform), but numbers repeats from 1 (`a`, `a-1`, `a-2`). Its
 * title is the heading's rendered text without tags; Mathpost slugizes the same token text as for
 * markdown-it, which differs only for markup marked renders differently.
 */
function markedAnchors(marked: Yaml): HeadingAnchors {
  return {
    level: marked.headerIds === false ? 7 : 1,
    collisionSuffix: '',
    case: typeof marked.modifyAnchors === 'number' ? marked.modifyAnchors : 0,
    separator: '-',
    firstRepeat: 1,
  };
}

function readDependencies(fs: ReadOnlyFileSystem, root: string): string[] {
  const text = fs.readFile(joinPath(root, 'package.json'));
  if (!text) return [];
  try {
    const manifest = record(JSON.parse(text));
    return [...Object.keys(record(manifest.dependencies)), ...Object.keys(record(manifest.devDependencies))];
  } catch {
    return [];
  }
}

/** Tags registered by the blog's own `scripts/*.js` (`hexo.extend.tag.register('name', ...)`). */
function readCustomTags(fs: ReadOnlyFileSystem, root: string): string[] {
  const tags = new Set<string>();
  const folder = joinPath(root, 'scripts');
  const queue: Array<{ path: string; depth: number }> = [{ path: folder, depth: 0 }];
  let files = 0;
  while (queue.length > 0 && files < 100) {
    const { path, depth } = queue.shift()!;
    for (const entry of fs.listDirectory(path)) {
      const child = joinPath(path, entry.name);
      if (entry.isDirectory) {
        if (depth < 3 && entry.name !== 'node_modules') queue.push({ path: child, depth: depth + 1 });
      } else if (/\.[cm]?js$/.test(entry.name) && files++ < 100) {
        const source = fs.readFile(child) ?? '';
        for (const match of source.matchAll(/tag\.register\(\s*['"`]([\w-]+)['"`]/g)) tags.add(match[1]);
      }
    }
  }
  return [...tags];
}

/** Where a note sits in the blog: `source/_posts` = post, `source/_drafts` = draft, other source files = page. */
export function noteScope(notePath: string, blog: BlogConfig): NoteScope {
  const path = toSlashes(notePath);
  const source = blog.sourceFolders[0];
  if (blog.root === undefined || source === undefined) {
    if (/(^|\/)_posts\//.test(path)) return 'post';
    if (/(^|\/)_drafts\//.test(path)) return 'draft';
    return 'other';
  }
  const prefix = source.replace(/\/+$/, '') + '/';
  if (!path.startsWith(prefix)) return 'other';
  const relative = path.slice(prefix.length);
  if (relative.startsWith('_posts/')) return 'post';
  if (relative.startsWith('_drafts/')) return 'draft';
  // Hexo skips files and folders whose names start with `_` or `.` (except _posts/_drafts).
  if (relative.split('/').some((part) => part.startsWith('_') || part.startsWith('.'))) return 'other';
  return 'page';
}
