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
