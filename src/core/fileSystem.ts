/**
 * The core reads blog files (`_config.yml`, the theme config, other posts) only through this
 * interface, so it stays testable with an in-memory map and free of `fs`. Paths are absolute,
 * with `/` separators.
 */
export interface ReadOnlyFileSystem {
  /** The file's text, or undefined when it does not exist or is not readable. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  /** Names (not paths) of the entries of a folder; [] when it does not exist. */
  listDirectory(path: string): Array<{ name: string; isDirectory: boolean }>;
  /**
   * The file's bytes (images for the standalone export), or undefined when it does not exist, is
   * not a file, is not readable or is larger than `maxBytes`. Optional: file systems that only
   * serve text (e.g. the CLI's memoizing wrapper) leave it out and the export links the image.
   */
  readBytes?(path: string, maxBytes?: number): Uint8Array | undefined;
  /** Size in bytes of a file (not a folder), or undefined; lets callers skip huge files unread. */
  size?(path: string): number | undefined;
}

/** An in-memory file system for tests: keys are absolute paths; string contents are UTF-8. */
export class InMemoryFileSystem implements ReadOnlyFileSystem {
  constructor(private readonly files: Record<string, string | Uint8Array>) {}

  readFile(path: string): string | undefined {
    const content = this.files[path];
    return typeof content === 'string' || content === undefined ? content : new TextDecoder().decode(content);
  }

  readBytes(path: string, maxBytes = Infinity): Uint8Array | undefined {
    const content = this.files[path];
    if (content === undefined) return undefined;
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return bytes.length > maxBytes ? undefined : bytes;
  }

  size(path: string): number | undefined {
    const content = this.files[path];
    if (content === undefined) return undefined;
    return typeof content === 'string' ? new TextEncoder().encode(content).length : content.length;
  }

  exists(path: string): boolean {
    if (path in this.files) return true;
    const prefix = path.endsWith('/') ? path : path + '/';
    return Object.keys(this.files).some((file) => file.startsWith(prefix));
  }

  listDirectory(path: string): Array<{ name: string; isDirectory: boolean }> {
    const prefix = path.endsWith('/') ? path : path + '/';
    const entries = new Map<string, boolean>();
    for (const file of Object.keys(this.files)) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) entries.set(rest, entries.get(rest) ?? false);
      else entries.set(rest.slice(0, slash), true);
    }
    return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
  }
}
