// Packages the extension exactly as `npm run package` does (production build + vsce), but in a
// temporary copy of the checkout: the production build wipes dist/, which would pull the floor from
// under whoever is running tests in the working tree at the same time.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { vscePackageOptions, writeVsixReadme } from '../../scripts/lib/vsix.mjs';
import { NotAvailable, repoRoot } from './ours.mjs';

const skipped = new Set(['node_modules', '.cache', '.git', 'out', 'dist']);
let packaged;

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) {
    const output = `${result.stderr}\n${result.stdout}`.trim().split('\n').filter(Boolean);
    throw new NotAvailable(`${[command, ...args].map((a) => relative(cwd, a) || a).join(' ')} failed: ${output.slice(-1)[0] ?? result.error}`);
  }
  return result;
}

/** The path of a freshly packaged VSIX (built once per bench run) and the seconds it took. */
export function packageVsix() {
  if (packaged) return packaged;
  const started = performance.now();
  const copy = mkdtempSync(join(tmpdir(), 'mathpost-bench-vsix-'));
  cpSync(repoRoot, copy, {
    recursive: true,
    filter: (source) => {
      const path = relative(repoRoot, source);
      return !skipped.has(path.split('/')[0]) && !path.endsWith('.vsix');
    },
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  run(process.execPath, [join(copy, 'scripts/build.mjs'), '--production'], copy);
  const vsix = join(copy, 'mathpost.vsix');
  const vsce = join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  if (!existsSync(vsce)) throw new NotAvailable('@vscode/vsce is not installed');
  writeVsixReadme(copy);
  run(process.execPath, [vsce, 'package', ...vscePackageOptions, '--out', vsix], copy);
  packaged = { vsix, bytes: statSync(vsix).size, seconds: (performance.now() - started) / 1000, folder: copy };
  process.on('exit', () => rmSync(copy, { recursive: true, force: true }));
  return packaged;
}
