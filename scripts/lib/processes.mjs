// Child processes that must never outlive the script that started them (code-server and everything it
// forks). Each runs in its own process group so one signal reaches the whole tree, and every stop is
// registered as a clean-up that also runs on Ctrl+C, SIGTERM and uncaught errors.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const cleanups = [];
/** Process groups still running; the synchronous 'exit' fallback kills these if a clean-up never ran. */
const liveGroups = new Set();
let handlersInstalled = false;
let cleaningUp;
/** Exit code after a signal-triggered clean-up; undefined = the usual 128 + signal number. */
let exitCodeAfterSignal;

/** `npm start` treats Ctrl+C as the normal way to stop, so it exits 0 (npm would otherwise report a failure). */
export function setExitCodeAfterSignal(code) {
  exitCodeAfterSignal = code;
}

/** Registers an async clean-up; returns a function that unregisters it. Clean-ups run newest first. */
export function onCleanup(fn) {
  installSignalHandlers();
  cleanups.push(fn);
  return () => {
    const index = cleanups.indexOf(fn);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

export function runCleanups() {
  cleaningUp ??= (async () => {
    while (cleanups.length > 0) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        console.error(`clean-up failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  })().finally(() => {
    cleaningUp = undefined;
  });
  return cleaningUp;
}

function installSignalHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const exitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(exitCodes)) {
    process.on(signal, () => {
      console.error(`\n${signal} received: stopping what this script started ...`);
      runCleanups().finally(() => process.exit(exitCodeAfterSignal ?? code));
    });
  }
  // Last resort when the process exits without awaiting its clean-ups (process.exit, a crash).
  process.on('exit', () => {
    for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  });
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pgid) {
  return signalGroup(pgid, 0);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a command as the leader of a new process group (like `setsid`). */
export function spawnGroup(command, args, options = {}) {
  installSignalHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    liveGroups.add(child.pid);
    child.once('exit', () => {
      // The leader is gone but its children may live on in the group: keep tracking until stopGroup says so.
      if (!groupAlive(child.pid)) liveGroups.delete(child.pid);
    });
  }
  return child;
}

/**
 * SIGTERM to the whole group, then wait until no member is left; SIGKILL after `graceMs`.
 * code-server's children need 3-8 s to exit after SIGTERM (measured), hence the generous default.
 */
export async function stopGroup(child, { graceMs = 15000 } = {}) {
  const pgid = child.pid;
  if (pgid === undefined) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    console.error(`process group ${pgid} still alive after ${graceMs} ms: SIGKILL`);
    signalGroup(pgid, 'SIGKILL');
    const killDeadline = Date.now() + 5000;
    while (groupAlive(pgid) && Date.now() < killDeadline) await sleep(100);
  }
  liveGroups.delete(pgid);
}

/** Process ids whose command line contains `marker` (a run folder only our own processes mention). */
export function processesMentioning(marker) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (commandLine.includes(marker)) found.push(Number(entry));
    } catch {
      // the process exited while we looked
    }
  }
  return found;
}

/**
 * Safety net after stopGroup: anything that left the group (e.g. a terminal started with setsid) but still
 * names this run's private folder was started by us; kill it by pid.
 */
export async function killStragglers(marker) {
  const pids = processesMentioning(marker);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (pids.length > 0) {
    console.error(`killed ${pids.length} leftover process(es) of ${marker}: ${pids.join(', ')}`);
    await sleep(200);
  }
  return pids.length;
}
