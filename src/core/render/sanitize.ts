/**
 * Escaping and URL policy for everything the renderer emits. A note is untrusted input: nothing it
 * contains may become script, a `command:` URI, a form or a remote resource other than an https image.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** The scheme of a URL in lower case ('' for relative URLs), ignoring the whitespace/control characters browsers ignore. */
export function urlScheme(url: string): string {
  let cleaned = '';
  for (const ch of url) {
    const code = ch.charCodeAt(0);
    if (code > 0x20 && (code < 0x7f || code > 0x9f)) cleaned += ch;
  }
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1].toLowerCase() : '';
}

const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon);/i;

/** Links: http(s), mailto and relative targets only (no javascript:, vbscript:, data:, file:, command: …). */
export function isSafeLinkUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === '' || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Also what markdown-it's `validateLink` gets: links and images share it, images add data:image. */
export function isSafeLinkOrImageUrl(url: string): boolean {
  return isSafeLinkUrl(url) || SAFE_DATA_IMAGE.test(url.trim());
}

export type ImageSource =
  | { kind: 'remote'; url: string }
  | { kind: 'insecure'; url: string }
  | { kind: 'data'; url: string }
  | { kind: 'local'; path: string }
  | { kind: 'unsafe'; url: string };

/** What kind of image source `src` is; local paths still need resolving against the blog. */
export function classifyImageSource(src: string): ImageSource {
  const trimmed = src.trim();
  if (trimmed.startsWith('//')) return { kind: 'remote', url: 'https:' + trimmed };
  const scheme = urlScheme(trimmed);
  if (scheme === 'https') return { kind: 'remote', url: trimmed };
  if (scheme === 'http') return { kind: 'insecure', url: trimmed };
  if (scheme === 'data') return SAFE_DATA_IMAGE.test(trimmed) ? { kind: 'data', url: trimmed } : { kind: 'unsafe', url: trimmed };
  if (scheme === '' || scheme === 'file') return { kind: 'local', path: scheme === 'file' ? trimmed.replace(/^file:\/\//i, '') : trimmed };
  return { kind: 'unsafe', url: trimmed };
}

/**
 * CSS values that tag plugins and the header card may put in a `style` (colors, gradients,
 * keywords): no `url(`, no `;`, no braces, no escapes, so nothing can load or break out.
 */
export function isSafeCssValue(value: string): boolean {
  return value.length <= 200 && /^[#\w\s.,%()+\-/]*$/.test(value) && !/url\s*\(|expression\s*\(|image-set|@import/i.test(value);
}
