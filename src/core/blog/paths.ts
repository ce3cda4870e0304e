/** Path helpers for the `/`-separated absolute paths the core uses (no `node:path` in the core). */

export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

export function basename(path: string): string {
  const trimmed = toSlashes(path).replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function parentFolder(path: string): string | undefined {
  const trimmed = toSlashes(path).replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return undefined;
  if (slash === 0) return trimmed === '' ? undefined : '/';
  // `C:/x` -> `C:/`; `C:/` has no parent.
  if (/^[A-Za-z]:$/.test(trimmed.slice(0, slash))) return trimmed.length > slash + 1 ? trimmed.slice(0, slash + 1) : undefined;
  return trimmed.slice(0, slash);
}

/**
 * The parts joined with `/`, with `.` and `..` resolved as Node's `path.join` does (Hexo builds its paths with
 * `node:path`), so one file has one spelling wherever it is compared, cached or shown: `/b/source` + `../x.png`
 * is `/b/x.png`. A rooted path (`/…`, `C:/…`, `//server/share/…`) stays rooted and `..` never climbs above its
 * root; a relative one keeps its leading `..`. Backslashes count as separators; no trailing `/`.
 */
export function joinPath(...parts: string[]): string {
  const nonEmpty = parts.filter((part) => part !== '');
  const joined = toSlashes(nonEmpty.join('/'));
  // Only the first part can be a UNC path: `//` inside comes from joining `/` and `a`.
  const unc = /^[\\/]{2}[^\\/]/.test(nonEmpty[0] ?? '');
  const segments = joined.split('/').filter((segment) => segment !== '' && segment !== '.');
  const drive = /^[A-Za-z]:$/.test(segments[0] ?? '');
  const rooted = joined.startsWith('/') || drive;
  // The drive (`C:`) or the UNC server and share are the root: `..` does not remove them.
  const rootSegments = drive ? 1 : unc ? Math.min(2, segments.length) : 0;
  const resolved = segments.slice(0, rootSegments);
  for (const segment of segments.slice(rootSegments)) {
    if (segment !== '..') resolved.push(segment);
    else if (resolved.length > rootSegments && resolved[resolved.length - 1] !== '..') resolved.pop();
    else if (!rooted) resolved.push('..');
  }
  if (drive) return resolved.length === 1 ? `${resolved[0]}/` : resolved.join('/');
  if (unc) return `//${resolved.join('/')}`;
  return rooted ? `/${resolved.join('/')}` : resolved.join('/') || '.';
}
