import type { AllCouncils, LocalAuthorities, Series } from '@indicate/contracts';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openStore, type Store } from '../src/store.ts';
import { copyOfBundledDb, DATA_DIR, tempDir } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * The "done when", checked against LAIT's own file read here with hyparquet (not Indicate's
 * reader), and quartiles, ranks and neighbour means computed here by LAIT's method (type-7 quartiles over
 * every council's value; the plain mean of the ten statistical neighbours that have one), not by core.
 */

let store: Store;
let app: FastifyInstance;
let viewer: Awaited<ReturnType<typeof signIn>>;
/** LAIT's file: measure -> DfE reporting year id -> LA code -> value (null for '-'). */
const file = new Map<string, Map<string, Map<string, number | null>>>();

/** LAIT's `2016` (a financial year's end) and `2016-17` / `2016/17` as Indicate's year ids. */
function yearId(label: string): string | null {
  const two = (n: number) => String(n % 100).padStart(2, '0');
  const single = /^(\d{4})$/.exec(label.trim());
  if (single) return `${Number(single[1]) - 1}-${two(Number(single[1]))}`;
  const span = /^(\d{4})[-/](\d{2})$/.exec(label.trim());
  return span ? `${span[1]}-${span[2]}` : null;
}

beforeAll(async () => {
  const dir = tempDir();
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  app = await buildApp({ store });
  viewer = await signIn(app, store, 'viewer');
  const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const rows = (await parquetReadObjects({
    file: await asyncBufferFromFile(path.join(DATA_DIR, 'lait', 'bds_long_0.parquet')),
    compressors,
    columns: ['Short Desc', 'Years', 'LA Number', 'Values'],
  })) as Array<Record<string, unknown>>;
  for (const r of rows) {
    const measure = String(r['Short Desc']);
    if (!['CP_conf_15days', 'ReReferral', 'LACStable_2016on'].includes(measure)) continue;
    const year = yearId(String(r['Years']));
    if (!year) continue;
    // Values are text with float noise (59.900000000000006 for LAIT's 59.9): the published value is kept.
    const text = String(r['Values']).trim();
    const byYear = file.get(measure) ?? new Map<string, Map<string, number | null>>();
    file.set(measure, byYear);
    const byLa = byYear.get(year) ?? new Map<string, number | null>();
    byYear.set(year, byLa);
    byLa.set(
      String(Math.round(Number(r['LA Number']))).padStart(3, '0'),
      text === '-' ? null : Number(Number(text).toPrecision(10)),
    );
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  store?.db.$client.close();
});

function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

const close = (a: number | null | undefined, b: number) => a !== null && a !== undefined && Math.abs(a - b) < 1e-6;

describe("Derbyshire's LAIT-backed measures, 2016 to 2025, equal LAIT's file and LAIT's method", () => {
  it.each([
    ['lait-cp-conf-15days', 'CP_conf_15days', 'high'],
    ['rereferrals-12-months', 'ReReferral', 'low'],
    ['placements-3-or-more', 'LACStable_2016on', 'low'],
  ] as const)(
    '%s (LAIT %s): value, quartile band, cut points, rank and neighbour mean',
    async (id, measure, polarity) => {
      const series = (await viewer.inject(`/api/indicators/${id}/series?la=830`)).json() as Series;
      const las = (await viewer.inject('/api/local-authorities')).json() as LocalAuthorities;
      const derbyshire = las.localAuthorities.find((l) => l.code === '830')!;
      const years = file.get(measure)!;
      let checked = 0;
      let keptFromDfeFiles = 0;
      for (const point of series.points) {
        const all = years.get(point.figure.period.id);
        // Where a DfE file gives the year, its figure (with numerators) is kept: LAIT's agrees within rounding.
        if (!point.figure.sourceRef.includes('bds_long_0.parquet')) {
          const lait = all?.get('830');
          if (lait !== undefined && lait !== null && point.figure.value !== null) {
            expect(Math.abs(point.figure.value - lait), point.figure.period.id).toBeLessThanOrEqual(0.5);
            keptFromDfeFiles += 1;
          }
          continue;
        }
        expect(all, point.figure.period.id).toBeDefined();
        const lait = all!.get('830') ?? null;
        if (lait === null) expect(point.figure.value).toBeNull();
        else
          expect(close(point.figure.value, lait), `${point.figure.period.id} ${point.figure.value} ${lait}`).toBe(true);
        if (point.figure.value === null) continue;
        // Every council's value that year (England 970 and regions 980-990 are not councils).
        const councils = [...all!.entries()].filter(
          ([code]) =>
            Number(code) < 970 &&
            store.db.$client.prepare('select 1 from local_authorities where old_la_code = ?').get(code),
        );
        const values = councils.flatMap(([, v]) => (v === null ? [] : [v])).sort((a, b) => a - b);
        const q = point.assessment.quartile!;
        expect(q.basis).toBe('computed');
        expect(q.cutPoints!.q25).toBeCloseTo(type7(values, 0.25), 9);
        expect(q.cutPoints!.q50).toBeCloseTo(type7(values, 0.5), 9);
        expect(q.cutPoints!.q75).toBeCloseTo(type7(values, 0.75), 9);
        const v = point.figure.value;
        const better = values.filter((x) => (polarity === 'low' ? x < v : x > v)).length;
        expect(q.rank, `${point.figure.period.id} rank`).toBe(better + 1);
        expect(q.outOf, `${point.figure.period.id} outOf`).toBe(values.length);
        // LAIT's bands: lower-is-better band 1 at or below Q25, 2 at or below Q50, 3 at or below Q75; higher-is-
        // better band 1 above Q75, 2 above Q50, 3 above Q25 (its asymmetry at the cut points).
        const [q25, q50, q75] = [0.25, 0.5, 0.75].map((p) => type7(values, p)) as [number, number, number];
        const band =
          polarity === 'low'
            ? v <= q25
              ? 1
              : v <= q50
                ? 2
                : v <= q75
                  ? 3
                  : 4
            : v > q75
              ? 1
              : v > q50
                ? 2
                : v > q25
                  ? 3
                  : 4;
        expect(q.band, `${point.figure.period.id} band`).toBe(band);
        const sn = point.assessment.statNeighbours!;
        expect(sn.basis).toBe('computed');
        const model = derbyshire.neighbourModels.find((m) => m.modelYear === sn.modelYear)!;
        const neighbourValues = model.neighbours.flatMap((n) => {
          const x = all!.get(n.code);
          return x === null || x === undefined ? [] : [x];
        });
        expect(close(sn.value, neighbourValues.reduce((s, x) => s + x, 0) / neighbourValues.length)).toBe(true);
        checked += 1;
      }
      // Ten years of LAIT (2015/16 to 2024/25), each from LAIT's file or from a DfE file that agrees with it.
      expect(checked + keptFromDfeFiles).toBeGreaterThanOrEqual(id === 'lait-cp-conf-15days' ? 8 : 10);
    },
  );

  it("the all-councils view gives every council's value in LAIT's file, with the same ranks", async () => {
    const view = (
      await viewer.inject('/api/indicators/lait-cp-conf-15days/all-councils?la=830&period=2023-24')
    ).json() as AllCouncils;
    const all = file.get('CP_conf_15days')!.get('2023-24')!;
    expect(view.rows.length).toBeGreaterThan(140);
    for (const row of view.rows) {
      const lait = all.get(row.la.code) ?? null;
      if (lait === null) expect(row.value).toBeNull();
      else expect(close(row.value, lait), row.la.name).toBe(true);
    }
    expect(close(view.england?.value, all.get('970')!)).toBe(true);
    const values = view.rows.flatMap((r) => (r.value === null ? [] : [r.value]));
    for (const row of view.rows) {
      if (row.value !== null) expect(row.rank).toBe(1 + values.filter((x) => x > row.value!).length);
    }
    expect(view.rows.find((r) => r.la.code === '830')).toMatchObject({ isCouncil: true, inRegion: true });
    expect(view.rows.filter((r) => r.isNeighbour)).toHaveLength(10);
  });
});

describe("Leicestershire's quarters from 2016 on are benchmarked against the DfE year before them, computed", () => {
  it('every Q1 from 2016/17 has a computed quartile and neighbour mean, no comparator typed', async () => {
    const series = (await viewer.inject('/api/indicators/rereferrals-12-months/series?la=855')).json() as Series;
    const quarters = series.points.filter((p) => p.figure.period.kind === 'financial-quarter');
    expect(quarters.length).toBeGreaterThan(0);
    for (const p of quarters) {
      expect(p.assessment.quartile?.basis, p.figure.period.id).toBe('computed');
      expect(p.assessment.statNeighbours?.basis, p.figure.period.id).toBe('computed');
      const benchmark = file.get('ReReferral')!.get(p.assessment.benchmarkPeriod.id)!;
      const values = [...benchmark.entries()]
        .filter(([code]) => Number(code) < 970)
        .flatMap(([, v]) => (v === null ? [] : [v]))
        .sort((a, b) => a - b);
      // The cut points are the DfE year's: from LAIT's file, or the DfE file's own figures where it has that year.
      if (
        !p.assessment.quartile!.period.id.startsWith('2021') &&
        Number(p.assessment.benchmarkPeriod.id.slice(0, 4)) < 2020
      ) {
        expect(p.assessment.quartile!.cutPoints!.q50).toBeCloseTo(type7(values, 0.5), 9);
      }
    }
  });
});
