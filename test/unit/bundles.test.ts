/**
 * The built files as they ship, not the sources: dist/cli.js run as a user runs it, and dist/extension.js
 * loaded and activated with a stand-in `vscode` module to show that activation leaves the core
 * (dist/core.js, reached only through src/coreLoader.ts) and the vendored libraries unloaded. Both depend on
 * scripts/build.mjs having split the bundles correctly, which the per-file tests in out/ cannot see.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
/* eslint-disable @typescript-eslint/no-require-imports -- the test loads the built bundle the way VS Code does */

// out/test/unit/bundles.test.js -> project root
const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const klNote = join(root, 'examples', 'blog', 'source', '_posts', 'kl-divergence.md');

function runCli(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
}

describe('the built CLI (dist/cli.js)', function () {
  this.timeout(60_000);

  it('checks a whole blog and exits 1 on its errors', () => {
    const result = runCli('check', join(root, 'examples', 'blog'));
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /needs-fixes\.md:\d+:\d+ error frontmatter\.date-impossible/);
    assert.match(result.stderr, /3 file\(s\) checked: 2 error\(s\)/);
  });

  it('renders a post with KaTeX and the kl card into one offline file', () => {
    const result = runCli('render', klNote);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /class="katex"/);
    assert.match(result.stdout, /class="mp-kl-card"/);
    assert.match(result.stdout, /url\(data:font\/woff2;base64,/, 'KaTeX fonts embedded');
    assert.doesNotMatch(result.stdout, /url\(["']?fonts\//, 'no font left as a relative link');
  });

  it('evaluates a KL expression', () => {
    const result = runCli('eval', 'kl([0.5, 0.5], [0.9, 0.1])', '--format', 'json');
    assert.equal(result.status, 0, result.stderr);
    const expected = 0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1);
    assert.ok(Math.abs(JSON.parse(result.stdout).value - expected) < 1e-12, result.stdout);
  });

  it('stops quietly when the reader of its output goes away (`| head`)', async () => {
    const child = spawn(process.execPath, [cli, 'render', klNote], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});

/** The source files a bundle was built from: the esbuild metafile the build keeps in .cache/build/ (dev and production). */
function bundledSources(bundle: string): string[] {
  const meta = JSON.parse(readFileSync(join(root, '.cache', 'build', `${bundle}.meta.json`), 'utf8')) as { inputs: Record<string, unknown> };
  return Object.keys(meta.inputs).map((source) => source.replace(/\\/g, '/'));
}

describe('the built extension (dist/extension.js)', () => {
  it('holds the adapters only: a value imported statically from src/core would be bundled into it', () => {
    const adapters = bundledSources('extension.js');
    assert.ok(adapters.includes('src/coreLoader.ts') && adapters.includes('src/vscode/diagnostics.ts'), adapters.join('\n'));
    assert.deepEqual(
      adapters.filter((source) => source.startsWith('src/core/')),
      [],
    );
    // The core bundle is what core() loads: the facade and what it re-exports.
    const coreSources = bundledSources('core.js');
    for (const source of ['src/core/index.ts', 'src/core/checkNote.ts', 'src/core/render/renderNote.ts']) assert.ok(coreSources.includes(source), source);
  });

  it('activates without loading the core or KaTeX, markdown-it and yaml', () => {
    // A stand-in for the `vscode` module: every property is a callable that returns another stand-in.
    const standIn = (): unknown =>
      new Proxy(function () {}, {
        get: (_target, key) => (key === 'prototype' ? {} : standIn()),
        apply: () => standIn(),
        construct: () => standIn() as object,
      });
    const vscodeStandIn: Record<string, unknown> = { __esModule: true };
    for (const name of [
      'CodeActionKind',
      'languages',
      'window',
      'workspace',
      'commands',
      'l10n',
      'Range',
      'Position',
      'Uri',
      'EventEmitter',
      'Disposable',
      'DiagnosticSeverity',
      'DiagnosticTag',
      'ViewColumn',
      'TextEditorRevealType',
      'env',
      'DocumentDropOrPasteEditKind',
    ]) {
      Object.defineProperty(vscodeStandIn, name, { get: standIn, enumerable: true });
    }
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    const loaded: string[] = [];
    Module._load = function (request: string, ...rest: unknown[]) {
      if (request === 'vscode') return vscodeStandIn;
      loaded.push(request);
      return load.call(this, request, ...rest);
    };
    try {
      const extension = require(join(root, 'dist', 'extension.js')) as { activate(context: unknown): unknown };
      const context = { subscriptions: [] as unknown[], extensionUri: standIn(), extensionPath: root };
      assert.ok(extension.activate(context));
      assert.ok(context.subscriptions.length > 5, 'providers and commands were registered');
      const heavy = loaded.filter((request) => /(^|\/)(core|vendor\/\w[\w-]*)\.js$|^(katex|yaml|markdown-it)$/.test(request));
      assert.deepEqual(heavy, []);
    } finally {
      Module._load = load;
    }
  });
});
