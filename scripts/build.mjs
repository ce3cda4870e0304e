// Builds everything the VSIX, the CLI and the tests need.
//   node scripts/build.mjs               dist/ (extension, cli, webview, KaTeX assets, l10n) + out/ (tests)
//   node scripts/build.mjs --production  minified dist/, no source maps, no out/
//   node scripts/build.mjs --watch       rebuild dist/ on change
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { highlightJsLanguageTable } from './lib/highlightJsLanguages.mjs';
import { katexCommands } from './lib/katexCommands.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

/**
 * KaTeX, markdown-it, yaml and sanitize-html are most of the code, and src/core/libraries.ts only requires them on first
 * use. Inside one bundle that laziness saves their evaluation but not their parsing, which is most of the
 * extension's code-loading time at activation. So each library is its own file in dist/vendor/, required by
 * path from the extension and the CLI (which then also share one copy in the VSIX).
 */
/**
 * The yaml package reads `process.env.LOG_TOKENS` for every token it parses and `process.env.LOG_STREAM` for every
 * document (debug logging to the console): each read of process.env is a call into the C++ environment, ~76 per
 * typical front matter, ~15 µs of its ~90 µs parse (`mathpost check` parses 10,000 of them). Those logs would only
 * corrupt the CLI's JSON output anyway, so the bundle reads neither.
 */
const yamlWithoutDebugLogs = {
  name: 'yaml-without-debug-logs',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const patched = code.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'false');
      if (patched === code) throw new Error(`${args.path} no longer reads process.env.LOG_TOKENS/LOG_STREAM: update yamlWithoutDebugLogs`);
      return { contents: patched, loader: 'js' };
    });
  },
};
const VENDORED = ['katex', 'markdown-it', 'yaml', 'js-yaml', 'sanitize-html', 'linkify-it-4'];
// Entered through `require()` so that packages with conditional exports (markdown-it, yaml) resolve to their
// CommonJS build, exactly as the in-bundle `require()` did before.
const vendorBundles = VENDORED.map((name) => ({
  ...common,
  stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js', sourcefile: `vendor-${name}.js` },
  outfile: join(root, `dist/vendor/${name}.js`),
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  plugins: name === 'yaml' ? [yamlWithoutDebugLogs] : [],
}));
/**
 * Code highlighting as the blog does it: hexo-util's highlight.js and Prism wrappers, each its own vendor
 * file, required only when a note has a fence to highlight (src/core/libraries.ts).
 */
const HIGHLIGHTERS = { 'hexo-util/dist/highlight.js': 'hexo-highlight', 'hexo-util/dist/prism.js': 'hexo-prism' };
/**
 * Prism's language loader (prismjs/components/index.js) requires `./prism-<lang>` by a computed path, which
 * no bundle can follow; this is the same loader with every language inlined as a function (re-runnable, as
 * the original re-runs a file after clearing the require cache when a dependency makes it reload).
 */
const prismLanguagesInline = {
  name: 'prism-languages-inline',
  setup(build) {
    build.onResolve({ filter: /^prismjs\/components\/$/ }, () => ({ path: 'prism-loader', namespace: 'prism-loader' }));
    build.onLoad({ filter: /.*/, namespace: 'prism-loader' }, () => {
      const folder = join(root, 'node_modules/prismjs/components');
      const languages = readdirSync(folder).filter((name) => /^prism-[\w-]+\.js$/.test(name) && !name.endsWith('.min.js'));
      const table = languages.map((name) => `${JSON.stringify(name.slice(6, -3))}: function () {\n${readFileSync(join(folder, name), 'utf8')}\n}`).join(',\n');
      const contents = `const components = require('prismjs/components.js');
const getLoader = require('prismjs/dependencies');
const files = {${table}};
const loadedLanguages = new Set();
function loadLanguages(languages) {
  if (languages === undefined) languages = Object.keys(components.languages).filter((l) => l != 'meta');
  else if (!Array.isArray(languages)) languages = [languages];
  const loaded = [...loadedLanguages, ...Object.keys(Prism.languages)];
  getLoader(components, languages, loaded).load((lang) => {
    if (!(lang in components.languages) || !files[lang]) return;
    delete Prism.languages[lang];
    files[lang]();
    loadedLanguages.add(lang);
  });
}
loadLanguages.silent = true;
module.exports = loadLanguages;`;
      return { contents, resolveDir: root, loader: 'js' };
    });
  },
};
/**
 * hexo-util's `require('highlight.js')` registers all ~190 grammars (~70 ms, ~8 MB of heap kept for good); in the
 * bundle it gets src/core/render/lazyHighlightJs.ts instead, which registers a grammar (and what it embeds)
 * when a fence first needs it. Each grammar is its own file in dist/vendor/highlight-languages/ (1.8 MB of
 * grammars in all, read and compiled only for the languages a note has), required by path at that moment.
 */
