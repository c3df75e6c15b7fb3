/**
 * `pnpm cli dfe check|pull|show|approve` as an analyst runs them: real processes asking a real loopback server
 * that answers as DfE's statistics API and EES's content API do (DFE_API_URL and DFE_CATALOGUE_URL point at
 * it), over the manifest as it is (three sources with ids). With DfE out of reach, one plain message and exit 1.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store.ts';
import { closedPort } from './dfe-stand-in.ts';
import { copyOfBundledDb, DATA_DIR } from './helpers.ts';
import { bundledReleases, nextRelease, startRecordedDfe } from './recorded-dfe.ts';

const API_DIR = path.resolve(import.meta.dirname, '..');
const C1 = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv';

function cli(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'dfe', ...args], {
    cwd: API_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

let dir: string;
let store: Store;
let served: Awaited<ReturnType<typeof startRecordedDfe>>;
let env: Record<string, string>;
let seededCount = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-dfe-cli-'));
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  const releases = bundledReleases(store.catalogue.sources);
  const next = nextRelease(store.db, store.catalogue, C1);
  seededCount = next.seeded.length;
  releases.set(C1, {
    csv: next.csv,
    version: '2.0',
    releaseTitle: 'Reporting year 2026',
    published: '2026-10-29',
    earlier: [{ version: '1.0', status: 'Published' }],
  });
  served = await startRecordedDfe(store.catalogue.sources, releases);
  store.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  env = {
    DFE_API_URL: served.endpoints.apiUrl,
    DFE_CATALOGUE_URL: served.endpoints.catalogueUrl,
    DB_PATH: path.join(dir, 'indicate.sqlite'),
  };
}, 60_000);
afterAll(async () => {
  await served?.close();
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('pnpm cli dfe check', () => {
  it("names, for each source, the release held and DfE's release now, or why it cannot be asked", async () => {
    const run = await cli(env, 'check');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `  ${C1} (C1 Referrals and re-referrals to children's social care services by local authority)\n` +
        '    held:      Reporting year 2025, as bundled\n' +
        '    published: version 2.0 (Reporting year 2026), published 2026-10-29, newer than the release held: pull it to see what changed',
    );
    expect(run.stdout).toContain(
      '    published: Reporting year 2025 (data catalogue), published 2025-11-27, the release held',
    );
    expect(run.stdout).toMatch(
      /la_care_leavers_activity\.csv\n {4}held: {6}Reporting year 2025, as bundled\n {4}published: not yet found on EES/,
    );
  });

  it('gives the same as JSON', async () => {
    const run = await cli(env, 'check', '--json');
    const rows = JSON.parse(run.stdout) as Array<{ file: string; version: string | null; newer: boolean }>;
    expect(rows.find((r) => r.file === C1)).toMatchObject({ version: '2.0', newer: true });
    expect(rows.filter((r) => r.newer)).toHaveLength(1);
  });

  it('says it cannot reach DfE, and exits 1, when DfE is out of reach', async () => {
    const port = await closedPort();
    const run = await cli(
      {
        ...env,
        DFE_API_URL: `http://127.0.0.1:${port}/statistics`,
        DFE_CATALOGUE_URL: `http://127.0.0.1:${port}/api`,
      },
      'check',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`DfE's statistics service could not be reached at http://127.0.0.1:${port}`);
    expect(run.stderr).toContain('Indicate works on with the figures it holds.');
  }, 60_000);
});

describe('pnpm cli dfe pull, show and approve', () => {
  it('stages each pullable source, naming what DfE revised, and loads one only when approved', async () => {
    const pulled = await cli(env, 'pull', C1);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toContain(`DfE pull 1: ${C1}`);
    expect(pulled.stdout).toMatch(new RegExp(`figures: {3}${seededCount} revised by DfE, \\d+ new`));
    expect(pulled.stdout).toContain('new years: 2025/26');
    expect(pulled.stdout).toContain('Approve with: pnpm cli dfe approve 1');
    const shown = await cli(env, 'show', '1', '--json');
    const pull = JSON.parse(shown.stdout) as { state: string; report: { revisions: unknown[] } };
    expect(pull.state).toBe('staged');
    expect(pull.report.revisions).toHaveLength(seededCount);
    const approved = await cli(env, 'approve', '1');
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/^Approved DfE pull 1: load \d+/);
    const again = await cli(env, 'approve', '1');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('DfE pull 1 is already approved.');
    const check = await cli(env, 'check');
    expect(check.stdout).toContain(
      `    held:      Reporting year 2026 (version 2.0), pulled\n    published: version 2.0 (Reporting year 2026), published 2026-10-29, the release held`,
    );
    const bad = await cli(env, 'show', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('dfe show needs a pull id (a whole number), not "x".');
  }, 180_000);
});
