// `npm run update-goldens`: the only writer of test/fixtures/frontMatter/notes/*.golden.txt. Builds, renders
// every fixture as test/unit/frontMatter/golden.test.ts compares it, writes what changed and prints the diff
// (`diff -u old new`) so the change of the spec is reviewed, not accepted blindly. Exit code 0 either way.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/paths.mjs';

const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const { fixtureNames, fixturesFolder, goldenPathOf, renderGolden } = createRequire(import.meta.url)(
  join(repoRoot, 'out/test/unit/frontMatter/goldenRender.js'),
);

const scratch = mkdtempSync(join(tmpdir(), 'mathpost-goldens-'));
let changed = 0;
try {
  for (const name of fixtureNames()) {
    const goldenPath = goldenPathOf(name);
    const actual = renderGolden(name, readFileSync(join(fixturesFolder, name), 'utf8'));
    const before = existsSync(goldenPath) ? readFileSync(goldenPath, 'utf8') : undefined;
    if (before === actual) continue;
    changed++;
    const old = join(scratch, 'old');
    writeFileSync(old, before ?? '');
    writeFileSync(goldenPath, actual);
    const label = goldenPath.slice(repoRoot.length + 1);
    const diff = spawnSync('diff', ['-u', '--label', before === undefined ? '/dev/null' : `a/${label}`, '--label', `b/${label}`, old, goldenPath], {
      encoding: 'utf8',
    });
    process.stdout.write(diff.stdout || `${before === undefined ? 'new' : 'changed'}: ${label}\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(
  changed === 0 ? 'update-goldens: every golden already matches' : `update-goldens: ${changed} golden(s) written; review the diff above before committing`,
);
