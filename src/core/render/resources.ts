/**
 * Where a local image of a note lives on disk, resolved as Hexo publishes it:
 * - `/img/x.jpg`, `img/x.jpg`, `./x.jpg` in front matter go through `url_for` (site-root relative):
 *   the file comes from the site `source/` or the theme's `source/` (the theme won name clashes in
 *   measured builds, see the spec §7);
 * - a bare image file name in `cover`/`top_img` is the post asset folder's file;
 * - markdown `![](pic.jpg)` stays relative on the page, which with `post_asset_folder` is the asset
 *   folder; without it the preview falls back to the note's folder;
 * - `{% asset_img slug %}` is a file of the asset folder.
 */
import type { BlogConfig } from '../blog/types';
import type { ReadOnlyFileSystem } from '../fileSystem';
import { BUTTERFLY_IMAGE_FILE } from '../blog/images';
import { joinPath } from '../blog/paths';

export interface ResourceContext {
  /** Absolute path of the note, '/' separators. */
  notePath?: string;
  blog?: BlogConfig;
  fs?: ReadOnlyFileSystem;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** `source/_posts/kl.md` → `source/_posts/kl` (Hexo's asset folder of that post). */
export function assetFolderOf(notePath: string): string {
  return notePath.replace(/\.[^./]*$/, '');
}

function decodePath(path: string): string {
  try {
    return decodeURI(path.split(/[?#]/)[0]);
  } catch {
    return path.split(/[?#]/)[0];
  }
}

/** Candidates in the order Hexo would find them; the first that exists wins, else the first. */
function pick(context: ResourceContext, candidates: string[]): { path: string; exists: boolean } | undefined {
  if (candidates.length === 0) return undefined;
  if (!context.fs) return { path: candidates[0], exists: true };
  for (const candidate of candidates) if (context.fs.exists(candidate)) return { path: candidate, exists: true };
  return { path: candidates[0], exists: false };
}

/** Site-root relative (what `url_for` makes of front matter paths and `/x` links). */
export function resolveSiteRootPath(path: string, context: ResourceContext): { path: string; exists: boolean } | undefined {
  const relative = decodePath(path)
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
  const root = context.blog?.urlRoot && context.blog.urlRoot !== '/' ? context.blog.urlRoot.replace(/^\/+|\/+$/g, '') + '/' : '';
  const stripped = root && relative.startsWith(root) ? relative.slice(root.length) : relative;
  const folders = [...(context.blog?.sourceFolders ?? [])].reverse(); // theme source after site source in the list: theme wins
  return pick(
    context,
    folders.map((folder) => joinPath(folder, stripped)),
  );
}

/** A markdown image or `<img>` src relative to the note. */
export function resolveNoteImage(src: string, context: ResourceContext): { path: string; exists: boolean } | undefined {
  const path = decodePath(src);
  if (path.startsWith('/')) return resolveSiteRootPath(path, context);
  if (!context.notePath) return undefined;
  const candidates: string[] = [];
  if (context.blog?.postAssetFolder) candidates.push(joinPath(assetFolderOf(context.notePath), path));
  candidates.push(joinPath(dirname(context.notePath), path));
  return pick(context, candidates);
}

/** `{% asset_img slug %}`: a file of the post asset folder. */
export function resolveAsset(slug: string, context: ResourceContext): { path: string; exists: boolean } | undefined {
  if (!context.notePath) return undefined;
  return pick(context, [joinPath(assetFolderOf(context.notePath), decodePath(slug))]);
}

/** `cover` / `top_img` image values (Butterfly's getBgPath + random_cover rules). */
export function resolveCoverImage(value: string, context: ResourceContext): { path: string; exists: boolean } | undefined {
  if (!value.includes('/') && BUTTERFLY_IMAGE_FILE.test(value) && context.notePath) {
    return pick(context, [joinPath(assetFolderOf(context.notePath), decodePath(value))]);
  }
  return resolveSiteRootPath(value, context);
}
