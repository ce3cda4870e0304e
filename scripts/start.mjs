// `npm start`: build and package the VSIX, install it into a local VS Code (code-server on 127.0.0.1) and
// open examples/blog there. Stays in the foreground; Ctrl+C (or SIGTERM) stops the server and everything
// it started. Port: $PORT, else 8080, else any free one.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEST_SETTINGS, codeServerState, installVsix, packageVsix, startCodeServer } from './lib/codeServer.mjs';
import { cacheDir, exampleBlog, repoRoot } from './lib/paths.mjs';
import { onCleanup, runCleanups, setExitCodeAfterSignal } from './lib/processes.mjs';
import { logPath } from './lib/workspace.mjs';
import { ensureTools } from './setup-tools.mjs';

/** Offline-friendly defaults for a first start; a settings.json the user has since edited is kept. */
const START_SETTINGS = Object.fromEntries(Object.entries(TEST_SETTINGS).filter(([key]) => key !== 'git.enabled' && key !== 'editor.stickyScroll.enabled'));

async function main() {
  if (!existsSync(exampleBlog)) throw new Error(`${exampleBlog} is missing: the example blog is part of the repository`);
  const requestedPort = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number`);

  console.log('start: setting up Node 24 and code-server in .cache/tools (a no-op once done) ...');
  await ensureTools({ chromium: false });
  console.log('start: building and packaging the VSIX (npm run package) ...');
  const vsix = await packageVsix();
  // One persistent instance folder, so settings and open editors survive between starts.
  const state = codeServerState(join(cacheDir, 'start'), { settings: START_SETTINGS });
  console.log(`start: installing ${relative(repoRoot, vsix)} into code-server ...`);
  await installVsix(state, vsix);
  const server = await startCodeServer(state, { port: requestedPort, folder: exampleBlog, logFile: logPath('start-code-server.log') });
  if (server.port !== requestedPort && requestedPort !== 0) console.log(`start: port ${requestedPort} is taken, using ${server.port}`);
  setExitCodeAfterSignal(0);
  // Registered after the server, so it runs first on Ctrl+C: the server's exit is then expected.
  let stopRequested = false;
  onCleanup(() => {
    stopRequested = true;
    console.log('start: stopping code-server ...');
  });
  console.log(
    `\nMathpost is installed in VS Code (code-server) with ${relative(repoRoot, exampleBlog)} open:\n\n    ${server.url}?folder=${encodeURI(exampleBlog)}\n`,
  );
  console.log(`Open that URL in a browser on this machine. Server log: ${relative(repoRoot, server.logFile)}. Press Ctrl+C to stop.`);
  const exitCode = await new Promise((resolve) => server.child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  if (stopRequested) return new Promise(() => {}); // the signal handler finishes the clean-up and exits
  console.error(`code-server stopped by itself (exit code ${exitCode}); see ${server.logFile}`);
  await server.stop();
  return exitCode === 0 ? 1 : exitCode;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`start failed: ${error instanceof Error ? error.message : error}`);
  await runCleanups();
  process.exitCode = 1;
}
