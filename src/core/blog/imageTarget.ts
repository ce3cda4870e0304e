/**
 * Where a pasted or dropped image goes in a Hexo blog, and the link that makes the blog find it:
 *  - `post_asset_folder: true` and the note is a post or draft: into the post's asset folder (Hexo
 *    publishes it next to the post), linked as `![](name.png)` when the renderer rewrites such links
 *    (hexo-renderer-markdown-it `markdown.images.post_asset`, hexo-renderer-marked `postAsset`) or as
 *    `{% asset_img name.png %}`, which works with every renderer;
 *  - otherwise into `source/<folder>/` (default `images`) with a site-absolute link, prefixed with the
 *    blog's `root` unless the renderer prepends it itself (`prepend_root` / marked's `prependRoot`).
 * Names are slugized (letters of every script kept, punctuation and spaces become `-`) and never reuse
 * an existing file: `image.png`, `image-1.png`, …
 */
import slugize from 'hexo-util/dist/slugize';
import type { ReadOnlyFileSystem } from '../fileSystem';
import { assetFolderOf } from '../render/resources';
import { noteScope } from './discover';
import { IMAGE_EXTENSION, imageExtension } from './images';
import { basename, joinPath } from './paths';
import type { BlogConfig } from './types';

export type ImageLinkStyle = 'auto' | 'markdown' | 'asset_img';

export interface ImageSettings {
  linkStyle: ImageLinkStyle;
  /** Folder under the blog's `source/` for images of notes without an asset folder. */
  folder: string;
}

export interface ImageTarget {
  /** Absolute path of the file to write. */
  path: string;
  /** The file's name as linked. */
  name: string;
  /** How the note links it: a markdown image (its URL) or Hexo's `{% asset_img %}` tag. */
  link: { kind: 'markdown'; url: string } | { kind: 'asset_img'; name: string };
  /** The file is already there (dropped from the folder it belongs in): link it, copy nothing. */
  inPlace: boolean;
}

export interface ImageSource {
  name: string;
  mime: string;
  /** Absolute path ('/' separators) when the image is a file on disk (dropped from the explorer). */
  path?: string;
}

export { imageExtension, imageMimeOf } from './images';

/** A file name that is safe in a URL and a path: slugized stem, lower-case known extension. */
export function safeImageName(original: string, mime: string): string {
  const name = basename(original.replace(/\\/g, '/'));
  const known = IMAGE_EXTENSION.exec(name);
  const extension = known ? known[0].toLowerCase().replace('.jpeg', '.jpg') : (imageExtension(mime) ?? '.png');
  const stem = slugize(known ? name.slice(0, known.index) : name.replace(/\.[^.]*$/, '')).slice(0, 80);
  return (stem || 'image') + extension;
}

/** True when the note is a post, draft or page of a blog (else the editor's own paste applies). */
export function acceptsImages(notePath: string, blog: BlogConfig): boolean {
  return blog.root !== undefined && blog.sourceFolders.length > 0 && noteScope(notePath, blog) !== 'other';
}

/**
 * Targets for images pasted or dropped into the note, in order. `files` are the names and mime types
 * of what is pasted; names already taken on disk, or by an earlier file of the same paste, get `-1`, `-2`….
 */
export function imageTargets(
  notePath: string,
  blog: BlogConfig,
  files: readonly ImageSource[],
  settings: ImageSettings,
  fs: ReadOnlyFileSystem,
): ImageTarget[] {
  const intoAssetFolder = blog.postAssetFolder && ['post', 'draft'].includes(noteScope(notePath, blog));
  const folder = intoAssetFolder ? assetFolderOf(notePath) : joinPath(blog.sourceFolders[0], ...imageFolderParts(settings.folder));
  const style = settings.linkStyle === 'auto' ? (blog.imageLinks?.postAsset ? 'markdown' : 'asset_img') : settings.linkStyle;
  const taken = new Set<string>();
  return files.map((file) => {
    const inPlace = file.path !== undefined && file.path.startsWith(folder + '/') && !file.path.slice(folder.length + 1).includes('/');
    const fileName = inPlace ? basename(file.path!) : unusedName(folder, safeImageName(file.name, file.mime), fs, taken);
    taken.add(fileName);
    const path = joinPath(folder, fileName);
    if (!intoAssetFolder)
      return { path, name: fileName, inPlace, link: { kind: 'markdown', url: siteUrl(blog, [...imageFolderParts(settings.folder), fileName]) } };
    return { path, name: fileName, inPlace, link: style === 'markdown' ? { kind: 'markdown', url: fileName } : { kind: 'asset_img', name: fileName } };
  });
}

/** The setting's folder as path segments under `source/`, never leaving it. */
function imageFolderParts(folder: string): string[] {
  const parts = folder
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.' && part !== '..');
  return parts.length > 0 ? parts : ['images'];
}

function siteUrl(blog: BlogConfig, parts: string[]): string {
  const root = blog.imageLinks?.prependRoot ? '/' : `/${blog.urlRoot.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return root + parts.join('/');
}

function unusedName(folder: string, name: string, fs: ReadOnlyFileSystem, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const stem = name.slice(0, dot);
  const extension = name.slice(dot);
  for (let index = 0; ; index++) {
    const candidate = index === 0 ? name : `${stem}-${index}${extension}`;
    if (!taken.has(candidate) && !fs.exists(joinPath(folder, candidate))) return candidate;
  }
}
