/**
 * Local images of a standalone export, inlined as `data:` URIs so the file still shows them after
 * it is moved or sent. Within the caps (one image, all images together) an image is embedded;
 * otherwise, or when it is missing or unreadable, it keeps the link the caller would have used and
 * the reason is collected for the user. An SVG becomes `<img src="data:image/svg+xml;…">`, which is
 * safe: a document loaded as an image runs no script and loads nothing.
 */
import type { ReadOnlyFileSystem } from '../fileSystem';
import type { Localize } from '../text';
import { imageMimeOf } from '../blog/images';

export interface ImageEmbedLimits {
  /** Largest image embedded, in bytes. */
  maxImageBytes: number;
  /** Budget for all embedded image bytes together (each use counts: the file grows with each). */
  maxTotalBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageEmbedLimits = { maxImageBytes: 5 * 1024 * 1024, maxTotalBytes: 20 * 1024 * 1024 };

/** A local image that the export did not embed, and why (already localized). */
export interface ExportImageProblem {
  path: string;
  reason: string;
}

/** Items listed before "and N more": a notification has no room for a long list. */
const LISTED_PROBLEMS = 5;

/** `a.png (not found); b.png (larger than 5 MB)`, at most five, for the export's warning. */
export function imageProblemList(problems: ExportImageProblem[], t: Localize, listed = LISTED_PROBLEMS): string {
  const items = problems.slice(0, listed).map((problem) => t('{0} ({1})', problem.path, problem.reason));
  if (problems.length > listed) items.push(t('and {0} more', problems.length - listed));
  return items.join('; ');
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_CODES = Uint8Array.from(BASE64_ALPHABET, (ch) => ch.charCodeAt(0));

/** Standard base64 with padding; no Buffer or btoa, so the core stays free of Node and DOM APIs (TextDecoder is in both). */
export function base64Encode(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = BASE64_CODES[n >>> 18];
    out[o++] = BASE64_CODES[(n >>> 12) & 63];
    out[o++] = BASE64_CODES[(n >>> 6) & 63];
    out[o++] = BASE64_CODES[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out[o++] = BASE64_CODES[n >>> 18];
    out[o++] = BASE64_CODES[(n >>> 12) & 63];
    out[o++] = rest === 2 ? BASE64_CODES[(n >>> 6) & 63] : 61; // '='
    out[o++] = 61;
  }
  // The output is ASCII, hence valid UTF-8: one native decode instead of a JS string build.
  return new TextDecoder().decode(out);
}

function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

export class ImageEmbedder {
  readonly problems: ExportImageProblem[] = [];
  private embeddedBytes = 0;
  /** Files already encoded: a second use costs budget again but no second read. */
  private readonly encoded = new Map<string, { dataUri: string; bytes: number }>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly fs: ReadOnlyFileSystem | undefined,
    /** The link used when an image is not embedded (a `file:` URL for the export). */
    private readonly fallbackUri: (path: string) => string,
    private readonly t: Localize,
    private readonly limits: ImageEmbedLimits = DEFAULT_IMAGE_LIMITS,
  ) {}

  /** A `data:` URI for the image at `path`, or the fallback link (and a problem) when it cannot be embedded. */
  uri(path: string): string {
    return this.embed(path) ?? this.fallbackUri(path);
  }

  /** An image the renderer could not find: no link to fall back to, but the user hears of it. */
  missing(path: string): void {
    this.report(path, this.t('not found'));
  }

  private embed(path: string): string | undefined {
    const known = this.encoded.get(path);
    if (known) return this.fitsBudget(path, known.bytes) ? this.use(known) : undefined;
    const mime = imageMimeOf(path);
    if (!mime) return this.report(path, this.t('not a known image type (png, jpg, gif, webp, avif, svg, bmp, ico)'));
    const size = this.fs?.size?.(path);
    if (size === undefined) return this.report(path, this.fs?.exists(path) === false ? this.t('not found') : this.t('cannot be read'));
    if (size > this.limits.maxImageBytes) return this.report(path, this.t('larger than {0} MB', megabytes(this.limits.maxImageBytes)));
    if (!this.fitsBudget(path, size)) return undefined;
    const bytes = this.fs?.readBytes?.(path, this.limits.maxImageBytes);
    if (!bytes) return this.report(path, this.t('cannot be read'));
    if (!this.fitsBudget(path, bytes.length)) return undefined; // it grew since size()
    const entry = { dataUri: `data:${mime};base64,${base64Encode(bytes)}`, bytes: bytes.length };
    this.encoded.set(path, entry);
    return this.use(entry);
  }

  private fitsBudget(path: string, bytes: number): boolean {
    if (this.embeddedBytes + bytes <= this.limits.maxTotalBytes) return true;
    this.report(path, this.t('all images together would pass {0} MB', megabytes(this.limits.maxTotalBytes)));
    return false;
  }

  private use(entry: { dataUri: string; bytes: number }): string {
    this.embeddedBytes += entry.bytes;
    return entry.dataUri;
  }

  private report(path: string, reason: string): undefined {
    const key = `${path}\u0000${reason}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.problems.push({ path, reason });
    }
    return undefined;
  }
}
