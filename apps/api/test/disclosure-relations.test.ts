import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AllCouncils, Indicator, Series } from '@indicate/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { writeSettings } from '../src/auth/settings.ts';
import { openStore, type Store } from '../src/store.ts';
import { DATA_DIR, copyOfBundledDb } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * Issue 21's disclosure attacks, as the attacker ran them on the bundled data with public read on:
 * 1. a region's or England's count from the series, scorecard or neighbours views, minus the councils the
 *    all-councils view shows, gives back the hidden one (Isle of Wight's 1 ceased EHC plan, 2024);
 * 2. a shown 0% says a hidden count is 0, and a percentage times its shown whole (another measure of the
 *    same children) gives the count back (children adopted from City of London, 2022-23).
 * Each runs first on what a signed-in reader sees with only the small numbers masked (the attack is real
 * there), then on the public view, where it must recover nothing.
 */

let store: Store;
let app: FastifyInstance;
let dir: string;
let analyst: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-relations-'));
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  app = await buildApp({ store });
  analyst = await signIn(app, store, 'analyst');
  writeSettings(store.db, { publicRead: true, suppressionThreshold: 5 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function get<T>(url: string, signedIn: boolean): Promise<T> {
  const response = signedIn ? await analyst.inject(url) : await app.inject(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

const indicator = (id: string) => store.catalogue.indicators.find((i) => i.id === id)!;

/** The all-councils view of a measure for every year it has, signed in and public. */
async function everyYear(measure: Indicator) {
  const first = await analyst.inject(`/api/indicators/${measure.id}/all-councils`);
  if (first.statusCode === 404) return [];
  const years = [];
  for (const period of (first.json() as AllCouncils).periods) {
    const url = `/api/indicators/${measure.id}/all-councils?period=${period.id}`;
    years.push({
      period: period.id,
      full: await get<AllCouncils>(url, true),
      open: await get<AllCouncils>(url, false),
    });
  }
  return years;
}

/** Count measures with a council hidden in some year: the ones the totals attack can work on. */
function countMeasuresWithSmallNumbers(): Indicator[] {
  const rows = store.db.$client
    .prepare(
      `select indicator_id as id, count(*) as n from observations
       where geography_level = 'local-authority' and value < 5 group by indicator_id order by n desc`,
    )
    .all() as Array<{ id: string; n: number }>;
  return rows.map((r) => indicator(r.id)).filter((i) => i && i.unit === 'count');
}

const broad = (region: string) => (region.startsWith('E13') ? 'E12000007' : region);

describe('public read: totals and related measures give no withheld figure back', () => {
  it('a region’s or England’s count on a council’s series, minus the shown councils, recovers no hidden council', async () => {
    const measures = countMeasuresWithSmallNumbers().slice(0, 8);
    expect(measures.length).toBeGreaterThanOrEqual(5);
    let real = 0;
    let hiddenSeen = 0;
    const leaks: string[] = [];
    for (const measure of measures) {
      for (const year of await everyYear(measure)) {
        const hidden = year.open.rows.filter((r) => r.suppressed && r.value === null);
        for (const h of hidden) {
          const truth = year.full.rows.find((r) => r.la.code === h.la.code)!.value;
          if (truth === null) continue;
          hiddenSeen++;
          // The hidden council's own series carries its region's and England's figures for the year.
          for (const signedIn of [true, false]) {
            const series = await get<Series>(`/api/indicators/${measure.id}/series?la=${h.la.code}`, signedIn);
            const point = series.points.find((p) => p.figure.period.id === year.period);
            if (!point) continue;
            const a = point.assessment;
            for (const total of [a.region, a.england]) {
              if (!total || total.value === null) continue;
              const isEngland = total === a.england;
              const under = year.open.rows.filter(
                (r) => isEngland || broad(r.regionCode) === broad(a.region!.code) || r.regionCode === a.region!.code,
              );
              const others = under.filter((r) => r.la.code !== h.la.code);
              // Only when every other council under the total is shown can it be worked back exactly.
              if (others.some((r) => r.value === null)) continue;
              const recovered = total.value - others.reduce((sum, r) => sum + r.value!, 0);
              if (Math.abs(recovered - truth) < 0.5) {
                if (signedIn) real++;
                else
                  leaks.push(`${measure.id} ${year.period} ${h.la.code} from ${isEngland ? 'England' : 'its region'}`);
              }
            }
          }
        }
      }
    }
    expect(hiddenSeen).toBeGreaterThan(10);
    // The attack is real on what a signed-in reader sees (totals beside the public councils).
    expect(real).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 600_000);

  it('a shown percentage or rate never says a hidden count is 0, nor gives it back with its shown whole', async () => {
    const relations = store.catalogue.relations.filter((r) => r.kind !== 'part');
    expect(relations.length).toBeGreaterThan(10);
    let real = 0;
    let zeros = 0;
    const leaks: string[] = [];
    for (const relation of relations) {
      const counts = new Map((await everyYear(indicator(relation.count))).map((y) => [y.period, y]));
      const ratios = await everyYear(indicator(relation.ratio));
      const wholes =
        relation.kind === 'percentage'
          ? new Map((await everyYear(indicator(relation.whole))).map((y) => [y.period, y]))
          : null;
      for (const ratioYear of ratios) {
        const countYear = counts.get(ratioYear.period);
        if (!countYear) continue;
        for (const c of countYear.open.rows.filter((r) => r.suppressed)) {
          const truth = countYear.full.rows.find((r) => r.la.code === c.la.code)!.value;
          if (truth === null) continue;
          const shownRatio = (rows: AllCouncils['rows']) => rows.find((r) => r.la.code === c.la.code)?.value ?? null;
          for (const [view, ratioRows, wholeRows] of [
            ['signed in', ratioYear.full.rows, wholes?.get(ratioYear.period)?.full.rows],
            ['public', ratioYear.open.rows, wholes?.get(ratioYear.period)?.open.rows],
          ] as const) {
            const ratio = shownRatio(ratioRows);
            if (ratio === null) continue;
            // A shown 0 (or, for a percentage, 100) says the count (or the rest of the whole) is 0.
            const saysZero = ratio === 0;
            let recovered: number | null = saysZero ? 0 : null;
            if (relation.kind === 'percentage' && wholeRows) {
              const whole = wholeRows.find((r) => r.la.code === c.la.code)?.value ?? null;
              if (whole !== null) recovered = (ratio * whole) / relation.scale;
            }
            if (recovered === null || Math.abs(recovered - truth) >= 0.5) continue;
            if (view === 'signed in') {
              real++;
              if (saysZero) zeros++;
            } else leaks.push(`${relation.count} ${ratioYear.period} ${c.la.code} via ${relation.ratio} (${ratio})`);
          }
        }
      }
    }
    expect(real).toBeGreaterThan(20);
    expect(zeros).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 600_000);

  it('withholds a shown council’s 0% and 100% (no numerator to hide), and an Inner London total with a hidden borough', async () => {
    const percent = store.db.$client
      .prepare(
        `select o.indicator_id as id, o.period_id as period, o.geography_code as code, o.value from observations o
         where o.geography_level = 'local-authority' and o.value in (0, 100) and o.numerator is null
         and o.indicator_id like 'lait-%pct%' limit 1`,
      )
      .get() as { id: string; period: string; code: string; value: number } | undefined;
    expect(percent).toBeDefined();
    const open = await get<AllCouncils>(`/api/indicators/${percent!.id}/all-councils?period=${percent!.period}`, false);
    const row = open.rows.find((r) => r.la.code === percent!.code)!;
    expect(row.value).toBeNull();
    expect(row.suppressed).toBe(true);

    // An Inner London borough hidden: Inner London's and London's totals go with it.
    const inner = store.db.$client
      .prepare(
        `select o.indicator_id as id, o.period_id as period from observations o
         join local_authorities la on la.old_la_code = o.geography_code
         where o.geography_level = 'local-authority' and la.region_code = 'E13000001' and o.value < 5
         and o.indicator_id in (select indicator_id from observations where geography_code = 'E13000001')
         limit 1`,
      )
      .get() as { id: string; period: string } | undefined;
    if (inner && indicator(inner.id).unit === 'count') {
      const view = await get<AllCouncils>(`/api/indicators/${inner.id}/all-councils?period=${inner.period}`, false);
      for (const code of ['E13000001', 'E12000007']) {
        const total = view.regions.find((r) => r.code === code);
        if (total) expect(total.value, code).toBeNull();
      }
    }
  });

  it('shows a region’s or England’s count rounded to the nearest 10 where nothing in it is withheld', async () => {
    const measure = indicator('cic-count');
    const years = await everyYear(measure);
    let checked = 0;
    for (const year of years) {
      for (const total of [...year.open.regions, ...(year.open.england ? [year.open.england] : [])]) {
        if (total.value === null) continue;
        expect(total.value % 10, `${year.period} ${total.code}`).toBe(0);
        const exact = [...year.full.regions, year.full.england].find((t) => t?.code === total.code)!.value!;
        expect(Math.abs(total.value - exact)).toBeLessThanOrEqual(5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});
