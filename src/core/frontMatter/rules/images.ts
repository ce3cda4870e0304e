/**
 * Local images in `cover`, `top_img` and `pagination_cover` (spec §5, §7): Butterfly passes them
 * through `url_for`, so `/img/x.png` and `img/x.png` must exist under the site's or the theme's
 * `source/`; with `post_asset_folder` a bare file name is looked up in the post's asset folder.
 * Hexo checks none of this, and a cover path without an image extension is used as CSS, not an image.
 */
import { butterflyImageKind } from '../../blog/images';
import { basename, joinPath } from '../../blog/paths';
import type { RuleContext } from '../report';

/** A value that names a file (an extension at the end, a query allowed), not a CSS colour word. */
const fileName = /\.[A-Za-z0-9]+(\?.*)?$/;
const notAPath = /^(https?:)?\/\/|^data:|^(#|rgb|rgba|hsl|hsla)\b|^[a-z-]+\(|^transparent$/i;

export function checkImages(rule: RuleContext): void {
  const { ctx, t } = rule;
  const fs = ctx.fs;
  const sources = ctx.blog.sourceFolders;
  if (!fs || ctx.blog.root === undefined || sources.length === 0) return;
  for (const key of ['cover', 'top_img', 'pagination_cover']) {
    const entry = rule.effective(key);
    const value = entry?.value;
    if (!entry || value?.kind !== 'scalar' || typeof value.value !== 'string') continue;
    const path = value.value.trim();
    if (!path || notAPath.test(path)) continue;
    const looksLikePath = path.includes('/') || fileName.test(path);
    if (!looksLikePath) continue; // a CSS color word such as `orange`
    // Butterfly's random_cover (cover) and getBgPath (top_img) use anything else as a CSS `background`.
    if ((key === 'cover' || key === 'top_img') && butterflyImageKind(key, path) !== 'image') {
      rule.report({
        start: value.start,
        end: value.end,
        code: 'frontmatter.cover-not-image',
        severity: 'warning',
        message: t(
          '`{0}` has no image extension, so Butterfly uses it as a CSS background, not as an image: the `{1}` image will be broken. Add the file’s extension (.png, .jpg, .webp…).',
          path,
          key,
        ),
        data: { key },
      });
      continue;
    }
    const clean = path.replace(/[?#].*$/, '');
    const candidates: string[] = [];
    const isBareName = !clean.includes('/');
    if (isBareName && ctx.blog.postAssetFolder && (ctx.scope === 'post' || ctx.scope === 'draft') && ctx.notePath) {
      const folder = ctx.notePath.replace(/\\/g, '/').replace(/\.[^./]+$/, '');
      candidates.push(joinPath(folder, clean));
    }
    const relative = clean.replace(/^\.?\//, '');
    for (const source of sources) candidates.push(joinPath(source, decodeSafely(relative)));
    if (candidates.some((candidate) => fs.exists(candidate))) continue;
    rule.report({
      start: value.start,
      end: value.end,
      code: 'frontmatter.image-missing',
      severity: 'warning',
      message:
        isBareName && ctx.blog.postAssetFolder
          ? t(
              '`{0}` is neither in this post’s asset folder (`{1}/`) nor under `source/`: the image will be missing on the site.',
              path,
              basename(ctx.notePath ?? '').replace(/\.[^.]+$/, ''),
            )
          : t('`{0}` is not under the blog’s `source/` (nor the theme’s): the image will be missing on the site.', path),
      data: { key, path },
    });
  }
}

function decodeSafely(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
