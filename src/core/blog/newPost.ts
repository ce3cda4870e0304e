/**
 * `hexo new` (Hexo 8.1.2) without Hexo: the file it would create and its text, computed from the
 * blog's `_config.yml` and `scaffolds/`. Each step follows the upstream code it cites:
 *  - hexo/dist/hexo/post.js `create` + `_renderScaffold` (slug, layout, scaffold, front matter),
 *  - hexo/dist/plugins/filter/new_post_path.js (where the file goes, `new_post_name`),
 *  - hexo-fs `ensurePath` (an existing name gets `-1`, `-2`, … instead of being overwritten),
 *  - hexo/dist/hexo/scaffold.js (the scaffold lookup and Hexo's built-in `normal` scaffold),
 *  - hexo-front-matter `stringify` (non-date keys through js-yaml, then dates, then empty keys).
 * One deliberate difference: Hexo writes `date:` as the wall clock of the machine running it, which the
 * blog then reads in its `timezone`; Mathpost writes the wall clock in the blog's `timezone`, so the post
 * is dated the moment it was created whatever the machine's zone (identical when the two zones agree).
 * Pure: reads through ReadOnlyFileSystem, and returns what to write; the adapters write it.
 */
import slugize from 'hexo-util/dist/slugize';
import Permalink from 'hexo-util/dist/permalink';
import { formatHexoDate, isValidTimeZone, wallClockIn, type WallClock } from '../frontMatter/dates';
import { normalizeLikeHexoFs } from '../frontMatter/split';
import { jsYamlLibrary } from '../libraries';
import type { ReadOnlyFileSystem } from '../fileSystem';
import { basename, joinPath, parentFolder, toSlashes } from './paths';

/** What `hexo new` reads from the site config (hexo/dist/hexo/default_config.js defaults). */
export interface NewPostConfig {
  root: string;
  /** Absolute `source_dir`. */
  sourceDir: string;
  newPostName: string;
  defaultLayout: string;
  /** hexo-util slugize `transform` (compared with === 1 / === 2, so a quoted '1' does nothing). */
  filenameCase: unknown;
  postAssetFolder: boolean;
  renderDrafts: boolean;
  /** '' when unset or not a zone Intl knows: the machine's zone is used, as Hexo does. */
  timezone: string;
  permalinkDefaults: Record<string, unknown>;
}

export interface NewPostRequest {
  title?: string;
  /** post, page, draft or any scaffold name; default: the config's `default_layout`. */
  layout?: string;
  /** `--path`: the file path under `_posts/` (`source/` for pages, `_drafts/` for drafts). */
  path?: string;
  /** `--slug`: the file name instead of the slugized title. */
  slug?: string;
  /** `--replace`: overwrite an existing file instead of adding `-1`. */
  replace?: boolean;
}

export interface NewPostEnvironment {
  fs: ReadOnlyFileSystem;
  /** The creation time (tests inject it). */
  now: Date;
  /** SHA-1 hex digest, for the `:hash` placeholder of `new_post_name`. */
  sha1(text: string): string;
}

export interface PlannedPost {
  /** Absolute path of the file to create. */
  path: string;
  content: string;
  /** The asset folder to create with it (`post_asset_folder: true`), when it does not exist yet. */
  assetFolder: string | undefined;
  layout: string;
  /** The scaffold used (absolute path), or undefined for Hexo's built-in one. */
  scaffold: string | undefined;
  /** The `title:` value the front matter ends up with (YAML may read a typed title differently). */
  writtenTitle: unknown;
}

/** The request cannot become a post (the message says why; Hexo would fail or write nonsense). */
export class NewPostError extends Error {}

/** hexo/dist/hexo/scaffold.js `defaults.normal`: used when `scaffolds/` has neither the layout nor `normal`. */
export const HEXO_DEFAULT_SCAFFOLD = ['---', 'layout: {{ layout }}', 'title: {{ title }}', 'date: {{ date }}', 'tags:', '---'].join('\n');

type Yaml = Record<string, unknown>;

const isRecord = (value: unknown): value is Yaml => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
const stringOr = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
const isAbsolute = (path: string): boolean => path.startsWith('/') || /^[A-Za-z]:\//.test(path);

