import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';

/** What the CLI touches outside itself; tests pass an in-memory one. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  /** The file as consecutive pieces, each written as it is (see exportStandaloneHtmlParts); else writeFile of their join. */
  writeFileParts?(path: string, parts: readonly string[]): void;
  version: string;
  /**
   * The CLI's own script, set when the files are the real file system's: `check` may then start worker threads
   * that run it (src/cli/parallelCheck.ts) and read the posts themselves.
   */
  checkWorkerFile?: string;
}

declare const MATHPOST_VERSION: string | undefined;

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => writeFileSync(path, text),
    writeFileParts: (path, parts) => {
      const fd = openSync(path, 'w');
      try {
        for (const part of parts) writeSync(fd, part);
      } finally {
        closeSync(fd);
      }
    },
    version: typeof MATHPOST_VERSION === 'string' ? MATHPOST_VERSION : '0.0.0',
  };
}
