// Installs whatever a fresh machine lacks, using only Node's own modules (nothing else is there yet).
// Used by `npm start` and `npm test`; each step is skipped when already done.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12.21.0';
export const CHROMIUM = '/usr/bin/chromium';

function say(message) {
  console.log(`[indicate] ${message}`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

function output(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** pnpm pinned here, not in package.json: pnpm 12 with a packageManager field fails intermittently. */
export function ensurePnpm() {
  if (output('pnpm', ['--version']) === PNPM_VERSION) return;
  say(`installing pnpm ${PNPM_VERSION}`);
  // --force replaces a corepack shim; corepack itself cannot fetch here.
  run('npm', ['install', '--global', '--force', `pnpm@${PNPM_VERSION}`]);
}

/** Dependencies from the committed lockfile. better-sqlite3 compiles against the local Node headers. */
export function ensureDependencies() {
  say('installing dependencies (the first time compiles better-sqlite3, about a minute)');
  const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' };
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { env });
}

export function buildWeb() {
  say('building the dashboard');
  run('pnpm', ['--filter', '@indicate/web', 'build']);
}

/** Debian's Chromium for the browser tests (a test tool's own browser download cannot work here). */
export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  say('installing Chromium from Debian packages for the browser tests');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args) => (root ? run('apt-get', args, { env }) : run('sudo', ['apt-get', ...args], { env }));
  apt('update');
  apt('install', '-y', 'chromium');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium did not install at ${CHROMIUM}`);
}

export function main(steps) {
  try {
    for (const step of steps) step();
  } catch (error) {
    console.error(`[indicate] set-up failed: ${error.message}`);
    process.exit(1);
  }
}
