/**
 * `pnpm cli dfe check` as an analyst runs it, a real process asking a real loopback server that answers as
 * DfE's statistics API does (DFE_API_URL points at it): each source's release held and version published,
 * or why it cannot be asked; and with DfE out of reach, one plain message and exit 1.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startStandIn } from './dfe-stand-in.ts';

const API_DIR = path.resolve(import.meta.dirname, '..');
const C1 = '342f9a01-26f0-2a71-91a1-f8bc0bee8b11';

function cli(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'dfe', 'check', ...args], {
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

let standIn: Awaited<ReturnType<typeof startStandIn>>;
let base = '';
const asked: string[] = [];

beforeAll(async () => {
  standIn = await startStandIn(() => (req, _body, res) => {
    asked.push(`${req.method} ${req.url}`);
    if (req.url === `/statistics/v1/data-sets/${C1}`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: C1,
          title: "C1 Referrals and re-referrals to children's social care services by local authority",
          summary: 'Referrals and re-referrals',
          status: 'Published',
          latestVersion: {
            version: '2.0',
            published: '2026-10-29T09:30:00Z',
            totalResults: 2300,
            file: { id: '911dae20-ac5d-4e28-bee8-53a658761fa5' },
            timePeriods: { start: '2013', end: '2026' },
            geographicLevels: ['Local authority', 'National', 'Regional'],
            filters: [],
            indicators: ['Referrals', 'Re-referrals within 12 months'],
          },
        }),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Not found', status: 404 }));
  });
  base = standIn.base;
});
afterAll(() => standIn.close());

describe('pnpm cli dfe check', () => {
  it("names, for each source, the release held and DfE's version now, or why it cannot be asked", async () => {
    const run = await cli({ DFE_API_URL: base });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "  c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv (C1 Referrals and re-referrals to children's social care services by local authority)\n" +
        '    held:      Reporting year 2025, as bundled\n' +
        '    published: version 2.0, published 2026-10-29, 2013 to 2026',
    );
    expect(run.stdout).toContain(
      "    published: not on DfE's statistics API (data catalogue 2ad311d1-cedf-4f31-9e0d-cc071b0cb1c2 only): no version to ask for",
    );
    expect(run.stdout).toMatch(
      /la_care_leavers_activity\.csv\n {4}held: {6}Reporting year 2025, as bundled\n {4}published: not yet found on EES/,
    );
    // Only the source with an API id was asked; nothing was written anywhere (no database is opened).
    expect(asked).toEqual([`GET /statistics/v1/data-sets/${C1}`]);
  });

  it('gives the same as JSON', async () => {
    const run = await cli({ DFE_API_URL: base }, '--json');
    const rows = JSON.parse(run.stdout) as Array<{ file: string; version: string | null }>;
    expect(rows.find((r) => r.file.startsWith('c1_'))?.version).toBe('2.0');
    expect(rows.filter((r) => r.version !== null)).toHaveLength(1);
  });

  it('says it cannot reach DfE, and exits 1, when DfE is out of reach', async () => {
    const port = await closedPort();
    const run = await cli({ DFE_API_URL: `http://127.0.0.1:${port}/statistics` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `DfE's statistics service could not be reached at http://127.0.0.1:${port}: ECONNREFUSED (4 tries). Indicate works on with the figures it holds.`,
    );
  }, 30_000);
});
