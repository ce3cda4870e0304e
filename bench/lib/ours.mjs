// Loads our implementation from the per-file CommonJS build in out/ (written by
// `node scripts/build.mjs`). Modules are looked up at run time, not imported, so the suite still
// runs, and says why, while a part of the extension is missing or broken.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const requireFromRoot = createRequire(join(repoRoot, 'package.json'));

/** Thrown by `need` and turned into a "not available: <why>" row by the runner. */
export class NotAvailable extends Error {}

/** `require` of out/<path>.js, e.g. `loadOut('src/core/render/renderNote')`; throws NotAvailable with the reason. */
export function loadOut(path) {
  const file = join(repoRoot, 'out', `${path}.js`);
  if (!existsSync(file)) throw new NotAvailable(`${path}.ts not built (out/${path}.js missing)`);
  try {
    return requireFromRoot(file);
  } catch (error) {
    throw new NotAvailable(`${path}.ts fails to load: ${firstLine(error)}`);
  }
}

/** The first of `names` that `module` exports as a function or class. */
export function need(module, path, ...names) {
  for (const name of names) if (typeof module[name] === 'function') return module[name];
  throw new NotAvailable(`${path}.ts exports none of ${names.join(', ')}`);
}

export function firstLine(error) {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]
    .slice(0, 160);
}

export { requireFromRoot };
