// Splits the extension into dist/extension.js (the adapters: registration, VS Code plumbing) and
// dist/core.js (src/core: validation, rendering, KL), loaded on first use. Compiling the whole
// 230 KB bundle was most of the activation time, and activation only needs to register providers.
//
//  1. a metafile pass over src/extension.ts finds the core modules the adapters import;
//  2. dist/core.js is built from `export * as m<N> from '<module>'` for each of them, and loaded
//     here once to list each module's export names;
//  3. the extension bundle is built with each such import replaced by `lazyCoreModule('m<N>', names)`
//     (src/lazyCore.ts): getters that require ./core.js on first access. esbuild reads named
//     imports of a CommonJS module as property accesses at the call site, so nothing loads early.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

const isCore = (root, path) => path.startsWith(join(root, 'src', 'core') + sep) && /\.ts$/.test(path);

async function coreModulesImportedByAdapters(root, options) {
  const { metafile } = await esbuild.build({ ...options, write: false, metafile: true, minify: false, sourcemap: false });
  const modules = new Set();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (isCore(root, join(root, input))) continue;
    for (const imported of imports) if (!imported.external && isCore(root, join(root, imported.path))) modules.add(join(root, imported.path));
  }
  return [...modules].sort();
}

/** Builds dist/core.js and returns the plugin that makes the extension bundle load it lazily. */
export async function buildLazyCore(root, extensionOptions, coreOptions) {
  const modules = await coreModulesImportedByAdapters(root, extensionOptions);
  const ids = new Map(modules.map((path, index) => [path, `m${index}`]));
  const entry = modules.map((path) => `export * as ${ids.get(path)} from ${JSON.stringify('./' + relative(root, path).split(sep).join('/'))};`).join('\n');
  const outfile = join(root, 'dist/core.js');
  await esbuild.build({ ...coreOptions, stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'core-entry.ts' }, outfile });
  const requireFresh = createRequire(import.meta.url);
  delete requireFresh.cache[outfile];
  const core = requireFresh(outfile);
  const runtime = join(root, 'src/lazyCore.ts');
  return {
    name: 'lazy-core',
    setup(build) {
      build.onResolve({ filter: /^\.\/core\.js$/ }, (args) => (args.importer === runtime ? { path: './core.js', external: true } : undefined));
      build.onResolve({ filter: /\/core\// }, async (args) => {
        if (args.pluginData === 'lazy-core' || isCore(root, args.importer)) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'lazy-core' });
        if (resolved.errors.length > 0 || !ids.has(resolved.path)) return undefined;
        return { path: resolved.path, namespace: 'lazy-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-core' }, (args) => {
        const id = ids.get(args.path);
        const names = Object.keys(core[id]).filter((name) => name !== '__esModule');
        return {
          contents: `module.exports = require(${JSON.stringify(runtime)}).lazyCoreModule(${JSON.stringify(id)}, ${JSON.stringify(names)});`,
          resolveDir: root,
          loader: 'js',
        };
      });
    },
  };
}
