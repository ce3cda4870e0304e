import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs, UsageError } from './args';
import { formatGitHub, formatSarif, formatText, type CheckResult } from './checkFormats';
import type { CliIo } from './io';
import { BlogService } from '../core/blog/blogService';
import { checkNote } from '../core/checkNote';
import type { ReadOnlyFileSystem } from '../core/fileSystem';
import { englishText, LineIndex } from '../core/text';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { defaultPoolSize } from '../node/katexPool';
import { checkInParallel, type CheckOne, MIN_PARALLEL_FILES } from './parallelCheck';

/** Folders that never hold posts (and can be huge). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'public', '.deploy_git', '.cache']);
const NOTE_EXTENSIONS = /\.(md|markdown)$/i;

/** `mathpost check <files or folders…> [--format text|json|github|sarif] [--jobs N]`: exit 1 when any error is found. */
export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs(argv, [
    { name: 'format', takesValue: true, choices: ['text', 'json', 'github', 'sarif'] },
    { name: 'jobs', short: 'j', takesValue: true },
  ]);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder');
  const jobs = options.get('jobs');
  if (jobs !== undefined && (typeof jobs !== 'string' || !/^[1-9]\d{0,2}$/.test(jobs)))
    throw new UsageError(`option '--jobs' must be a number from 1 to 999 (got '${String(jobs)}')`);
  const files = positionals.flatMap((target) => collectNotes(resolve(target)));
  const checkOne = fileChecker(io.readFile);
  // Worker threads read the posts themselves: only when this io is the real file system's (not a test's).
  const workers = io.checkWorkerFile === undefined || files.length < MIN_PARALLEL_FILES ? 0 : jobs === undefined ? defaultPoolSize() : Number(jobs) - 1;
  const perFile = workers > 0 && io.checkWorkerFile ? await checkInParallel(files, checkOne, workers, io.checkWorkerFile) : files.map(checkOne);
  const results = perFile.flat();
  const format = options.get('format') ?? 'text';
  if (format === 'json') io.stdout(JSON.stringify(results, null, 2) + '\n');
  else if (format === 'sarif') io.stdout(formatSarif(results, { version: io.version, workingFolder: process.cwd() }));
  else io.stdout(format === 'github' ? formatGitHub(results) : formatText(results));
  // On stderr in every format (stdout stays pure JSON/SARIF): how many files were checked is part of the answer.
  const count = (severity: string) => results.filter((result) => result.severity === severity).length;
  io.stderr(`${files.length} file(s) checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s)\n`);
  return results.some((result) => result.severity === 'error') ? 1 : 0;
}

/**
 * One post's results, in report order. The editor's blog service, shared by every post the function checks:
 * one config per blog root, one root lookup per folder, for 10,000 posts.
 */
export function fileChecker(readFile: (path: string) => string): CheckOne {
  const fs = new MemoizingFileSystem(new NodeFileSystem());
  const blogs = new BlogService(fs);
  return (file) => {
    const name = relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      return [fileProblem(name, `cannot read the file: ${(error as Error).message}`)];
    }
    const blog = blogs.blogFor(file);
    const index = new LineIndex(text);
    return checkNote(file, text, fs, englishText, { blog }).map((diagnostic) => ({
      file: name,
      range: index.range(diagnostic.start, diagnostic.end),
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
    }));
  };
}

function collectNotes(target: string): string[] {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw new UsageError(`no such file or folder: ${target}`);
  }
  if (stat.isFile()) return [target];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(join(folder, entry.name));
      else if (entry.isFile() && NOTE_EXTENSIONS.test(entry.name)) found.push(join(folder, entry.name));
    }
  };
  walk(target);
  return found;
}

function fileProblem(file: string, message: string): CheckResult {
  const start = { line: 0, character: 0 };
  return { file, range: { start, end: start }, severity: 'error', code: 'mathpost.unreadable-file', message };
}

/** Blog discovery asks for the same `_config.yml` for every post; answer repeats from memory. */
class MemoizingFileSystem implements ReadOnlyFileSystem {
  private readonly files = new Map<string, string | undefined>();
  private readonly existing = new Map<string, boolean>();

  constructor(private readonly inner: ReadOnlyFileSystem) {}

  readFile(path: string): string | undefined {
    if (!this.files.has(path)) this.files.set(path, this.inner.readFile(path));
    return this.files.get(path);
  }

  exists(path: string): boolean {
    let known = this.existing.get(path);
    if (known === undefined) this.existing.set(path, (known = this.inner.exists(path)));
    return known;
  }

  listDirectory(path: string): Array<{ name: string; isDirectory: boolean }> {
    return this.inner.listDirectory(path);
  }
}
