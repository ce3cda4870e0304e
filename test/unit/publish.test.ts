import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_FILE_PATTERNS } from './cli/helpers';

// out/test/unit/publish.test.js -> project root
const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk, which must come first (PNG spec, 11.2.2). */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${path} has the PNG signature`);
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', `${path} starts with IHDR`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface VsixTools {
  vsceFileOptions: string[];
  vsixReadme: string;
  readmeForVsix(markdown: string): string;
  writeVsixReadme(): void;
}
const vsixTools = (): Promise<VsixTools> => import(join(root, 'scripts/lib/vsix.mjs'));

describe('ready to publish (icon, manifest, what the VSIX holds)', function () {
  this.timeout(60_000);

  it('has a 128×128 PNG icon, declared in the manifest, and a gallery banner', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    assert.deepEqual(pngSize(join(root, manifest.icon)), { width: 128, height: 128 });
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  });

  it('has no placeholder repository (a real one or none) and finds its runtime translations where it says', () => {
    const url: string | undefined = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    assert.ok(url === undefined || !/example\.|\.invalid|localhost/.test(url), `placeholder repository ${url}`);
    assert.ok(existsSync(join(root, manifest.l10n, 'bundle.l10n.zh-cn.json')), `${manifest.l10n}/bundle.l10n.zh-cn.json exists after the build`);
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'runtime code is bundled into dist/; nothing to install');
  });

  it('`vsce ls` lists only dist/, media/, syntaxes/, the translations, README, CHANGELOG and LICENSE', async () => {
    const { vsceFileOptions, vsixReadme, writeVsixReadme } = await vsixTools();
    writeVsixReadme();
    const ls = spawnSync(join(root, 'node_modules/.bin/vsce'), ['ls', ...vsceFileOptions], { cwd: root, encoding: 'utf8' });
    assert.equal(ls.status, 0, ls.stderr);
    const files = ls.stdout.trim().split('\n');
    const allowed = [...PACKAGE_FILE_PATTERNS.filter((pattern) => !pattern.test('README.md')), new RegExp(`^${vsixReadme.replace(/\./g, '\\.')}$`)];
    assert.deepEqual(
      files.filter((file) => !allowed.some((pattern) => pattern.test(file))),
      [],
      'unexpected files in the VSIX',
    );
    for (const required of [
      'package.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
      vsixReadme,
      'CHANGELOG.md',
      'LICENSE',
      manifest.icon,
      manifest.main.replace(/^\.\//, ''),
      'dist/webview.js',
      'dist/l10n/bundle.l10n.zh-cn.json',
      'syntaxes/kl.tmLanguage.json',
    ]) {
      assert.ok(files.includes(required), `${required} is in the VSIX`);
    }
    assert.ok(!files.includes('README.md'), 'one README only: the VSIX one');
  });

  it('shows screenshots in the README that `npm run screenshots` takes (test/e2e/screenshots.mjs), as PNG files', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const script = readFileSync(join(root, 'test/e2e/screenshots.mjs'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\((docs\/images\/[\w-]+\.png)\)/g)].map((match) => match[1]);
    assert.deepEqual(images.map((image) => image.replace('docs/images/', '')).sort(), ['kl-hover.png', 'preview.png', 'problems.png']);
    for (const image of images) {
      assert.ok(script.includes(`'${image.replace('docs/images/', '')}'`), `${image} is taken by the screenshot script`);
      assert.deepEqual(pngSize(join(root, image)), { width: 1280, height: 800 }, image);
    }
  });

  it('offers a pre-commit hook that runs the package’s own `mathpost check` on Markdown files', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
    const hook = hooks.find((candidate: { id: string }) => candidate.id === 'mathpost-check');
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    const [binary, command] = hook.entry.split(' ');
    assert.ok(binary in manifest.bin, `${binary} is a bin of this package`);
    assert.equal(command, 'check');
    const files = new RegExp(hook.files);
    assert.ok(files.test('source/_posts/kl.md') && !files.test('_config.yml'));
    assert.equal(manifest.scripts.prepack, 'node scripts/build.mjs --production', 'pre-commit installs with npm pack, which must build dist/');
  });

  it('gives the VSIX a README vsce accepts: no relative links or images (the screenshots stay in the repository)', async () => {
    const { readmeForVsix } = await vsixTools();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const packaged = readmeForVsix(readme);
    assert.doesNotMatch(packaged, /\]\((?!https:|#)[^)]*\)/, 'only https and #anchor links remain');
    assert.throws(() => readmeForVsix(`${readme}\n[a link](docs/diagnostics.md)\n`), /relative links/);
  });
});
