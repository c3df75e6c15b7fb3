import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  API_DIR,
  E2E_PASSWORD,
  sessionCookie,
  startServer,
  tempDir,
  type RunningServer,
} from '../support/server.ts';

/** Runs `pnpm cli ...` as an analyst would (node + tsx on src/cli.ts), against the given database. */
function cli(args: string[], dbPath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: API_DIR,
    env: { ...process.env, DB_PATH: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const HEADER =
  'indicator,time_period,time_identifier,geographic_level,old_la_code,new_la_code,la_name,region_code,value,numerator,denominator,status,note';

function count(dbPath: string, sql: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the CLI beside a running server', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer();
    dir = tempDir();
  }, 60_000);
  afterAll(() => server?.stop());

  it('the first start loaded the papers, the target they state included', () => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      expect(
        db
          .prepare("select value, source_ref from targets where indicator_id = 'adoption-a2-days' and la_code = '855'")
          .all(),
      ).toEqual([{ value: 121, source_ref: 'seeds/001 line 1306' }]);
    } finally {
      db.close();
    }
  });

  it('a broken file: exit code 1, the errors on stdout with their rows, nothing written', async () => {
    const before = count(server.dbPath, 'select count(*) as n from loads');
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(
      file,
      `${HEADER}\nplacements-3-or-more,201920,Financial year Q1,Local authority,855,,,,9.1,60,50,final,\n`,
    );
    const result = await cli(['load', file], server.dbPath);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/row 2/i);
    expect(result.stdout).toMatch(/numerator/);
    expect(count(server.dbPath, 'select count(*) as n from loads')).toBe(before);
  }, 30_000);

  it('a dry run writes nothing; the load itself is then served by the running API', async () => {
    const file = path.join(dir, 'q1-2019.csv');
    fs.writeFileSync(
      file,
      `${HEADER}\nplacements-3-or-more,201920,Financial year Q1,Local authority,855,,,,9.1,50,550,final,\n`,
    );
    const dry = await cli(['load', file, '--dry-run'], server.dbPath);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/new:?\s+1/i);
    const rows = "select count(*) as n from observations where period_id = '2019-20-Q1'";
    expect(count(server.dbPath, rows)).toBe(0);
    const real = await cli(['load', file, '--by', 'an analyst'], server.dbPath);
    expect(real.code).toBe(0);
    expect(count(server.dbPath, rows)).toBe(1);
    const cookie = await sessionCookie(server, await addUser(server, 'analyst'));
    const loads = (await (await fetch(`${server.url}/api/loads`, { headers: { cookie } })).json()) as Array<{
      fileName: string;
      loadedBy: string;
    }>;
    expect(loads[0]).toMatchObject({ fileName: 'q1-2019.csv', loadedBy: 'an analyst' });
  }, 30_000);

  it('a long --json report arrives whole through a pipe (past 64 KB)', async () => {
    const file = path.join(dir, 'many.csv');
    const db = new Database(server.dbPath, { readonly: true });
    const las = (
      db.prepare('select old_la_code as code from local_authorities limit 40').all() as Array<{ code: string }>
    ).map((r) => r.code);
    db.close();
    const rows = las.flatMap((la) =>
      [1, 2, 3, 4].map((q) => `cp-repeat-plans,201920,Financial year Q${q},Local authority,${la},,,,1${q},,,final,`),
    );
    fs.writeFileSync(
      file,
      [HEADER, ...rows, ...rows.map((r) => r.replace('cp-repeat-plans', 'rereferrals-12-months'))].join('\n') + '\n',
    );
    const dry = await cli(['load', file, '--dry-run', '--json'], server.dbPath);
    expect(dry.code).toBe(0);
    expect(dry.stdout.length).toBeGreaterThan(0);
    const report = JSON.parse(dry.stdout) as { judgements: unknown[]; counts: { rowsRead: number } };
    expect(dry.stdout.length).toBeGreaterThan(65_536);
    expect(report.counts.rowsRead).toBe(rows.length * 2);
    expect(report.judgements).toHaveLength(rows.length * 2);
  }, 30_000);

  it('backup makes a sound, complete copy while the server runs, and will not overwrite a file', async () => {
    const destination = path.join(dir, 'copy.sqlite');
    const result = await cli(['backup', destination], server.dbPath);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('integrity: ok');
    for (const table of ['observations', 'loads', 'targets', 'local_authorities']) {
      const sql = `select count(*) as n from ${table}`;
      expect(count(destination, sql)).toBe(count(server.dbPath, sql));
    }
    const again = await cli(['backup', destination], server.dbPath);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  }, 60_000);

  it('user add: the first admin from the command line signs in; a generated password is printed once', async () => {
    const email = await addUser(server, 'admin', { email: 'first.admin@example.org' });
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: E2E_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { user: { role: string } }).user.role).toBe('admin');

    const generated = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'user', 'add', '--email', 'viewer.two@example.org', '--role', 'viewer'],
      { cwd: API_DIR, env: { ...process.env, DB_PATH: server.dbPath }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    generated.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await new Promise((resolve) => generated.once('exit', resolve))).toBe(0);
    const password = /Password \(shown once, store it safely\): (\S+)/.exec(out)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);

    const bad = await cli(['user', 'add', '--email', 'x@example.org', '--role', 'boss'], server.dbPath);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--role must be one of: viewer, service-lead, analyst, admin');
  }, 30_000);

  it('revert obeys the packs rule; a draft whose load was undone is refused "ready" by the CLI and the API until its figures are back', async () => {
    const file = path.join(dir, 'q2-2019.csv');
    fs.writeFileSync(
      file,
      `${HEADER}\nplacements-3-or-more,201920,Financial year Q2,Local authority,855,,,,9.4,52,553,final,\n`,
    );
    const loaded = await cli(['load', file, '--by', 'an analyst'], server.dbPath);
    expect(loaded.code).toBe(0);
    const loadId = Number(/Committed as load (\d+)/.exec(loaded.stdout)![1]);
    const analyst = await sessionCookie(server, await addUser(server, 'analyst'));
    const leadEmail = await addUser(server, 'service-lead');
    const lead = await sessionCookie(server, leadEmail);
    const post = async (cookie: string, url: string, body: unknown) => {
      const token = (await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as {
        csrfToken: string;
      };
      return fetch(`${server.url}${url}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': token.csrfToken },
        body: JSON.stringify(body),
      });
    };
    const drafted = await post(analyst, '/api/packs', { la: '855', period: '2019-20-Q2' });
    expect(drafted.status).toBeLessThan(300);
    const packId = ((await drafted.json()) as { id: number }).id;

    const refused = await cli(['revert', String(loadId)], server.dbPath);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`draft pack ${packId} v1 for Leicestershire, Q2 2019/20`);
    expect(count(server.dbPath, `select count(*) as n from loads where id = ${loadId} and state = 'committed'`)).toBe(
      1,
    );
    expect((await cli(['revert', String(loadId), '--confirm'], server.dbPath)).code).toBe(0);

    const check = await cli(['pack', 'check', String(packId)], server.dbPath);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/Blocked: This draft is out of date: load \d+ was undone/);
    const ready = await cli(['pack', 'ready', String(packId), '--by', leadEmail], server.dbPath);
    expect(ready.code).toBe(1);
    expect(ready.stderr).toContain('Refresh the pack from the data');
    const viaApi = await post(lead, `/api/packs/${packId}/state`, { state: 'ready' });
    expect(viaApi.status).toBe(409);
    expect(((await viaApi.json()) as { error: { code: string } }).error.code).toBe('pack_not_ready');

    // Re-applying the undone load puts its figures back as the draft froze them: nothing stops it then.
    expect((await cli(['reapply', String(loadId)], server.dbPath)).code).toBe(0);
    const after = await cli(['pack', 'ready', String(packId), '--by', leadEmail], server.dbPath);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain(`Pack ${packId} is now ready.`);
  }, 60_000);
});
