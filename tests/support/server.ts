import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const API_DIR = path.join(REPO_ROOT, 'apps', 'api');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The database a real first start filled, once per run (global-setup.ts); servers start on copies. */
    firstStartDb: string;
  }
}

export type RunningServer = {
  url: string;
  dbPath: string;
  output: () => string;
  stop: () => Promise<void>;
};

/** The directories made for servers' databases, removed when this process ends (a test may reopen one before). */
const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-e2e-'));
  made.push(dir);
  return dir;
}

/**
 * Starts the real server exactly as `npm start` does (node + tsx, server.ts) on a free port, in its
 * own process group so that stopping it leaves nothing behind. Without a DB_PATH it works on a copy of
 * the database the run's first start filled (global-setup.ts), unless `fresh` asks for a first start of
 * its own.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { fresh?: boolean } = {},
): Promise<RunningServer> {
  let dbPath = env.DB_PATH;
  if (!dbPath) {
    dbPath = path.join(tempDir(), 'indicate.sqlite');
    // Inside a test run, a copy of the run's first start; outside one (the web benchmark), a first start.
    if (!options.fresh && process.env.VITEST) {
      const { inject } = await import('vitest');
      fs.copyFileSync(inject('firstStartDb'), dbPath);
    }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', DB_PATH: dbPath, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitForUrl(child, () => output);
  return { url, dbPath, output: () => output, stop: () => stop(child) };
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${output()}`)), 90_000);
    const poll = setInterval(() => {
      const match = /running at (http:\/\/localhost:\d+)\//.exec(output());
      if (match) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(match[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(deadline);
      reject(new ServerExited(code, output()));
    });
  });
}

export class ServerExited extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`server exited with code ${code}:\n${output}`);
  }
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function startExpectingFailure(env: Record<string, string>): Promise<ServerExited> {
  try {
    const server = await startServer(env);
    await server.stop();
  } catch (error) {
    if (error instanceof ServerExited) return error;
    throw error;
  }
  throw new Error('the server started');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export const E2E_PASSWORD = 'a long enough test password';

/** Adds a user with `pnpm cli user add`, exactly as an admin would, the password piped in. */
export async function addUser(
  server: RunningServer,
  role: 'viewer' | 'service-lead' | 'analyst' | 'admin',
  options: { email?: string; themes?: string } = {},
): Promise<string> {
  const email = options.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const args = ['--import', 'tsx', 'src/cli.ts', 'user', 'add', '--email', email, '--role', role];
  if (options.themes) args.push('--themes', options.themes);
  const child = spawn(process.execPath, args, {
    cwd: API_DIR,
    env: { ...process.env, DB_PATH: server.dbPath },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin!.end(`${E2E_PASSWORD}\n`);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`user add failed (${code}): ${output}`);
  return email;
}

/** Signs a browser page in through the real POST /api/session; the cookie stays in the page's context. */
export async function signInPage(
  page: { request: { post: (url: string, options: { data: unknown }) => Promise<{ status: () => number }> } },
  server: RunningServer,
  email: string,
): Promise<void> {
  const response = await page.request.post(`${server.url}/api/session`, { data: { email, password: E2E_PASSWORD } });
  if (response.status() !== 200) throw new Error(`sign-in failed with ${response.status()}`);
}

/** A session cookie for plain fetch calls, from the real sign-in route. */
export async function sessionCookie(server: RunningServer, email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: E2E_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed with ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** The current quarter as the tests and the tour use it: Leicestershire's Q1 and Q2 2026/27 (illustrative). */
export const CURRENT_QUARTER_FILE = path.join(REPO_ROOT, 'tests', 'fixtures', 'leicestershire-2026-27-q1-q2.csv');

/** Loads a file with `pnpm cli load`, as an analyst would beside the running server. */
export async function loadFile(server: RunningServer, file: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'load', file, '--by', 'an analyst'], {
    cwd: API_DIR,
    env: { ...process.env, DB_PATH: server.dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load failed (${code}): ${output}`);
}
