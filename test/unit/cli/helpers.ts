import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** out/test/unit/cli -> the repository. */
export const repoRoot = join(__dirname, '..', '..', '..', '..');
export const builtCli = join(repoRoot, 'dist', 'cli.js');

/**
 * A file name with everything a CI format has to escape or encode: CJK, a space, `,` and `:` (legal on Linux).
 * Its body puts an emoji (two UTF-16 code units) before a broken formula, so columns in code points and in UTF-16
 * units differ.
 */
export const TRICKY_POST = 'source/_posts/中文 笔记, v1: 草稿.md';
export const TRICKY_LINE = '前言 😀 公式 $\\frac{1}{$ 结束';

/** A copy of examples/blog in a fresh temp folder, plus TRICKY_POST. Returns the folder and a cleanup. */
export function exampleBlogCopy(): { folder: string; blog: string; dispose: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'mathpost-cli-'));
  const blog = join(folder, 'blog');
  cpSync(join(repoRoot, 'examples', 'blog'), blog, { recursive: true });
  writeFileSync(join(blog, TRICKY_POST), `---\ntitle: 测试\ndate: 2025-01-01 10:00:00\nkatex: true\n---\n\n${TRICKY_LINE}\n`);
  return { folder, blog, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI (dist/cli.js) as a user runs it, in `cwd`. */
export function runBuiltCli(args: readonly string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What the npm tarball may hold: the CLI and what it loads, the extension it belongs to, the manifest and docs. */
export const PACKAGE_FILE_PATTERNS = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^dist\/(extension|core|cli|webview|katexWorker)\.js$/,
  /^dist\/vendor\/[\w-]+\.js$/,
  // highlight.js's grammars, one file each, loaded for the languages a note has (scripts/build.mjs).
  /^dist\/vendor\/highlight-languages\/[\w-]+\.js$/,
  /^dist\/katex\/(katex\.min\.css|fonts\/KaTeX_[\w-]+\.woff2)$/,
  // The hover image's TrueType fonts (subset per formula) and KaTeX's command table for the completion (issue #11).
  /^dist\/katex\/(ttf\/KaTeX_[\w-]+\.ttf|commands\.json)$/,
  /^dist\/l10n\/bundle\.l10n\.[\w-]+\.json$/,
  /^media\/[\w.-]+\.(css|png)$/,
  /^syntaxes\/[\w.-]+\.json$/,
];