export function readNewPostConfig(root: string, fs: ReadOnlyFileSystem): NewPostConfig {
  const text = fs.readFile(joinPath(root, '_config.yml'));
  let site: Yaml = {};
  if (text !== undefined) {
    try {
      // Hexo's yaml renderer: js-yaml after turning leading tabs into spaces.
      const value = jsYamlLibrary().load(normalizeLikeHexoFs(text).text.replace(/\n(\t+)/g, (_match, tabs: string) => '\n' + '  '.repeat(tabs.length)));
      if (isRecord(value)) site = value;
    } catch (error) {
      throw new NewPostError(`${joinPath(root, '_config.yml')}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const sourceSetting = toSlashes(stringOr(site.source_dir, 'source'));
  const timezone = typeof site.timezone === 'string' ? site.timezone.trim() : '';
  return {
    root,
    sourceDir: isAbsolute(sourceSetting) ? joinPath(sourceSetting) : joinPath(root, sourceSetting),
    newPostName: stringOr(site.new_post_name, ':title.md'),
    defaultLayout: site.default_layout === undefined || site.default_layout === null ? 'post' : String(site.default_layout),
    filenameCase: site.filename_case ?? 0,
    postAssetFolder: Boolean(site.post_asset_folder),
    renderDrafts: Boolean(site.render_drafts),
    timezone: isValidTimeZone(timezone) ? timezone : '',
    permalinkDefaults: isRecord(site.permalink_defaults) ? site.permalink_defaults : {},
  };
}

/** The scaffold names of the blog (`scaffolds/post.md` → `post`), for choosing a layout. */
export function scaffoldNames(root: string, fs: ReadOnlyFileSystem): string[] {
  return listScaffolds(root, fs).map((item) => item.name);
}

export function planNewPost(root: string, request: NewPostRequest, env: NewPostEnvironment): PlannedPost {
  const config = readNewPostConfig(root, env.fs);
  // hexo/dist/plugins/console/new.js: without a title, `--path`'s base name is the title.
  const title = request.title ?? (request.path ? basename(request.path) : undefined);
  if (title === undefined || title === '') throw new NewPostError('a title is required');
  const slug = slugize(String(request.slug || title), { transform: config.filenameCase as number });
  const layout = String(request.layout || config.defaultLayout).toLowerCase();
  const clock = (date: Date): WallClock => (config.timezone ? wallClockIn(date.getTime(), config.timezone)! : localWallClock(date));
  const target = postPath(config, { layout, slug, path: request.path, now: env.now }, clock, env.sha1);
  const path = request.replace ? target : unusedPath(target, env.fs);
  const scaffold = findScaffold(root, layout, env.fs);
  const rendered = renderScaffold(scaffold, { title, layout, slug, path: request.path, date: env.now }, clock);
  const assetFolder = config.postAssetFolder ? assetFolderFor(path) : undefined;
  return {
    path,
    content: rendered.content,
    assetFolder: assetFolder !== undefined && !env.fs.exists(assetFolder) ? assetFolder : undefined,
    layout,
    scaffold: scaffold.path,
    writtenTitle: rendered.writtenTitle,
  };
}

function localWallClock(date: Date): WallClock {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
  };
}

// ---- where the file goes (new_post_path.js) ------------------------------------------------------

/** Node's `path.extname` of the last segment. */
function extname(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

interface PathData {
  layout: string;
  slug: string;
  path: string | undefined;
  now: Date;
}

function postPath(config: NewPostConfig, data: PathData, clock: (date: Date) => WallClock, sha1: (text: string) => string): string {
  const postDir = joinPath(config.sourceDir, '_posts');
  const draftDir = joinPath(config.sourceDir, '_drafts');
  const folderFor = (layout: string): string => (layout === 'page' ? config.sourceDir : layout === 'draft' ? draftDir : postDir);
  let target: string;
  if (data.path) {
    target = joinPath(folderFor(data.layout), toSlashes(data.path));
  } else if (!data.slug) {
    throw new NewPostError('the title gives an empty file name (hexo-util slugize keeps letters and digits only): give a slug or a path');
  } else if (data.layout === 'page') {
    target = joinPath(config.sourceDir, data.slug, 'index');
  } else if (data.layout === 'draft') {
    target = joinPath(draftDir, data.slug);
  } else {
    const wall = clock(data.now);
    const pad = (value: number): string => String(value).padStart(2, '0');
    const fileName = new Permalink(config.newPostName, {}).stringify({
      ...config.permalinkDefaults,
      layout: data.layout,
      slug: data.slug,
      path: data.path,
      year: String(wall.year).padStart(4, '0'),
      month: pad(wall.month),
      i_month: String(wall.month),
      day: pad(wall.day),
      i_day: String(wall.day),
      title: data.slug,
      hash: sha1(data.slug + String(Math.floor(data.now.getTime() / 1000))).slice(0, 12),
    });
    target = joinPath(postDir, toSlashes(fileName));
  }
  // Hexo would write anywhere `--path ../..` points; Mathpost keeps new posts inside the blog's source folder.
  if (!target.startsWith(config.sourceDir + '/')) throw new NewPostError(`the path leaves the blog's source folder: ${target}`);
  if (!extname(target)) target += extname(config.newPostName) || '.md';
  return target;
}

const escapeRegExp = (text: string): string => text.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&');

/**
 * hexo-fs `ensurePath`: the path if free, else `<name>-<highest suffix in the folder + 1><ext>`. `taken`
 * holds paths already promised to other files (several images pasted at once).
 */
export function unusedPath(path: string, fs: ReadOnlyFileSystem, taken: ReadonlySet<string> = new Set()): string {
  if (!fs.exists(path) && !taken.has(path)) return path;
  const folder = parentFolder(path) ?? '/';
  const ext = extname(path);
  const base = basename(path).slice(0, basename(path).length - ext.length);
  const pattern = new RegExp(`^${escapeRegExp(base)}(?:-(\\d+))?${escapeRegExp(ext)}$`);
  const names = [
    ...fs.listDirectory(folder).map((entry) => entry.name),
    ...[...taken].filter((other) => parentFolder(other) === folder).map((other) => basename(other)),
  ];
  let highest = -1;
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) highest = Math.max(highest, match[1] ? parseInt(match[1], 10) : 0);
  }
  return joinPath(folder, `${base}-${highest + 1}${ext}`);
}

/** post.js `createAssetFolder`: the post path without its extension, except for `index` files. */
function assetFolderFor(path: string): string | undefined {
  const folder = path.slice(0, path.length - extname(path).length);
  return basename(folder) === 'index' ? undefined : folder;
}

// ---- the scaffold (scaffold.js) ------------------------------------------------------------------

interface Scaffold {
  path: string | undefined;
  text: string;
}

/** hexo-fs `listDir(scaffolds, { ignorePattern: /^_|\/_/ })`: files below, hidden ones and `_…` paths skipped. */
function listScaffolds(root: string, fs: ReadOnlyFileSystem): Array<{ name: string; path: string }> {
  const found: Array<{ name: string; path: string }> = [];
  const walk = (folder: string, relative: string, depth: number): void => {
    for (const entry of fs.listDirectory(folder)) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const path = joinPath(folder, entry.name);
      const item = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory) {
        if (depth < 4) walk(path, item, depth + 1);
      } else {
        found.push({ name: item.slice(0, item.length - extname(item).length), path });
      }
    }
  };
  walk(joinPath(root, 'scaffolds'), '', 0);
  return found;
}