const HIGHLIGHT_LANGUAGES = 'highlight-languages';
const lazyHighlightJsLanguages = {
  name: 'lazy-highlight-js-languages',
  setup(build) {
    build.onResolve({ filter: /^highlight\.js$/ }, () => ({ path: 'lazy-highlight-js', namespace: 'lazy-highlight-js' }));
    build.onResolve({ filter: new RegExp(`^\\./${HIGHLIGHT_LANGUAGES}/`) }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-highlight-js' }, () => {
      const table = highlightJsLanguageTable(root);
      const loaders = table.languages.map((name) => `${JSON.stringify(name)}: () => require(${JSON.stringify(`./${HIGHLIGHT_LANGUAGES}/${name}.js`)})`);
      const contents = `const { lazyHighlightJs } = require('./src/core/render/lazyHighlightJs.ts');
const table = ${JSON.stringify(table)};
const loaders = {${loaders.join(',\n')}};
module.exports = lazyHighlightJs(require('highlight.js/lib/core').newInstance(), table, (name) => loaders[name]());`;
      return { contents, resolveDir: root, loader: 'js' };
    });
  },
};
/** The grammars themselves (self-contained CommonJS modules), as highlight.js ships them, minified for the VSIX. */
const highlightLanguageFiles = {
  entryPoints: highlightJsLanguageTable(root).languages.map((name) => ({ in: join(root, `node_modules/highlight.js/lib/languages/${name}.js`), out: name })),
  outdir: join(root, `dist/vendor/${HIGHLIGHT_LANGUAGES}`),
  bundle: false,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
};
const highlighterBundles = Object.entries(HIGHLIGHTERS).map(([module, file]) => ({
  ...common,
  stdin: { contents: `module.exports = require(${JSON.stringify(module)});`, resolveDir: root, loader: 'js', sourcefile: `vendor-${file}.js` },
  outfile: join(root, `dist/vendor/${file}.js`),
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  plugins: [prismLanguagesInline, lazyHighlightJsLanguages],
}));
const highlighterFilter = new RegExp(
  `^(${Object.keys(HIGHLIGHTERS)
    .map((name) => name.replace(/[./]/g, '\\$&'))
    .join('|')})$`,
);

