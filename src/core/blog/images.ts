/**
 * When Butterfly 5.7 treats a front-matter value as an image — the one rule for the validator, the
 * header card and the completion's image inventory (issue #13: three lists used to disagree).
 * - `cover`: scripts/filters/random_cover.js `isImage` (a remote or data:image URL, or one of its
 *   extensions, a query allowed); anything else is used as a CSS background.
 * - `top_img` (and a cover shown as the banner): scripts/helpers/page.js `getBgPath`.
 */

/**
 * The image files Mathpost reads, writes and embeds (a paste or drop, the export's data: URIs), by mime type:
 * what a browser shows in a post's `<img>`. Which of them Butterfly takes for a cover is its own list below.
 */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  // What browsers and the renderer's own data: allow-list use for .ico.
  ico: 'image/x-icon',
};
export const IMAGE_EXTENSION = new RegExp(`\\.(${Object.keys(MIME_BY_EXTENSION).join('|')})$`, 'i');

/** The file extension for an image mime type (`image/png` → `.png`), or undefined when it is not one. */
export function imageExtension(mime: string): string | undefined {
  const lower = mime.toLowerCase();
  const extension = Object.keys(MIME_BY_EXTENSION).find((candidate) => MIME_BY_EXTENSION[candidate] === lower);
  return extension ? `.${extension}` : undefined;
}

/** The mime type of an image file name or path (`a.JPG` → `image/jpeg`), or undefined when it is not an image. */
export function imageMimeOf(name: string): string | undefined {
  const match = IMAGE_EXTENSION.exec(name);
  return match ? MIME_BY_EXTENSION[match[1].toLowerCase()] : undefined;
}

/** random_cover.js `imgTestReg`: the extensions Butterfly takes for a cover image. */
export const BUTTERFLY_IMAGE_FILE = /\.(png|jpe?g|gif|svg|webp|avif)(\?.*)?$/i;
const remoteImage = /^(?:https?:)?\/\//i;
const dataImage = /^data:image\//i;

// page.js getBgPath.
const absoluteUrl = /^(?:[a-z][a-z\d+.-]*:)?\/\//i;
const relativeUrl = /^(\.\/|\.\.\/|\/|[^/]+\/).*$/;
const color = /^(#|rgb|rgba|hsl|hsla)/i;
const simpleFile = /\.(png|jpg|jpeg|gif|bmp|webp|svg|tiff)$/i;

/** random_cover.js: is this `cover` value an image (`cover_type: img`)? */
export function isButterflyCoverImage(value: string): boolean {
  return remoteImage.test(value) || dataImage.test(value) || BUTTERFLY_IMAGE_FILE.test(value);
}

/** getBgPath: `background-color`, `background-image: url(…)`, or the value as a CSS `background`. */
export function butterflyBackground(value: string): 'color' | 'image' | 'css' {
  if (color.test(value)) return 'color';
  if (absoluteUrl.test(value) || relativeUrl.test(value) || simpleFile.test(value)) return 'image';
  return 'css';
}

/** How Butterfly shows `value` of `key` (`cover` is classified by random_cover first). */
export function butterflyImageKind(key: string, value: string): 'color' | 'image' | 'css' {
  if (key === 'cover') return isButterflyCoverImage(value) ? 'image' : color.test(value) ? 'color' : 'css';
  return butterflyBackground(value);
}
