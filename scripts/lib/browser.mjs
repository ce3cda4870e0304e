// Debian's Chromium driven by playwright-core (Playwright's own browser download is not reachable here).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';
import { onCleanup } from './processes.mjs';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A headless Chromium with a fresh profile in `userDataDir`; closed by the returned close() or on any exit path.
 * `env` adds environment variables for the browser only (the screenshots give it a CJK font through fontconfig).
 * Returns { context, close }.
 */
export async function launchChromium(userDataDir, { env } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium package (apt-get install chromium)`);
  mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await context.close().catch(() => {});
  };
  const unregister = onCleanup(close);
  return { context, close };
}