const requireVendoredByPath = {
  name: 'require-vendored-by-path',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${VENDORED.join('|')})$`) }, (args) => ({ path: `./vendor/${args.path}.js`, external: true }));
    build.onResolve({ filter: highlighterFilter }, (args) => ({ path: `./vendor/${HIGHLIGHTERS[args.path]}.js`, external: true }));
  },
};

/**
 * The seam of src/coreLoader.ts: its `require('./core')` stays a run-time require of dist/core.js, so the
 * extension bundle holds only the adapters and the core is compiled when a feature first needs it.
 */
const loadCoreAtRunTime = {
  name: 'load-core-at-run-time',
  setup(build) {
    const loader = join(root, 'src', 'coreLoader.ts');
    build.onResolve({ filter: /^\.\/core$/ }, (args) => (args.importer === loader ? { path: './core.js', external: true } : undefined));
  },
};

const extensionBundle = {
  ...common,
  entryPoints: [join(root, 'src/extension.ts')],
  outfile: join(root, 'dist/extension.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  plugins: [requireVendoredByPath, loadCoreAtRunTime],
};
const coreBundle = {
  ...common,
  entryPoints: [join(root, 'src/core/index.ts')],
  outfile: join(root, 'dist/core.js'),
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  plugins: [requireVendoredByPath],
};
const bundles = [
  extensionBundle,
  coreBundle,
  {
    ...common,
    entryPoints: [join(root, 'src/cli.ts')],
    outfile: join(root, 'dist/cli.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
    define: { MATHPOST_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
    plugins: [requireVendoredByPath],
  },
  // KaTeX worker threads (src/node/katexPool.ts starts dist/katexWorker.js from the extension and the CLI).
  {
    ...common,
    entryPoints: [join(root, 'src/node/katexWorker.ts')],
    outfile: join(root, 'dist/katexWorker.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    plugins: [requireVendoredByPath],
  },
  {
    ...common,
    entryPoints: [join(root, 'src/webview/main.ts')],
    outfile: join(root, 'dist/webview.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
  },
  ...vendorBundles,
  ...highlighterBundles,
  highlightLanguageFiles,
];

function walk(dir, filter) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path, filter) : filter(path) ? [path] : [];
  });
}

/** KaTeX CSS and only its woff2 fonts: every browser VS Code runs in reads woff2, and the VSIX stays small. */
async function copyKatexAssets() {
  const katexDist = join(root, 'node_modules/katex/dist');
  const target = join(root, 'dist/katex');
  mkdirSync(join(target, 'fonts'), { recursive: true });
  const css = readFileSync(join(katexDist, 'katex.min.css'), 'utf8').replace(
    /src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(,url\([^)]+\) format\("[a-z]+"\))*/g,
    'src:url($1) format("woff2")',
  );
  writeFileSync(join(target, 'katex.min.css'), css);
  for (const font of readdirSync(join(katexDist, 'fonts')).filter((name) => name.endsWith('.woff2'))) {
    cpSync(join(katexDist, 'fonts', font), join(target, 'fonts', font));
  }
  // The editor's hover image embeds fonts subset to a formula's characters (src/core/math/fontSubset.ts),
  // which needs TrueType outlines: woff2 would first need a brotli + glyf-transform decoder.
  mkdirSync(join(target, 'ttf'), { recursive: true });
  for (const font of readdirSync(join(katexDist, 'fonts')).filter((name) => name.endsWith('.ttf'))) {
    cpSync(join(katexDist, 'fonts', font), join(target, 'ttf', font));
  }
  writeFileSync(join(target, 'commands.json'), JSON.stringify(await katexCommands(root)));
}

/**
 * Each feature keeps its translations in l10n/<feature>.zh-cn.json (no merge conflicts between
 * features); VS Code wants one bundle per locale, so they are merged here.
 */
function mergeL10n() {
  const sources = join(root, 'l10n');
  const merged = {};
  for (const file of walk(sources, (p) => p.endsWith('.zh-cn.json'))) {
    Object.assign(merged, JSON.parse(readFileSync(file, 'utf8')));
  }
  mkdirSync(join(root, 'dist/l10n'), { recursive: true });
  writeFileSync(join(root, 'dist/l10n/bundle.l10n.zh-cn.json'), JSON.stringify(merged, null, 1));
}

/** Tests and benchmarks: one CommonJS file per source file in out/, so mocha can load them and `vscode` stays a runtime require. */
async function buildTests() {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const sources = ['src', 'test', 'bench'].flatMap((dir) => walk(join(root, dir), (p) => p.endsWith('.ts') && !p.includes('/webview/')));
  await esbuild.build({
    entryPoints: sources,
    outdir: join(root, 'out'),
    outbase: root,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of ['src', 'test', 'bench'].flatMap((dir) => walk(join(root, dir), (p) => p.endsWith('.json')))) {
    const destination = join(root, 'out', relative(root, file));
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(file, destination);
  }
  await highlighterAsShipped();
}

/**
 * The tests, the fidelity tier and the in-process benchmarks run out/, which would otherwise get hexo-util's
 * highlighter with the full highlight.js from node_modules: they get the shipped one (lazy grammars), built
 * into out/vendor/ the same way, so what they check and time is what the extension and the CLI run.
 */
async function highlighterAsShipped() {
  const shipped = highlighterBundles.find((options) => options.outfile.endsWith('hexo-highlight.js'));
  await esbuild.build({ ...shipped, minify: false, sourcemap: true, outfile: join(root, 'out/vendor/hexo-highlight.js') });
  await esbuild.build({ ...highlightLanguageFiles, minify: false, outdir: join(root, `out/vendor/${HIGHLIGHT_LANGUAGES}`) });
  const libraries = join(root, 'out/src/core/libraries.js');
  const code = readFileSync(libraries, 'utf8');
  const request = 'require("hexo-util/dist/highlight.js")';
  if (!code.includes(request)) throw new Error(`${libraries} no longer has ${request}: update highlighterAsShipped()`);
  writeFileSync(libraries, code.replace(request, 'require("../../vendor/hexo-highlight.js")'));
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
await copyKatexAssets();
mergeL10n();
if (watch) {
  for (const options of bundles) await (await esbuild.context(options)).watch();
  console.log('watching src/ ...');
} else {
  const results = await Promise.all(bundles.map((options) => esbuild.build({ ...options, metafile: true, absWorkingDir: root })));
  // What each bundle was built from, for test/unit/bundles.test.ts: kept outside dist/ (it does not ship) and
  // written in production builds too, since the unit tier's packaging tests rebuild dist/ without source maps.
  mkdirSync(join(root, '.cache', 'build'), { recursive: true });
  results.forEach((result, i) =>
    writeFileSync(join(root, '.cache', 'build', `${basename(bundles[i].outfile ?? bundles[i].outdir)}.meta.json`), JSON.stringify(result.metafile)),
  );
  if (!production) await buildTests();
}
