// Runs a command to completion with its output shown, for set-up and build steps.
import { spawn } from 'node:child_process';

/** Resolves with the exit code (never rejects on a non-zero exit); `quiet` collects output instead of showing it. */
export function runCommand(command, args, { quiet = false, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), signal, output }));
  });
}

/** Like runCommand but throws with the command line (and captured output) when it fails. */
export async function runOrThrow(command, args, options = {}) {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const tail = result.output ? `\n${result.output.split('\n').slice(-30).join('\n')}` : '';
    throw new Error(`\`${[command, ...args].join(' ')}\` failed with exit code ${result.code}${tail}`);
  }
  return result;
}
