// `npm run package`: the production build, then mathpost-<version>.vsix with vsce (see scripts/lib/vsix.mjs for
// why the VSIX has its own README). What goes in is package.json "files" (the same list `npm pack` uses).
import { join } from 'node:path';
import { runOrThrow } from './lib/run.mjs';
import { repoRoot, vsixPath } from './lib/paths.mjs';
import { vscePackageOptions, writeVsixReadme } from './lib/vsix.mjs';

await runOrThrow(process.execPath, ['scripts/build.mjs', '--production'], { cwd: repoRoot });
writeVsixReadme();
await runOrThrow(join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', ...vscePackageOptions, '--out', vsixPath], { cwd: repoRoot });
