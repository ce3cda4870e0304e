// Sets up what the integration and e2e tiers (and `npm start`) need, into the git-ignored .cache/tools:
// Node 24 and code-server from npm, Debian's chromium and libkrb5-dev with apt (root only).
// Idempotent: a finished set-up is recognised by a marker written after verification, so reruns take ms.
//   node scripts/setup-tools.mjs            everything
//   import { ensureTools } from './setup-tools.mjs'; await ensureTools({ chromium: false })
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CODE_SERVER_VERSION,
  NODE24_SPEC,
  chromiumPath,
  codeServerDir,
  codeServerEntry,
  codeServerPackageDir,
  node24,
  node24BinDir,
  node24Dir,
  node24PackageDir,
} from './lib/paths.mjs';
import { runCommand, runOrThrow } from './lib/run.mjs';

/**
 * The environment for a nested npm. The outer `npm test` exports its own state as npm_* variables; some would
 * mislead the inner npm (its user agent says node/v20, which code-server's postinstall reads to refuse anything
 * but Node 24; local_prefix names this repository), so drop those. Registry, proxy, cafile and cache settings stay.
 */
const OUTER_NPM_STATE =
  /^npm_(config_(user_agent|local_prefix|prefix|global_prefix|nodedir|node_gyp|npm_version|call)|package_.*|lifecycle_.*|command|execpath|node_execpath)$/i;
function cleanNpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OUTER_NPM_STATE.test(key)));
  return { ...env, ...extra };
}

function nodeVersion(binary) {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export async function ensureNode24() {
  if (nodeVersion(node24)?.startsWith('v24.')) return;
  console.log(`setup: installing Node 24 (${NODE24_SPEC}) into ${node24Dir} ...`);
  mkdirSync(node24Dir, { recursive: true });
  await runOrThrow('npm', ['install', '--prefix', node24Dir, '--no-audit', '--no-fund', NODE24_SPEC], { env: cleanNpmEnv() });
  const version = nodeVersion(node24);
  if (!version?.startsWith('v24.')) throw new Error(`Node 24 did not install: ${node24} reports ${version ?? 'nothing'}`);
}

function debianPackageInstalled(name) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
  } catch {
    return false;
  }
}

const commandExists = (name) => runCommand('sh', ['-c', `command -v ${name}`], { quiet: true }).then((r) => r.code === 0);

/**
 * Installs missing Debian packages when root; otherwise fails naming them.
 * libkrb5-dev: code-server's `kerberos` addon compiles against gssapi headers. The compilers are needed by
 * the same native addons and are usually present, but a minimal image may lack them.
 */
export async function ensureDebianPackages({ chromium = true, buildTools = true } = {}) {
  const missing = [];
  if (chromium && !existsSync(chromiumPath)) missing.push('chromium');
  if (buildTools) {
    if (!debianPackageInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
    for (const [command, pkg] of [
      ['g++', 'g++'],
      ['make', 'make'],
      ['python3', 'python3'],
    ]) {
      if (!(await commandExists(command))) missing.push(pkg);
    }
  }
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}. Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`setup: apt-get install ${missing.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh machine may still be running its own apt jobs at boot: wait for the lock instead of failing.
  const waitForLock = ['-o', 'DPkg::Lock::Timeout=600'];
  await runOrThrow('apt-get', [...waitForLock, 'update'], { env });
  await runOrThrow('apt-get', [...waitForLock, 'install', '-y', ...missing], { env });
}

const codeServerMarker = join(codeServerDir, '.mathpost-setup-done');

/** What code-server's postinstall (lib/vscode `npm install`) produces; npm may skip that script, so check it. */
function postinstallProducts() {
  const vscode = join(codeServerPackageDir, 'lib', 'vscode');
  return [
    join(vscode, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
    join(vscode, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    join(vscode, 'bin', 'remote-cli', 'code-server'),
  ];
}

function pathExists(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export async function ensureCodeServer() {
  if (existsSync(codeServerEntry) && existsSync(codeServerMarker) && readFileSync(codeServerMarker, 'utf8').trim() === CODE_SERVER_VERSION) return;
  await ensureNode24();
  const env = cleanNpmEnv({ PATH: `${node24BinDir}:${process.env.PATH ?? ''}`, npm_config_nodedir: node24PackageDir });
  if (!existsSync(codeServerEntry) || !postinstallProducts().every(pathExists)) {
    console.log(`setup: installing code-server@${CODE_SERVER_VERSION} into ${codeServerDir} (about 2-3 minutes: it compiles native addons) ...`);
    mkdirSync(codeServerDir, { recursive: true });
    // npm 11 only warns about (and may one day block) install scripts not listed in allowScripts.
    writeFileSync(
      join(codeServerDir, 'package.json'),
      `${JSON.stringify(
        {
          private: true,
          dependencies: { 'code-server': CODE_SERVER_VERSION },
          allowScripts: { 'code-server': true, argon2: true },
        },
        null,
        2,
      )}\n`,
    );
    await runOrThrow('npm', ['install', '--prefix', codeServerDir, '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], { env });
  }
  if (!postinstallProducts().every(pathExists)) {
    // The postinstall was skipped (install-script policy): run it the way npm would have.
    console.log("setup: running code-server's postinstall (native addons) ...");
    const npmVersion = execFileSync('npm', ['--version'], { env, encoding: 'utf8' }).trim();
    await runOrThrow('sh', ['./postinstall.sh'], {
      cwd: codeServerPackageDir,
      env: { ...env, npm_config_user_agent: `npm/${npmVersion} node/${nodeVersion(node24)} linux x64` },
    });
  }
  const missing = postinstallProducts().filter((path) => !pathExists(path));
  if (missing.length > 0) throw new Error(`code-server's native addons were not built; missing: ${missing.join(', ')}`);
  // Even --version writes a default config.yaml on first use: point its XDG folders into the cache, not ~.
  const probeHome = join(codeServerDir, '.version-check');
  const probeEnv = { ...env, XDG_CONFIG_HOME: join(probeHome, 'config'), XDG_DATA_HOME: join(probeHome, 'data') };
  const output = (await runOrThrow(node24, [codeServerEntry, '--version'], { quiet: true, env: probeEnv })).output;
  // The version line reads "4.139.1 <commit> with Code 1.139.1"; log lines may precede it.
  const version = output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^\d+\.\d+\.\d+ /.test(line));
  if (!version?.startsWith(`${CODE_SERVER_VERSION} `))
    throw new Error(`code-server does not report version ${CODE_SERVER_VERSION}; it printed: ${output.trim()}`);
  writeFileSync(codeServerMarker, `${CODE_SERVER_VERSION}\n`);
}

/** Everything the VS Code tiers need. `chromium: false` for the integration tier run through code-server only. */
export async function ensureTools({ chromium = true } = {}) {
  const started = Date.now();
  await ensureDebianPackages({ chromium, buildTools: !existsSync(codeServerMarker) });
  await ensureNode24();
  await ensureCodeServer();
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 2) console.log(`setup: done in ${seconds.toFixed(0)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await ensureTools();
    console.log(`setup: ready (Node ${nodeVersion(node24)}, code-server ${CODE_SERVER_VERSION}, ${chromiumPath})`);
  } catch (error) {
    console.error(`setup failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