/** post.js `_getScaffold`: the layout's scaffold, else `normal`, else Hexo's built-in `normal`. */
function findScaffold(root: string, layout: string, fs: ReadOnlyFileSystem): Scaffold {
  const scaffolds = listScaffolds(root, fs);
  for (const name of [layout, 'normal']) {
    const item = scaffolds.find((candidate) => candidate.name === name);
    if (!item) continue;
    const text = fs.readFile(item.path);
    if (text === undefined) throw new NewPostError(`cannot read the scaffold ${item.path}`);
    return { path: item.path, text: normalizeLikeHexoFs(text).text };
  }
  return { path: undefined, text: HEXO_DEFAULT_SCAFFOLD };
}

// ---- the front matter (post.js _renderScaffold, hexo-front-matter stringify) ---------------------

interface ScaffoldData {
  title: string;
  layout: string;
  slug: string;
  path: string | undefined;
  date: Date;
}

const prefixedFrontMatter = /^(-{3,}|;{3,})\n([\s\S]+?)\n\1\n?([\s\S]*)/;
const prefixSeparator = /^(-{3,}|;{3,})/;
const unprefixedFrontMatter = /^([\s\S]+?)\n(-{3,}|;{3,})\n?([\s\S]*)/;

/** hexo-front-matter `split`, keeping what `_renderScaffold` needs. */
function splitScaffold(text: string): { data: string; content: string; separator: string; prefixed: boolean } | undefined {
  const prefixed = prefixedFrontMatter.exec(text);
  if (prefixed) return { data: prefixed[2], content: prefixed[3] || '', separator: prefixed[1], prefixed: true };
  if (prefixSeparator.test(text)) return undefined;
  const unprefixed = unprefixedFrontMatter.exec(text);
  return unprefixed ? { data: unprefixed[1], content: unprefixed[3] || '', separator: unprefixed[2], prefixed: false } : undefined;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** post.js `prepareFrontMatter`: the date as its UTC wall clock, strings YAML would misread in double quotes. */
function scaffoldValues(data: ScaffoldData, jsonMode: boolean): Record<string, string | undefined> {
  const date = data.date;
  const utc = `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
  const quote = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const needsQuotes = jsonMode || value.includes(':') || value.startsWith('#') || value.startsWith('!!') || /[{}[\]'"]/.test(value);
    return needsQuotes ? `"${value.replace(/"/g, '\\"')}"` : value;
  };
  return { title: quote(data.title), layout: quote(data.layout), slug: quote(data.slug), path: quote(data.path), date: utc };
}

