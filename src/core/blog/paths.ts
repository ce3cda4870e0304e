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

export function joinPath(folder: string, ...parts: string[]): string {
  return [folder.replace(/\/+$/, ''), ...parts].join('/');
}
