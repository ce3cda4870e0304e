// `npm run icon`: renders scripts/assets/icon.svg to media/icon.png (128×128, transparent corners) in Debian's
// Chromium through playwright-core. The PNG is committed; test/unit/publish.test.ts checks its IHDR.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './lib/browser.mjs';
import { cacheDir, repoRoot } from './lib/paths.mjs';

const SIZE = 128;
const svg = readFileSync(join(repoRoot, 'scripts/assets/icon.svg'), 'utf8');
const profile = join(cacheDir, 'icon-chromium-profile');
const { context, close } = await launchChromium(profile);
try {
  const page = await context.newPage();
  await page.setViewportSize({ width: SIZE, height: SIZE });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: SIZE, height: SIZE }, omitBackground: true });
  writeFileSync(join(repoRoot, 'media/icon.png'), png);
  console.log(`wrote media/icon.png (${png.length} bytes)`);
} finally {
  await close();
  rmSync(profile, { recursive: true, force: true });
}