/**
 * The scaffold's front matter goes through Nunjucks with those values. Scaffolds use `{{ name }}`;
 * other Nunjucks (tags, filters) is not evaluated here, so it is refused rather than written wrong.
 */
function fillVariables(template: string, values: Record<string, string | undefined>, scaffoldName: string): string {
  const filled = template.replace(/\{#[\s\S]*?#\}/g, '').replace(/\{\{-?\s*([A-Za-z_$][\w$]*)\s*-?\}\}/g, (_match, name: string) => values[name] ?? '');
  const unsupported = /\{\{|\{%/.exec(filled);
  if (unsupported)
    throw new NewPostError(
      `${scaffoldName}: Mathpost fills only {{ name }} variables in scaffolds; found "${filled.slice(unsupported.index, unsupported.index + 30).split('\n')[0]}"`,
    );
  return filled;
}

function renderScaffold(scaffold: Scaffold, data: ScaffoldData, clock: (date: Date) => WallClock): { content: string; writtenTitle: unknown } {
  const name = scaffold.path ?? 'the built-in scaffold';
  const split = splitScaffold(scaffold.text);
  // Hexo 8.1.2 fails with "Cannot read properties of undefined" on such a scaffold.
  if (!split) throw new NewPostError(`${name} has no front matter`);
  const jsonMode = split.separator.startsWith(';');
  const rendered = fillVariables(split.data, scaffoldValues(data, jsonMode), name);
  let parsed: unknown;
  try {
    parsed = jsonMode ? JSON.parse(`{${rendered}}`) : jsYamlLibrary().load(rendered);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new NewPostError(`the title cannot be written into the front matter of ${name}: ${reason}`);
  }
  if (!isRecord(parsed)) throw new NewPostError(`the front matter of ${name} is not a mapping of keys`);
  let content = split.prefixed ? `${split.separator}\n` : '';
  content += stringifyFrontMatter(parsed, jsonMode, (date) => formatHexoDate(clock(date)));
  content += split.content;
  return { content, writtenTitle: parsed.title };
}

/** hexo-front-matter 4.2.1 `stringify` (separator always `---`/`;;;`, as `_renderScaffold` calls it). */
function stringifyFrontMatter(object: Yaml, jsonMode: boolean, formatDate: (date: Date) => string): string {
  const { _content: body = '', ...rest } = object;
  if (Object.keys(rest).length === 0) return String(body);
  if (jsonMode) {
    const json = JSON.stringify(rest, null, '  ')
      .replace(/\n {2}/g, () => '\n')
      .replace(/^{\n|}$/g, '');
    return `${json};;;\n${String(body)}`;
  }
  const data: Yaml = {};
  const dates: string[] = [];
  const empties: string[] = [];
  for (const [key, value] of Object.entries(rest)) {
    if (value === null || value === undefined) empties.push(`${key}:\n`);
    else if (value instanceof Date) dates.push(`${key}: ${formatDate(value)}\n`);
    else data[key] = value;
  }
  return jsYamlLibrary().dump(data, { mode: '' }) + dates.join('') + empties.join('') + `---\n${String(body)}`;
}
