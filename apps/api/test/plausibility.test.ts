/**
 * Before a council's figures are written (issue 22, item 7): figures computed from returns are the home
 * council's own, from returns naming it; and a figure far from the council's own last one (another council's
 * returns: a rate of 7 against 47 last year) is a jump the analyst must confirm, in the dry run and the commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JumpsUnconfirmed, runLoad } from '../src/loader/run-load.ts';
import { freshStore, tempDir } from './helpers.ts';

const HEADER = 'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,status';

function file(lines: string[]): string {
  const out = path.join(tempDir(), 'figures.csv');
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}

const load = (
  store: ReturnType<typeof freshStore>,
  lines: string[],
  options: { dryRun?: boolean; confirmJumps?: boolean } = {},
) =>
  runLoad(store.db, store.catalogue, {
    path: file(lines),
    fileName: 'figures.csv',
    loadedBy: 'test analyst',
    dryRun: options.dryRun ?? false,
    confirmJumps: options.confirmJumps ?? false,
    now: () => new Date('2026-12-07T10:00:00Z'),
  });

const stored = (store: ReturnType<typeof freshStore>, period: string) =>
  store.db.$client
    .prepare(
      "select value from observations where indicator_id = 'cic-rate-per-10000' and geography_code = '855' and period_id = ?",
    )
    .get(period) as { value: number } | undefined;

/** Leicestershire's rate last year (the financial year), as the papers had it. */
const LAST_YEAR = ['cic-rate-per-10000,202425,Financial year,Local authority,855,47,,,final'];

describe('a council figure far from its own last figure', () => {
  it('is a jump to confirm even with no figure for the quarter before: compared with the last stored one', async () => {
    const store = freshStore();
    expect((await load(store, [HEADER, ...LAST_YEAR])).committed).toBe(true);
    const quarter = [HEADER, 'cic-rate-per-10000,202526,Financial year Q2,Local authority,855,7,,,final'];

    const dry = await load(store, quarter, { dryRun: true });
    expect(dry.toConfirm).toEqual([
      {
        row: 2, // the file's line (the header is line 1)
        column: 'value',
        message: expect.stringMatching(
          /^cic-rate-per-10000 855 2025-26-Q2: moved from 47 to 7 since its last figure \(2024-25\), more than this indicator usually moves/,
        ),
      },
    ]);
    expect(dry.warnings).toContainEqual(dry.toConfirm[0]);

    // Not confirmed: refused, nothing written.
    await expect(load(store, quarter)).rejects.toBeInstanceOf(JumpsUnconfirmed);
    expect(stored(store, '2025-26-Q2')).toBeUndefined();

    // Confirmed: written.
    const committed = await load(store, quarter, { confirmJumps: true });
    expect(committed.committed).toBe(true);
    expect(stored(store, '2025-26-Q2')?.value).toBe(7);
  });

  it('a figure near its last one needs no confirmation', async () => {
    const store = freshStore();
    await load(store, [HEADER, ...LAST_YEAR]);
    const report = await load(store, [
      HEADER,
      'cic-rate-per-10000,202526,Financial year Q2,Local authority,855,49,,,final',
    ]);
    expect(report.committed).toBe(true);
    expect(report.toConfirm).toEqual([]);
  });
});

describe('figures computed from returns are the home council own', () => {
  const provenance = (council?: string) => [
    '# returns-as-at: 2025-09-30',
    '# returns-rule-set: 2026-12-2',
    ...(council ? [`# returns-council: ${council}`] : []),
    `# returns-file: ${'a'.repeat(64)} 2026_episodes.csv`,
  ];
  const row = (la: string) => `cic-rate-per-10000,202526,Financial year Q2,Local authority,${la},48,,,final`;

  it('returns naming another council are refused, naming both', async () => {
    const store = freshStore();
    const report = await load(store, [...provenance('856'), HEADER, row('855')], { dryRun: true });
    expect(report.counts.errors).toBe(1);
    expect(report.errors[0]?.message).toBe(
      "the returns these figures were computed from are for council 856 (their CIN census says so), not 855, this Indicate's council: compute from 855's own returns",
    );
  });

  it("rows for another council than the home council's are refused", async () => {
    const store = freshStore();
    const report = await load(store, [...provenance(), HEADER, row('856')], { dryRun: true });
    expect(report.errors).toEqual([
      expect.objectContaining({
        row: 5, // the file's line: three comment lines and the header before it
        column: 'old_la_code',
        message: expect.stringMatching(/rows for council 856/),
      }),
    ]);
  });

  it('returns naming the home council, or naming none, load', async () => {
    for (const council of ['855', undefined]) {
      const store = freshStore();
      const report = await load(store, [...provenance(council), HEADER, row('855')]);
      expect(report.committed).toBe(true);
      expect(report.provenance?.council).toBe(council);
    }
  });
});
