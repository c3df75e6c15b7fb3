import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeSyntheticTemplate } from '../../apps/api/bench/generate.ts';
import { API_DIR, tempDir } from '../support/server.ts';

const ROWS = 150_000;

function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: API_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = Date.now();
  const done = new Promise<{ code: number | null; signal: string | null; ms: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started })),
  );
  return { child, done };
}

function state(dbPath: string): { integrity: string; observations: number; loads: number } {
  const db = new Database(dbPath);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      observations: (db.prepare('select count(*) as n from observations').get() as { n: number }).n,
      loads: (db.prepare('select count(*) as n from loads').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('a load killed with SIGKILL part-way', () => {
  it('leaves the database exactly as before or exactly as after, never in between, and sound', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'indicate.sqlite');
    const file = path.join(dir, 'big.csv');
    const env = { DB_PATH: dbPath };
    expect((await cli(['loads'], env).done).code).toBe(0);
    const las = new Database(dbPath, { readonly: true })
      .prepare('select old_la_code from local_authorities')
      .pluck()
      .all() as string[];
    await writeSyntheticTemplate(file, ROWS, las);

    // How long a whole load takes here, on a copy, so the kills can be spread over its life.
    const timing = cli(['load', file, '--confirm'], { DB_PATH: path.join(dir, 'timing.sqlite') });
    const full = await timing.done;
    expect(full.code).toBe(0);

    const outcomes: string[] = [];
    for (const fraction of [0.3, 0.6, 0.8, 0.9, 0.95, 0.98, 1.0]) {
      const run = cli(['load', file, '--confirm'], env);
      setTimeout(() => run.child.kill('SIGKILL'), Math.floor(full.ms * fraction));
      const exit = await run.done;
      const after = state(dbPath);
      expect(after.integrity).toBe('ok');
      // All or nothing: either no figure arrived or every one of them did.
      expect([0, ROWS]).toContain(after.observations);
      outcomes.push(`${fraction}: ${exit.signal ?? `exit ${exit.code}`} -> ${after.observations}`);
      if (after.observations === ROWS) break;
    }
    // Finishing the load afterwards works and leaves exactly one copy of each figure.
    const finish = await cli(['load', file, '--confirm'], env).done;
    expect(finish.code).toBe(0);
    expect(state(dbPath)).toMatchObject({ integrity: 'ok', observations: ROWS });
    expect(outcomes.length).toBeGreaterThan(0);
  }, 240_000);
});
