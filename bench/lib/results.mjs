// The stored result of a run: `npm run bench -- --json` writes bench/results/<date>.json with the machine, the
// versions and every sample, so each figure in a README table can be traced to the run that produced it.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './ours.mjs';

const resultsFolder = join(repoRoot, 'bench/results');

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function gitCommit() {
  try {
    return execSync('git rev-parse HEAD', { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Writes the run and returns the file's path. `rows` keep their raw samples (a non-enumerable `samples`). */
export function storeResult(rows, { started, seconds, argv }) {
  const date = started
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const file = join(resultsFolder, `${date}.json`);
  const result = {
    date: started.toISOString(),
    seconds,
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    commit: gitCommit(),
    machine: {
      os: `${osType()} ${release()}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    versions: Object.fromEntries(
      ['katex', 'markdown-it', '@vscode/markdown-it-katex', 'yaml', 'hexo-front-matter'].map((name) => [name, packageVersion(name)]),
    ),
    rows: rows.map((row) => ({ ...row, samples: row.samples ? { ours: row.samples[0] ?? [], baseline: row.samples[1] ?? [] } : undefined })),
  };
  mkdirSync(resultsFolder, { recursive: true });
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}
