import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleBlogCopy, PACKAGE_FILE_PATTERNS, repoRoot, runBuiltCli } from './helpers';

function run(command: string, args: readonly string[], options: SpawnSyncOptions): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('the npm tarball: `npm pack`, installed offline into an empty folder, runs `mathpost check`', function () {
  this.timeout(60_000);
  let copy: ReturnType<typeof exampleBlogCopy>;
  let packed: { filename: string; files: Array<{ path: string }> };

  before(() => {
    copy = exampleBlogCopy();
    // --ignore-scripts: `prepack` would make a production build in dist/ under the other tests' feet; the files
    // packed are the same (package.json "files"), only not minified.
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', copy.folder], { cwd: repoRoot });
    assert.equal(pack.status, 0, pack.stderr);
    [packed] = JSON.parse(pack.stdout);
  });
  after(() => copy.dispose());

  it('holds dist/cli.js and what it loads (vendor bundles, KaTeX CSS and fonts, preview CSS), and nothing else', () => {
    const paths = packed.files.map((file) => file.path);
    for (const required of [
      'dist/cli.js',
      'dist/katexWorker.js',
      'dist/vendor/katex.js',
      'dist/vendor/markdown-it.js',
      'dist/vendor/yaml.js',
      'dist/vendor/hexo-highlight.js',
      'dist/vendor/highlight-languages/python.js',
      'dist/katex/katex.min.css',
      'dist/katex/fonts/KaTeX_Main-Regular.woff2',
      'media/preview.css',
      'media/butterfly.css',
    ]) {
      assert.ok(paths.includes(required), `${required} is packed`);
    }
    assert.deepEqual(
      paths.filter((path) => !PACKAGE_FILE_PATTERNS.some((pattern) => pattern.test(path))),
      [],
      'nothing that does not belong (sources, tests, maps, examples)',
    );
  });

  it('installs with `npm install --offline` (no runtime dependencies) and checks a blog exactly as the built CLI does', () => {
    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(copy.folder, packed.filename)], { cwd: copy.folder });
    assert.equal(install.status, 0, install.stderr);
    const installed = readdirSync(join(copy.folder, 'node_modules')).filter((name) => !name.startsWith('.'));
    assert.deepEqual(installed, ['mathpost'], 'nothing but mathpost itself is installed');
    const manifest = JSON.parse(readFileSync(join(copy.folder, 'node_modules/mathpost/package.json'), 'utf8'));
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'every runtime dependency is bundled into dist/');

    const check = run('npx', ['--no-install', 'mathpost', 'check', 'blog'], { cwd: copy.folder });
    const reference = runBuiltCli(['check', 'blog'], copy.folder);
    assert.equal(check.status, 1, `errors found → exit 1\n${check.stderr}`);
    assert.match(check.stdout, /^blog\/source\/_posts\/needs-fixes\.md:3:7 error frontmatter\.date-impossible /m);
    assert.equal(check.stdout, reference.stdout);
    assert.equal(check.stderr, reference.stderr);

    const render = run('npx', ['--no-install', 'mathpost', 'render', 'blog/source/_posts/kl-divergence.md', '-o', 'kl.html'], { cwd: copy.folder });
    assert.equal(render.status, 0, render.stderr);
    const html = readFileSync(join(copy.folder, 'kl.html'), 'utf8');
    assert.match(html, /url\(data:font\/woff2;base64,/, 'the KaTeX fonts from the tarball are embedded');
    assert.match(html, /class="katex"/);
  });
});
