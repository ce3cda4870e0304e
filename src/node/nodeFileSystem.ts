/**
 * ReadOnlyFileSystem over node `fs` (synchronous: the core is synchronous and these are small
 * config files and posts). Files over the size cap read as missing, so one huge file cannot stall
 * the editor. Used by the extension and the CLI.
 */
import * as fs from 'node:fs';
import type { ReadOnlyFileSystem } from '../core/fileSystem';

export class NodeFileSystem implements ReadOnlyFileSystem {
  constructor(private readonly maxFileBytes = 2 * 1024 * 1024) {}

  readFile(path: string): string | undefined {
    try {
      const stat = fs.statSync(path);
      if (!stat.isFile() || stat.size > this.maxFileBytes) return undefined;
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Images for the export: no text cap here, the caller passes its own (`maxBytes`). */
  readBytes(path: string, maxBytes = Infinity): Uint8Array | undefined {
    try {
      const stat = fs.statSync(path);
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
      const bytes = fs.readFileSync(path);
      // The file may have grown between stat and read.
      return bytes.length > maxBytes ? undefined : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    } catch {
      return undefined;
    }
  }

  size(path: string): number | undefined {
    try {
      const stat = fs.statSync(path);
      return stat.isFile() ? stat.size : undefined;
    } catch {
      return undefined;
    }
  }

  exists(path: string): boolean {
    try {
      fs.statSync(path);
      return true;
    } catch {
      return false;
    }
  }

  listDirectory(path: string): Array<{ name: string; isDirectory: boolean }> {
    try {
      return fs
        .readdirSync(path, { withFileTypes: true })
        .map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() || (entry.isSymbolicLink() && this.isDirectory(`${path}/${entry.name}`)) }));
    } catch {
      return [];
    }
  }

  private isDirectory(path: string): boolean {
    try {
      return fs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  }
}
