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
}

/** An in-memory file system for tests: keys are absolute paths. */
export class InMemoryFileSystem implements ReadOnlyFileSystem {
  constructor(private readonly files: Record<string, string>) {}

  readFile(path: string): string | undefined {
    return this.files[path];
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
