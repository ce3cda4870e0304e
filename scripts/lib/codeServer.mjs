// code-server (VS Code's server + browser workbench from npm) as a local VS Code for tests and `npm start`.
// Facts this relies on are in the project's notes: it needs Node 24, writes to XDG folders and TMPDIR,
// serves /healthz, and keeps an extension host alive per browser session for --reconnection-grace-time.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerEntry, codeServerTmpDir, extensionId, node24, node24BinDir, repoRoot, vsixPath } from './paths.mjs';
import { killStragglers, onCleanup, spawnGroup, stopGroup } from './processes.mjs';
import { runOrThrow } from './run.mjs';

/**
 * User settings for test instances: no AI/chat features (they poll for a GitHub sign-in that cannot happen
 * offline and slow the extension host down), no welcome page, tips, update checks or recommendations.
 */
export const TEST_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  // Sticky scroll paints headings over the first lines of the editor: the mouse would land on the overlay,
  // not on the text the e2e tests hover (seen as a hover that never opened over a half-hidden line).
  'editor.stickyScroll.enabled': false,
  // VS Code in the browser saves after a 1 s delay by default: on a loaded machine a test's typing reached the
  // disk before its revert, and the next test opened a note that no longer had the line it edits.
  'files.autoSave': 'off',
};

/** With workspace trust on: open every folder in Restricted Mode without the start-up trust dialog. */
export const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
};

/**
 * The folders one code-server instance owns: user data, extensions and its XDG config/data homes.
 * `settings` (if given) are written as the user settings.json unless one exists already.
 */
export function codeServerState(stateDir, { settings } = {}) {
  const state = {
    stateDir,
    userDataDir: join(stateDir, 'user-data'),
    extensionsDir: join(stateDir, 'extensions'),
    configHome: join(stateDir, 'config'),
    dataHome: join(stateDir, 'data'),
  };
  for (const dir of [state.userDataDir, state.extensionsDir, state.configHome, state.dataHome]) mkdirSync(dir, { recursive: true });
  const settingsFile = join(state.userDataDir, 'User', 'settings.json');
  if (settings && !existsSync(settingsFile)) {
    mkdirSync(join(state.userDataDir, 'User'), { recursive: true });
    writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  }
  return state;
}

function codeServerEnv(state) {
  return {
    ...process.env,
    PATH: `${node24BinDir}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: state.configHome,
    XDG_DATA_HOME: state.dataHome,
    TMPDIR: codeServerTmpDir(),
  };
}

const folderArgs = (state) => ['--user-data-dir', state.userDataDir, '--extensions-dir', state.extensionsDir];

/** Runs a one-shot code-server CLI command (e.g. --install-extension) with the instance's folders. */
async function codeServerCli(state, args) {
  return runOrThrow(node24, [codeServerEntry, ...folderArgs(state), ...args], { quiet: true, env: codeServerEnv(state), cwd: repoRoot });
}

/** Builds the production bundle and packages the VSIX exactly as `npm run package` does. */
export async function packageVsix() {
  try {
    await runOrThrow('npm', ['run', '--silent', 'package'], { quiet: true, cwd: repoRoot });
  } catch (error) {
    // In a shared checkout another `node scripts/build.mjs` may empty dist/ while vsce reads it; one retry.
    console.error(`packaging failed, retrying once: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    await runOrThrow('npm', ['run', '--silent', 'package'], { quiet: true, cwd: repoRoot });
  }
  if (!existsSync(vsixPath)) throw new Error(`npm run package did not produce ${vsixPath}`);
  return vsixPath;
}

/**
 * Installs the VSIX into the instance's extensions folder; returns the folder the extension was unpacked to
 * (`folderName`: Mathpost's `<id>-<version>` unless another extension is installed, e.g. the bench's floor).
 */
export async function installVsix(state, vsix = vsixPath, folderName = undefined) {
  await codeServerCli(state, ['--force', '--install-extension', vsix]);
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const installed = join(state.extensionsDir, folderName ?? `${extensionId}-${version}`);
  if (!existsSync(join(installed, 'package.json'))) throw new Error(`the VSIX did not install into ${installed}`);
  return installed;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `preferred` when it is free on 127.0.0.1, otherwise a port the OS picks. */
export async function freePort(preferred = 0) {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitHealthy(url, child, logFile, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready; log: ${logFile}\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(new URL('/healthz', url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs} ms; log: ${logFile}\n${tail(logFile)}`);
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts code-server on 127.0.0.1 in its own process group and waits until /healthz answers.
 * `smokeTestDriver` makes the workbench honour the `payload` URL parameter (extension tests), see
 * microsoft/vscode test/integration/browser; it also hides notification toasts, so UI tests go without it.
 * `workspaceTrust` keeps VS Code's workspace trust on (see TRUST_SETTINGS), for Restricted Mode tests.
 * Returns { url, port, logFile, stop } and registers stop() as a clean-up.
 */
export async function startCodeServer(
  state,
  { port = 0, folder, smokeTestDriver = false, workspaceTrust = false, logFile = join(state.stateDir, 'code-server.log'), echo = false },
) {
  const chosenPort = await freePort(port);
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${chosenPort}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    // Tests run trusted unless they test Restricted Mode (`workspaceTrust`: folders then open untrusted).
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    // Without it every closed browser tab leaves an extension host alive for hours.
    '--reconnection-grace-time',
    '30',
    ...folderArgs(state),
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(folder ? [folder] : []),
  ];
  const log = createWriteStream(logFile, { flags: 'w' });
  const child = spawnGroup(node24, args, { env: codeServerEnv(state), cwd: state.stateDir, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log, { end: false });
    if (echo) stream.pipe(process.stderr, { end: false });
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    await stopGroup(child);
    await killStragglers(state.stateDir);
    log.end();
  };
  const unregister = onCleanup(stop);
  const url = `http://127.0.0.1:${chosenPort}/`;
  try {
    await waitHealthy(url, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port: chosenPort, logFile, child, stop };
}
