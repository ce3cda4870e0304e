/**
 * The run-time half of the split described in scripts/lib/lazyCore.mjs: the extension bundle holds only the
 * adapters, and each core module they import is replaced by an object of getters that loads dist/core.js on
 * first access. So activation compiles the small adapter bundle, registers its providers, and the core
 * (validation, rendering, KL evaluation) is compiled when a feature first runs.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point of this file */

let core: Record<string, Record<string, unknown>> | undefined;

/** An object with one getter per export `names` of the core module `id`. */
export function lazyCoreModule(id: string, names: readonly string[]): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  for (const name of names) {
    Object.defineProperty(exports, name, {
      enumerable: true,
      get: () => (core ??= require('./core.js') as Record<string, Record<string, unknown>>)[id]![name],
    });
  }
  return exports;
}
