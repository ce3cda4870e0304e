// `npm run screenshots`: the README's pictures, taken by the e2e harness from the packaged VSIX running in
// code-server + Chromium, as a person sees it (nothing drawn by hand). Writes docs/images/*.png (committed).
// Each picture is taken only once what it shows is there (the formulas rendered, the problem listed, the hover
// settled with the value), so a broken feature fails this script instead of producing a wrong picture.
//   MATHPOST_TOOLS_DIR=… node test/e2e/screenshots.mjs [--vsix <file>]   (without --vsix it runs `npm run package`)
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageVsix } from '../../scripts/lib/codeServer.mjs';
import { cacheDir, repoRoot } from '../../scripts/lib/paths.mjs';
import { runOrThrow } from '../../scripts/lib/run.mjs';
import { openWorkbench, startHarness, stopHarness } from './harness.mjs';
import { waitUntil } from './workbench.mjs';

export const SCREENSHOT_SIZE = { width: 1280, height: 800 };
const KL_POST = 'source/_posts/kl-divergence.md';
const klPostLines = readFileSync(join(repoRoot, 'examples/blog', KL_POST), 'utf8').split('\n');
const lineOf = (text) => klPostLines.findIndex((line) => line.includes(text)) + 1;
const outputFolder = join(repoRoot, 'docs', 'images');

const SHOTS = {
  /** The live preview beside the note: KaTeX, the kl result card, the Butterfly note tag. */
  async 'preview.png'(workbench) {
    await workbench.openFileFromExplorer(KL_POST);
    await workbench.runCommand('View: Close Primary Side Bar');
    await workbench.runCommand('Mathpost: Open Preview to the Side');
    const frame = await workbench.webviewFrame('Gibbs');
    await waitUntil(async () => (await frame.locator('.katex').count()) > 10, 'KaTeX formulas in the preview');
    await frame.locator('.mp-kl-card').first().waitFor();
    await workbench.page.keyboard.press('Control+1');
    await workbench.goToLine(lineOf('## 定义'));
  },
  /** A post with mistakes Hexo would swallow, listed in the Problems panel. */
  async 'problems.png'(workbench) {
    await workbench.openFileFromExplorer('source/_posts/needs-fixes.md');
    await workbench.waitForProblem(/2025-02-30 does not exist/);
    await workbench.waitForProblem(/KaTeX/);
  },
  /** The hover over a kl line: the value in nats and bits, the formula, the terms. */
  async 'kl-hover.png'(workbench) {
    await workbench.openFileFromExplorer(KL_POST);
    await workbench.goToLine(lineOf('kl(P, Q)'));
    const expected = (0.5 * Math.log(1.25) + 0.3 * Math.log(0.75)).toFixed(6);
    const hover = await workbench.hoverText('kl(');
    assert.ok(hover.includes(expected), `the hover shows ${expected}: ${hover}`);
  },
};

/**
 * The notes are in Chinese, and a machine without a CJK font draws them as empty boxes. Rather than install a font
 * system-wide (it would change what every other browser test on the machine sees), Debian's WenQuanYi Micro Hei
 * package is unpacked into .cache/ and given to this Chromium alone through a fontconfig file.
 */
async function cjkFontEnvironment() {
  const folder = join(cacheDir, 'screenshot-fonts');
  const fonts = join(folder, 'package', 'usr', 'share', 'fonts');
  if (!existsSync(fonts)) {
    mkdirSync(folder, { recursive: true });
    await runOrThrow('apt-get', ['download', 'fonts-wqy-microhei'], { cwd: folder, quiet: true });
    const deb = readdirSync(folder).find((name) => name.endsWith('.deb'));
    await runOrThrow('dpkg-deb', ['-x', join(folder, deb), join(folder, 'package')], { quiet: true });
  }
  const config = join(folder, 'fonts.conf');
  writeFileSync(
    config,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${fonts}</dir>
  <cachedir>${join(folder, 'cache')}</cachedir>
</fontconfig>
`,
  );
  return { FONTCONFIG_FILE: config };
}

export async function takeScreenshots({ vsix } = {}) {
  mkdirSync(outputFolder, { recursive: true });
  const browserEnv = await cjkFontEnvironment();
  // code-server would open an empty secondary side bar (the chat view's place) beside the editors.
  const settings = { 'workbench.secondarySideBar.defaultVisibility': 'hidden' };
  await startHarness(vsix ?? (await packageVsix()), { browserEnv, settings });
  try {
    for (const [name, stage] of Object.entries(SHOTS)) {
      const workbench = await openWorkbench();
      try {
        await workbench.page.setViewportSize(SCREENSHOT_SIZE);
        await stage(workbench);
        // Away from anything with a tooltip, except where the hover is the picture.
        if (name !== 'kl-hover.png') await workbench.page.mouse.move(5, 5);
        // Let the last layout and fade-in animations finish before the picture.
        await workbench.page.waitForTimeout(800);
        await workbench.page.screenshot({ path: join(outputFolder, name) });
        console.log(`wrote docs/images/${name}`);
      } finally {
        await workbench.close();
      }
    }
  } finally {
    await stopHarness();
  }
}

const option = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
await takeScreenshots({ vsix: option('--vsix') });
