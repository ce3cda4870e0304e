/**
 * An in-memory ReadOnlyFileSystem for the tests (src/core/fileSystem.ts): keys are absolute paths with `/`
 * separators; string contents are UTF-8. Test code: it does not ship in dist/.
 */
import type { ReadOnlyFileSystem } from '../../src/core/fileSystem';

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
