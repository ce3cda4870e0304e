/**
 * The one seam between the editor adapters (dist/extension.js) and the core (dist/core.js, built from
 * src/core/index.ts): adapters import the core's types statically (`import type`, erased by the build) and
 * reach its values only through `core()`, which loads the core the first time a feature runs. Activation
 * registers providers and commands without compiling the core (test/unit/bundles.test.ts proves it).
 *
 * Synchronous, not `await import()`: VS Code's extension host loads extensions as CommonJS, where loading
 * a local file is a synchronous `require` either way, so a promise would make every provider, command and
 * constructor that touches the core async without loading anything later or off the main thread. The first
 * caller pays the load (tens of milliseconds), every later call is a field read.
 *
 * `require('./core')` finds dist/core.js beside dist/extension.js (scripts/build.mjs keeps it external),
 * and out/src/core/index.js in the per-file build the unit tests use.
 */
import type * as CoreModule from './core/index';

export type Core = typeof CoreModule;

let loaded: Core | undefined;

/** The core, loaded on first call. */
export function core(): Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the seam: loaded on first use, not bundled
  return (loaded ??= require('./core') as Core);
}
