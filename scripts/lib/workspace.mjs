// Test workspaces and run folders: tests get a COPY of examples/blog so nothing they do (edits, quick
// fixes, exports) can change the repository's example.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, exampleBlog, repoRoot } from './paths.mjs';

/** Copies examples/blog into `runDir`/blog (or writes a minimal stand-in when the example is absent). */
export function copyExampleBlog(runDir) {
  const target = join(runDir, 'blog');
  if (existsSync(exampleBlog)) {
    cpSync(exampleBlog, target, { recursive: true, filter: (source) => !source.includes('/node_modules') });
  } else {
    mkdirSync(join(target, 'source', '_posts'), { recursive: true });
    writeFileSync(join(target, '_config.yml'), 'title: Test blog\nmarkdown:\n  plugins: []\n');
    writeFileSync(join(target, 'source', '_posts', 'hello.md'), '---\ntitle: Hello\ndate: 2024-01-01 00:00:00\n---\n\n$E = mc^2$\n');
  }
  return target;
}

/** Removes a run folder unless MATHPOST_KEEP_RUNS is set (for debugging a failure). */
export function removeRunDir(runDir) {
  if (process.env.MATHPOST_KEEP_RUNS) {
    console.log(`kept ${runDir} (MATHPOST_KEEP_RUNS)`);
    return;
  }
  rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}

/** Logs worth keeping after the run folder is gone: .cache/logs/<name>. */
export function logPath(name) {
  const dir = join(cacheDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** The summary line every tier prints and scripts/test.mjs parses. */
export function tierSummary(tier, passed, failed) {
  return `${tier}: ${passed} passed, ${failed} failed`;
}

/**
 * A snapshot of the compiled tests for one run: out/ is copied (another `node scripts/build.mjs` in the same
 * checkout deletes and rewrites out/, which would pull the files from under a running suite) and every other
 * top-level entry of the repository is symlinked, so `require('mocha')` and paths like
 * `__dirname/../../../test/fixtures` resolve as they do in the checkout. Returns the snapshot's root.
 */
export function snapshotCompiledTests(runDir) {
  const root = join(runDir, 'repo');
  mkdirSync(root, { recursive: true });
  cpSync(join(repoRoot, 'out'), join(root, 'out'), { recursive: true });
  for (const entry of readdirSync(repoRoot)) {
    if (entry === 'out' || entry === '.cache' || entry === '.git') continue;
    symlinkSync(join(repoRoot, entry), join(root, entry));
  }
  return root;
}
