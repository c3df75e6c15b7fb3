import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateFaultyReturns } from '@indicate/returns/generate';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { API_DIR, REPO_ROOT, tempDir } from '../support/server.ts';

/**
 * `pnpm cli returns compute` as an analyst runs it: the example returns give the figures (exit 0), --json
 * gives the shape, --template writes a file `pnpm cli load` takes, and a file with an error stops
 * it (exit 2) naming where; no database is opened or created by computing.
 */

const EXAMPLE = path.join(REPO_ROOT, 'data', 'examples', 'returns');

function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: API_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  // 'close', not 'exit': everything the process wrote to the pipe is read before the answer is taken.
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

const PUBLISHED = path.join(REPO_ROOT, 'tests', 'fixtures', 'returns', 'published');

describe('pnpm cli returns compute', () => {
  it('gives whole JSON through a pipe past 64 KB (two published fake sets, every finding listed)', async () => {
    const json = await cli(
      [
        'returns',
        'compute',
        '--as-at',
        '2018-03-31',
        '--json',
        path.join(PUBLISHED, 'd2i-903-validator'),
        path.join(PUBLISHED, 'd2i-demand-model-5yr'),
      ],
      { DB_PATH: path.join(tempDir(), 'never.sqlite') },
    );
    expect(json.code).toBe(2); // their genuine faults stop the figures
    expect(Buffer.byteLength(json.stdout)).toBeGreaterThan(65_536);
    const body = JSON.parse(json.stdout) as { errors: Array<{ rule?: string }>; figures: unknown[] };
    expect(body.figures).toEqual([]);
    expect(body.errors.length).toBeGreaterThan(100);
    expect(body.errors.filter((e) => e.rule === '501').length).toBeGreaterThan(50);
  });

  it('computes the example returns, as text and as JSON, without touching a database', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'never.sqlite');
    const text = await cli(['returns', 'compute', '--as-at', '2025-06-30', EXAMPLE], { DB_PATH: db });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Returns: 44 file(s), as at 2025-06-30 (quarter 2025-26-Q1), council 855');
    expect(text.stdout).toMatch(/cic-count: 100\n/);
    expect(fs.existsSync(db)).toBe(false);

    const json = await cli(['returns', 'compute', '--as-at', '2025-06-30', '--la', '855', '--json', EXAMPLE], {
      DB_PATH: db,
    });
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as {
      asAt: string;
      la: string;
      figures: Array<{
        indicator: string;
        period: string;
        value: number | null;
        numerator: number | null;
        denominator: number | null;
      }>;
      errors: unknown[];
      warnings: unknown[];
    };
    expect(body).toMatchObject({ asAt: '2025-06-30', la: '855', errors: [] });
    expect(body.figures.find((f) => f.indicator === 'cic-count')).toEqual({
      indicator: 'cic-count',
      period: '2025-26-Q1',
      value: 100,
      numerator: 100,
      denominator: null,
    });
    // With Leicestershire's ONS population the rate per 10,000 is computed, not left empty.
    const rate = body.figures.find((f) => f.indicator === 'cic-rate-per-10000')!;
    expect(rate.value).toBeCloseTo((100 * 10000) / rate.denominator!, 6);
    expect(JSON.stringify(body.figures)).not.toMatch(/"units"|"child"/);
  });

  it('writes a template that pnpm cli load takes, with the files’ fingerprints as provenance', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'indicate.sqlite');
    const out = path.join(dir, 'q1.csv');
    const made = await cli(['returns', 'compute', '--as-at', '2025-06-30', '--la', '855', '--template', out, EXAMPLE], {
      DB_PATH: db,
    });
    expect(made.code, made.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^# returns-file: [0-9a-f]{64} returns\/2025_episodes\.csv\r$/m);
    const again = await cli(
      ['returns', 'compute', '--as-at', '2025-06-30', '--la', '855', '--template', out, EXAMPLE],
      {
        DB_PATH: db,
      },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');

    const loaded = await cli(['load', out, '--by', 'analyst'], { DB_PATH: db });
    expect(loaded.code, loaded.stdout + loaded.stderr).toBe(0);
    const check = new Database(db, { readonly: true });
    try {
      const load = check.prepare('select provenance from loads order by id desc limit 1').get() as {
        provenance: string;
      };
      expect(JSON.parse(load.provenance)).toMatchObject({ asAt: '2025-06-30', ruleSet: expect.any(String) });
      expect(JSON.parse(load.provenance).files).toHaveLength(44);
      const groups = check
        .prepare("select count(*) as n from observations where geography_level = 'local-authority-breakdown'")
        .get() as { n: number };
      expect(groups.n).toBeGreaterThan(50);
    } finally {
      check.close();
    }
  });

  it('stops with exit code 2 on a file with an error, naming the file, the row or child and the field', async () => {
    const dir = tempDir();
    const faulty = generateFaultyReturns('dec-before-decom', 7);
    for (const f of faulty.files) fs.writeFileSync(path.join(dir, f.name), f.text);
    const run = await cli(['returns', 'compute', '--as-at', '2024-03-31', dir], {
      DB_PATH: path.join(dir, 'x.sqlite'),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Errors: nothing was computed \(\d+\):/);
    expect(run.stdout).toMatch(
      new RegExp(`${faulty.expect.file}, Episodes, row \\d+, child \\d+, DEC, DfE rule 356: DEC`),
    );
    expect(run.stdout).not.toContain('Figures:');
    const bad = await cli(['returns', 'compute', '--as-at', '2024-03-15', dir], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not the end of a financial quarter');
  });
});
