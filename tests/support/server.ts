import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const API_DIR = path.join(REPO_ROOT, 'apps', 'api');

export type RunningServer = {
  url: string;
  dbPath: string;
  output: () => string;
  stop: () => Promise<void>;
};

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-e2e-'));
}

/**
 * Starts the real server exactly as `npm start` does (node + tsx, server.ts) on a free port, in its
 * own process group so that stopping it leaves nothing behind.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dbPath = env.DB_PATH ?? path.join(tempDir(), 'indicate.sqlite');
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
    const deadline = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output()}`)), 30_000);
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
