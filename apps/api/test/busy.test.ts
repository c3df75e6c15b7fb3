import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUSY_MESSAGE } from '../src/db/client.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { freshStore, tempDir } from './helpers.ts';
import { liveServer, pollHealth } from './live-server.ts';

/**
 * Two writers at once: the command line (another process) while a write transaction is open on the
 * same database. It waits for the lock (busy_timeout), and when the lock does not come it says so in
 * one line with a non-zero exit code, instead of dying with a raw SQLITE_BUSY stack trace.
 */

const API = path.resolve(import.meta.dirname, '..');
const CSV =
  'indicator,time_period,time_identifier,geographic_level,old_la_code,value\nplacements-3-or-more,201819,Financial year Q1,Local authority,855,8.3\n';

function cli(dbPath: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: API,
      env: { ...process.env, DB_PATH: dbPath },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function storeWithOneLoad() {
  const store = freshStore();
  const file = path.join(tempDir(), 'q1.csv');
  fs.writeFileSync(file, CSV);
  const report = await runLoad(store.db, store.catalogue, {
    path: file,
    fileName: 'q1.csv',
    loadedBy: 't',
    dryRun: false,
  });
  const other = path.join(tempDir(), 'q4.csv');
  fs.writeFileSync(other, CSV.replace('Q1', 'Q4'));
  return { store, loadId: report.loadId!, other };
}

describe('a write while another connection holds the write lock', () => {
  it('from the CLI: a clear one-line message and exit code 1 once the lock does not come', async () => {
    const { store, loadId, other } = await storeWithOneLoad();
    const holder = new Database(store.dbPath);
    holder.exec('begin immediate');
    try {
      const [revert, load] = await Promise.all([
        cli(store.dbPath, 'revert', String(loadId)),
        cli(store.dbPath, 'load', other),
      ]);
      for (const result of [revert, load]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(`${BUSY_MESSAGE}\n`);
        expect(result.stderr).not.toMatch(/SQLITE_BUSY|\n\s+at /);
      }
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect(store.db.$client.prepare('select state from loads where id = ?').pluck().get(loadId)).toBe('committed');
  }, 60_000);

  it('from the CLI: waits for a lock held briefly, then succeeds', async () => {
    const { store, loadId } = await storeWithOneLoad();
    const holder = new Database(store.dbPath);
    holder.exec('begin immediate');
    const running = cli(store.dbPath, 'revert', String(loadId));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    holder.exec('commit');
    holder.close();
    const result = await running;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(store.db.$client.prepare('select state from loads where id = ?').pluck().get(loadId)).toBe('reverted');
  }, 60_000);

  it('from the server: a revert waits on its worker thread while other requests are answered', async () => {
    const server = await liveServer();
    const load = await server.post('/api/loads', CSV, { 'content-type': 'text/csv' });
    const { loadId } = (await load.json()) as { loadId: number };
    const holder = new Database(server.store.dbPath);
    holder.exec('begin immediate');
    const health = pollHealth(server.base, 50);
    const revert = server.post(`/api/loads/${loadId}/revert`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    holder.exec('commit');
    holder.close();
    expect((await revert).status).toBe(200);
    const polled = await health.stop();
    expect(polled.failures).toBe(0);
    expect(polled.latencies.length).toBeGreaterThan(10);
    expect(Math.max(...polled.latencies)).toBeLessThan(1000);
  }, 60_000);
});
