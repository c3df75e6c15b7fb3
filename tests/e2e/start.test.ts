import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_DIR, REPO_ROOT, startExpectingFailure, startServer, tempDir } from '../support/server.ts';

type Health = { status: string; database: Record<string, number> };

async function health(url: string): Promise<Health> {
  const response = await fetch(`${url}/api/health`);
  expect(response.status).toBe(200);
  return (await response.json()) as Health;
}

/** Every committed migration is applied on a first start. */
const MIGRATIONS = fs
  .readdirSync(path.join(API_DIR, 'src', 'db', 'migrations'))
  .filter((f) => f.endsWith('.sql')).length;

describe('starting the server as `npm start` does', () => {
  it('creates and fills a new database, then serves the API and the dashboard on one port', async () => {
    const server = await startServer({}, { fresh: true });
    try {
      expect(await health(server.url)).toEqual({
        status: 'ok',
        database: { indicators: 450, localAuthorities: 158, statNeighbourSets: 309, migrations: MIGRATIONS },
      });
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Indicate: children');
      expect(fs.existsSync(server.dbPath)).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('a second start on the same database reloads and duplicates nothing', async () => {
    const first = await startServer({ LOG_LEVEL: 'info' }, { fresh: true });
    const before = await health(first.url);
    await first.stop();
    expect(first.output()).toMatch(
      /Loaded reference data: 450 indicators, 158 local authorities, 309 statistical-neighbour sets/,
    );

    const second = await startServer({ DB_PATH: first.dbPath, LOG_LEVEL: 'info' });
    try {
      expect(await health(second.url)).toEqual(before);
      expect(second.output()).toMatch(/Reference data already up to date/);
      expect(second.output()).not.toMatch(/Loaded reference data/);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start on a wrong catalogue entry, naming the entry and the field', async () => {
    const dataDir = tempDir();
    const real = path.join(REPO_ROOT, 'data');
    fs.symlinkSync(path.join(real, 'dfe'), path.join(dataDir, 'dfe'));
    fs.copyFileSync(path.join(real, 'la-lineage.csv'), path.join(dataDir, 'la-lineage.csv'));
    const yaml = fs.readFileSync(path.join(real, 'indicators.yaml'), 'utf8');
    fs.writeFileSync(path.join(dataDir, 'indicators.yaml'), yaml.replace('unit: days', 'unit: weeks'));

    const failure = await startExpectingFailure({ DATA_DIR: dataDir });
    expect(failure.code).toBe(1);
    expect(failure.output).toContain('field "unit": Invalid option');
    expect(failure.output).toContain('indicator "adoption-a1-days"');
  });

  it('refuses a wrong PORT with a clear message', async () => {
    const failure = await startExpectingFailure({ PORT: 'eighty' });
    expect(failure.code).toBe(1);
    expect(failure.output).toMatch(/Invalid environment: PORT: /);
  });
});
