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

// ---- sanitized raw HTML (setting mathpost.preview.allowHtml) -------------------------------------

const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'center', 'cite', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark',
  'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'var',
]);
const ALLOWED_ATTRIBUTES = new Set(['class', 'id', 'title', 'alt', 'width', 'height', 'align', 'colspan', 'rowspan', 'open', 'start', 'href', 'src', 'color', 'lang', 'dir']);
/** Whose text is not content (dropped together with the tags). */
const DROPPED_WITH_CONTENT = /<(script|style|iframe|object|embed|template|noscript|textarea|select|svg|math)\b[\s\S]*?(?:<\/\1\s*>|$)/gi;

export interface HtmlSanitizeHooks {
  /** Maps an image `src` to what the preview can load, or undefined to drop the attribute. */
  imageSrc(src: string): string | undefined;
}

/**
 * Keeps an allowlist of tags and attributes from raw HTML in a note, rebuilding every tag it keeps
 * (so no attribute the parser did not understand survives) and escaping everything else.
 */
export function sanitizeHtml(html: string, hooks: HtmlSanitizeHooks): string {
  const withoutDangerous = html.replace(DROPPED_WITH_CONTENT, '').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  return withoutDangerous.replace(/<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>|[<>]/g, (whole, slash: string, name: string, attributes: string, selfClose: string) => {
    if (whole === '<') return '&lt;';
    if (whole === '>') return '&gt;';
    const tag = name.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) return escapeHtml(whole);
    if (slash) return `</${tag}>`;
    return `<${tag}${sanitizeAttributes(tag, attributes ?? '', hooks)}${selfClose ? ' /' : ''}>`;
  });
}

function sanitizeAttributes(tag: string, attributes: string, hooks: HtmlSanitizeHooks): string {
  let result = '';
  const pattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let match = pattern.exec(attributes); match; match = pattern.exec(attributes)) {
    const name = match[1].toLowerCase();
    if (!ALLOWED_ATTRIBUTES.has(name)) continue;
    let value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
    if (name === 'href') {
      if (tag !== 'a' || !isSafeLinkUrl(value)) continue;
    } else if (name === 'src') {
      if (tag !== 'img') continue;
      const mapped = hooks.imageSrc(value);
      if (mapped === undefined) continue;
      value = mapped;
    } else if (name === 'id') {
      value = 'user-' + value;
    }
    result += ` ${name}="${escapeHtml(value)}"`;
  }
  return result;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|colon|tab|newline);?/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' } as Record<string, string>)[lower] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
