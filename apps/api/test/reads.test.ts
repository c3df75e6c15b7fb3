import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ErrorEnvelopeSchema,
  IndicatorDetailSchema,
  LocalAuthoritiesSchema,
  NeighboursSchema,
  PeriodsSchema,
  ScorecardSchema,
  SeriesSchema,
  SummarySchema,
  type Scorecard,
} from '@indicate/contracts';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { revertLoad } from '../src/loader/revert.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { csvCell } from '../src/reads/csv.ts';
import { StoreReads, VERSION_TTL_MS } from '../src/reads/store-reads.ts';
import { ReadContext } from '../src/reads/context.ts';
import { scorecard } from '../src/reads/scorecard.ts';
import * as schema from '../src/db/schema.ts';
import type { Db } from '../src/db/client.ts';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openStore, type Store } from '../src/store.ts';
import { DATA_DIR, copyOfBundledDb } from './helpers.ts';
import { signIn } from './sign-in.ts';

/** One database with every bundled file loaded, shared by the read-only tests below. */
let store: Store;
let app: FastifyInstance;
/** A scrutiny member, signed in: every read below is theirs. */
let viewer: Awaited<ReturnType<typeof signIn>>;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-reads-'));
  // The bundled data, loaded once for the run by the real loader (global-setup.ts).
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  app = await buildApp({ store });
  viewer = await signIn(app, store, 'viewer');
}, 60_000);

afterAll(async () => {
  await app?.close();
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function get<T>(url: string, schema: { parse: (v: unknown) => T }): Promise<T> {
  const response = await viewer.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return schema.parse(response.json());
}

/** DfE's own file, read independently of the loader: the rows for one reporting year. */
function dfeRows(file: string, year: string, filter: Record<string, string>): Array<Record<string, string>> {
  const rows = parse(fs.readFileSync(path.join(DATA_DIR, 'dfe', file)), { columns: true, bom: true }) as Array<
    Record<string, string>
  >;
  return rows.filter((r) => r.time_period === year && Object.entries(filter).every(([k, v]) => r[k] === v));
}

/** Quantile by linear interpolation (Excel's QUARTILE.INC), written out again here on purpose. */
function quartileInc(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
}

const row = (card: Scorecard, id: string) => {
  const found = card.rows.find((r) => r.indicator.id === id);
  if (!found) throw new Error(`no scorecard row for ${id}`);
  return found;
};

describe("the scorecard: Leicestershire's Q1 2018/19, as the committee read it", () => {
  let card: Scorecard;
  beforeAll(async () => {
    card = await get('/api/scorecard?la=855&period=2018-19-Q1', ScorecardSchema);
  });

  it("shows the papers' figures, each with its source", () => {
    expect(card.la).toEqual({ code: '855', newCode: 'E10000018', name: 'Leicestershire' });
    expect(card.period).toMatchObject({ id: '2018-19-Q1', label: 'Q1 2018/19' });
    const repeat = row(card, 'cp-repeat-plans');
    expect(repeat.figure).toMatchObject({ value: 12, period: { id: '2018-19-Q1' } });
    expect(repeat.figure.sourceRef).toMatch(/^seeds\/002/);
    expect(repeat.isNew).toBe(true);
  });

  it("benchmarks a quarter against DfE's reporting year 2018, computed from every LA's value in DfE's file", () => {
    const repeat = row(card, 'cp-repeat-plans').assessment;
    const filter = { category: 'Child Protection Plans which are a second or subsequent plan' };
    const rows = dfeRows('d3_cpps_subsequent_plan_2013_to_2025.csv', '2018', filter);
    const las = rows.filter((r) => r.geographic_level === 'Local authority');
    const values = las.map((r) => Number(r.CPP_subsequent_percent)).filter((v) => !Number.isNaN(v));
    expect(values.length).toBeGreaterThan(140);
    expect(repeat.benchmarkPeriod).toMatchObject({ id: '2017-18', label: '2017/18' });
    expect(repeat.benchmarkRule).toContain('the latest DfE year that ended on or before 30 June 2018');
    expect(repeat.quartile).toMatchObject({ band: 1, basis: 'computed', period: { id: '2017-18' } });
    expect(repeat.quartile!.cutPoints!.q25).toBeCloseTo(quartileInc(values, 0.25), 9);
    expect(repeat.quartile!.cutPoints!.q75).toBeCloseTo(quartileInc(values, 0.75), 9);
    expect(repeat.quartile!.rank).toBe(
      1 + las.filter((r) => r.old_la_code !== '855' && Number(r.CPP_subsequent_percent) < 12).length,
    );
    const england = rows.find((r) => r.geographic_level === 'National')!;
    expect(repeat.england).toMatchObject({ value: Number(england.CPP_subsequent_percent), basis: 'dfe' });
    const region = rows.find((r) => r.geographic_level === 'Regional' && r.region_name === 'East Midlands')!;
    expect(repeat.region).toMatchObject({ value: Number(region.CPP_subsequent_percent), name: 'East Midlands' });

    // The ten 2021-model neighbours' own 2018 values, averaged.
    const neighbours = store.db.$client
      .prepare("select neighbour_code from stat_neighbours where model_year = 2021 and la_code = '855' order by rank")
      .all() as Array<{ neighbour_code: string }>;
    expect(neighbours).toHaveLength(10);
    const theirs = neighbours.map((n) =>
      Number(las.find((r) => r.old_la_code === n.neighbour_code)!.CPP_subsequent_percent),
    );
    expect(repeat.statNeighbours).toMatchObject({ basis: 'computed', method: 'mean', modelYear: 2021, missing: [] });
    expect(repeat.statNeighbours!.value).toBeCloseTo(theirs.reduce((a, b) => a + b, 0) / 10, 9);
    expect(repeat.rag).toMatchObject({ status: 'green', proposed: { reason: 'Top quartile nationally.' } });
  });

  it('benchmarks a 2018 quarter against DfE’s year before it from LAIT’s all-LA values, computed, no comparator typed', () => {
    // DfE's placement stability file starts in 2020/21; LAIT holds every LA's 2017/18 figure.
    const placements = row(card, 'placements-3-or-more').assessment;
    expect(placements.quartile).toMatchObject({ band: 1, basis: 'computed', period: { id: '2017-18' } });
    expect(placements.statNeighbours).toMatchObject({ value: 11.5, basis: 'computed', method: 'mean' });
    expect(placements.england).toMatchObject({ value: 11, basis: 'dfe', period: { id: '2017-18' } });
    expect(placements.england!.sourceRef).toMatch(
      /^lait\/bds_long_0\.parquet row \d+ \(LAIT LACStable_2016on, 2018\)$/,
    );
    expect(placements.rag.status).toBe('green');
  });

  it('carries an annual figure forward, labelled with its own period and not new', () => {
    const missing = row(card, 'missing-children');
    expect(missing.figure.period.label).toBe('2017/18');
    expect(missing.isNew).toBe(false);
    expect(missing.assessment.rag.status).toBe('none');
  });

  it('says "New" only when there is truly no earlier figure: a first quarter quotes the year before it', () => {
    const rereferrals = card.rows.find((r) => r.indicator.id === 'rereferrals-12-months')!;
    expect(rereferrals.assessment.vsPrevious.direction).toBeNull();
    expect(rereferrals.assessment.vsPrevious.reason).toMatch(/^No earlier quarter; 2017\/18 was \d+\.\d%\.$/);
    // An indicator with nothing before its figure is still new.
    const news = card.rows.filter((r) => r.assessment.vsPrevious.direction === 'new');
    for (const r of news)
      expect(r.assessment.vsPrevious.reason).toBe('New: there is no earlier figure to compare with.');
  });

  it('lists the indicators with no figure, and why', () => {
    expect(card.notReported.map((n) => n.indicator.id)).toContain('return-interviews-72-hours');
    expect(card.notReported.find((n) => n.indicator.id === 'return-interviews-72-hours')!.reason).toBe(
      'No figure for Leicestershire is loaded for Q1 2018/19 or before.',
    );
  });

  it('gives a sparkline of the same kind of period, oldest first', async () => {
    const latest = await get('/api/scorecard?la=855&period=2024-25', ScorecardSchema);
    const spark = row(latest, 'cp-repeat-plans').sparkline;
    expect(spark.map((p) => p.id)).toEqual([
      '2017-18',
      '2018-19',
      '2019-20',
      '2020-21',
      '2021-22',
      '2022-23',
      '2023-24',
      '2024-25',
    ]);
  });

  it('filters: exceptions only, new only, one theme', async () => {
    const exceptions = await get('/api/scorecard?la=855&period=2018-19-Q1&rag=exceptions', ScorecardSchema);
    expect(exceptions.rows.length).toBeGreaterThan(0);
    expect(exceptions.rows.every((r) => ['amber', 'red'].includes(r.assessment.rag.status))).toBe(true);
    expect(exceptions.rows.length).toBe(
      card.rows.filter((r) => ['amber', 'red'].includes(r.assessment.rag.status)).length,
    );
    const fresh = await get('/api/scorecard?la=855&period=2018-19-Q1&new=true', ScorecardSchema);
    expect(fresh.rows.map((r) => r.indicator.id)).toEqual(card.rows.filter((r) => r.isNew).map((r) => r.indicator.id));
    const theme = await get('/api/scorecard?la=855&period=2018-19-Q1&theme=adoption', ScorecardSchema);
    expect(new Set(theme.rows.map((r) => r.indicator.theme))).toEqual(new Set(['adoption']));
    // A service lead's own themes, and what got worse since the previous period.
    const mine = await get('/api/scorecard?la=855&period=2018-19-Q1&themes=adoption,children-in-care', ScorecardSchema);
    expect(new Set(mine.rows.map((r) => r.indicator.theme))).toEqual(new Set(['adoption', 'children-in-care']));
    const worse = await get('/api/scorecard?la=855&period=2018-19-Q1&worse=true', ScorecardSchema);
    expect(worse.rows.length).toBeGreaterThan(0);
    expect(worse.rows.map((r) => r.indicator.id)).toEqual(
      card.rows.filter((r) => r.assessment.vsPrevious.direction === 'worse').map((r) => r.indicator.id),
    );
    const wrong = await viewer.inject('/api/scorecard?la=855&period=2018-19-Q1&themes=adoption,nonsense');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/"nonsense" is not a theme/);
  });

  it('the median method changes the neighbour figure and says which method it used', async () => {
    const median = await get('/api/scorecard?la=855&period=2018-19-Q1&method=median', ScorecardSchema);
    const sn = row(median, 'cp-repeat-plans').assessment.statNeighbours!;
    expect(sn.method).toBe('median');
    expect(sn.value).not.toBe(row(card, 'cp-repeat-plans').assessment.statNeighbours!.value);
  });

  it("the summary's counts are the scorecard's", async () => {
    const summary = await get('/api/summary?la=855&period=2018-19-Q1', SummarySchema);
    const count = (test: (r: Scorecard['rows'][number]) => boolean) => card.rows.filter(test).length;
    expect(summary.indicators).toBe(card.rows.length);
    expect(summary.direction.improved).toBe(count((r) => r.assessment.vsPrevious.direction === 'better'));
    expect(summary.direction.declined).toBe(count((r) => r.assessment.vsPrevious.direction === 'worse'));
    expect(summary.quartiles.top).toBe(count((r) => r.assessment.quartile?.band === 1));
    expect(summary.rag.red).toBe(count((r) => r.assessment.rag.status === 'red'));
    expect(summary.sentence).toMatch(/^From \d+ measures that have been reported for Q1 2018\/19/);
  });
});

describe('series, neighbours, periods and local authorities', () => {
  it('a series gives every period, each benchmarked against its own DfE year, with targets', async () => {
    const series = await get('/api/indicators/cp-repeat-plans/series?la=855', SeriesSchema);
    const ids = series.points.map((p) => p.figure.period.id);
    expect(ids).toContain('2012-13');
    expect(ids).toContain('2018-19-Q1');
    const q1 = series.points.find((p) => p.figure.period.id === '2018-19-Q1')!;
    const fy = series.points.find((p) => p.figure.period.id === '2018-19')!;
    expect(q1.assessment.benchmarkPeriod.id).toBe('2017-18');
    expect(fy.assessment.benchmarkPeriod.id).toBe('2018-19');
    expect(fy.assessment.vsPrevious).toMatchObject({ against: { id: '2017-18' } });

    const a2 = await get('/api/indicators/adoption-a2-days/series?la=855', SeriesSchema);
    expect(a2.points.find((p) => p.figure.period.id === '3Y2012-15')!.assessment.target).toEqual({
      value: 121,
      tolerance: null,
      sourceRef: 'seeds/001 line 1306',
      words: expect.stringMatching(/^Target 121 days: (met|missed by \d+ days)$/),
      head: 'Target 121 days',
      standing: expect.stringMatching(/^(met|missed by \d+ days)$/),
      setFor: null,
    });
  });

  it('neighbours: ten named LAs with closeness, the LA, England and the aggregate', async () => {
    const n = await get('/api/indicators/cp-repeat-plans/neighbours?la=855&period=2018-19-Q1', NeighboursSchema);
    expect(n.neighbours).toHaveLength(10);
    expect(n.neighbours[0]).toMatchObject({ rank: 1, name: expect.any(String), closeness: expect.any(String) });
    expect(n.self).toMatchObject({ value: 12 });
    expect(n.benchmarkPeriod.id).toBe('2017-18');
    const values = n.neighbours.map((x) => x.value!);
    expect(n.aggregate.value).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
  });

  it("periods: the LA's periods, latest quarter first", async () => {
    const periods = await get('/api/periods?la=855', PeriodsSchema);
    expect(periods.latest).toMatchObject({ id: '2018-19-Q1' });
    expect(periods.periods.map((p) => p.id)).toContain('2024-25');
  });

  it('local authorities: every LA with its region and neighbours', async () => {
    const las = await get('/api/local-authorities', LocalAuthoritiesSchema);
    expect(las.localAuthorities).toHaveLength(158);
    const leics = las.localAuthorities.find((l) => l.code === '855')!;
    expect(leics).toMatchObject({ name: 'Leicestershire', regionName: 'East Midlands' });
    expect(leics.neighbourModels.map((m) => m.modelYear)).toEqual([2021, 2025]);
    expect(leics.neighbourModels[0]!.neighbours).toHaveLength(10);
  });

  it('the catalogue and one indicator, with its RAG rule in words', async () => {
    const one = await viewer.inject('/api/indicators/cp-repeat-plans');
    expect(one.json()).toMatchObject({ polarity: 'low', polarityText: 'Lower is better.', source: 'CIN census' });
    expect(one.json().ragRuleText).toMatch(/^Benchmark rule\. Green: Top quartile/);
    const adoption = await viewer.inject('/api/indicators?theme=adoption');
    expect(adoption.json().indicators.every((i: { theme: string }) => i.theme === 'adoption')).toBe(true);
  });
});

describe('each indicator names the LAIT measure that gives its national figures', () => {
  it("in its API record, with LAIT's short id, code and label", async () => {
    const placements = await get('/api/indicators/placements-3-or-more', IndicatorDetailSchema);
    expect(placements.lait).toEqual({
      short: 'LACStable_2016on',
      code: '372',
      label: 'Placement 1 - % CLA with three or more placements',
    });
    const cse = await get('/api/indicators/cse-referrals', IndicatorDetailSchema);
    expect(cse.lait).toBeNull();
  });
});

describe('one choice of benchmark inputs for the scorecard, the series and the neighbours chart', () => {
  it('gives the same England value and neighbour average in all three, for every indicator and several periods', async () => {
    let compared = 0;
    for (const period of ['2018-19-Q1', '2017-18', '2023-24']) {
      for (const la of ['855', '830']) {
        const response = await viewer.inject(`/api/scorecard?la=${la}&period=${period}`);
        if (response.statusCode !== 200) continue;
        const card = ScorecardSchema.parse(response.json());
        for (const row of card.rows) {
          const n = await get(
            `/api/indicators/${row.indicator.id}/neighbours?la=${la}&period=${row.figure.period.id}`,
            NeighboursSchema,
          );
          const series = await get(`/api/indicators/${row.indicator.id}/series?la=${la}`, SeriesSchema);
          const point = series.points.find((p) => p.figure.period.id === row.figure.period.id)!;
          expect(n.england?.value ?? null, `${row.indicator.id} ${period} England`).toBe(
            row.assessment.england?.value ?? null,
          );
          expect(n.aggregate.value, `${row.indicator.id} ${period} neighbours`).toBe(
            row.assessment.statNeighbours?.value ?? null,
          );
          expect(point.assessment).toEqual(row.assessment);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});

describe('the queries the scorecard really runs', () => {
  it('each finds its rows through an index, never by scanning the figures', () => {
    // A second connection that records every statement it runs, used by the real read code.
    const seen = new Set<string>();
    const client = new Database(path.join(dir, 'indicate.sqlite'), { verbose: (sql) => seen.add(String(sql)) });
    try {
      const db = drizzle(client, { schema }) as Db;
      const ctx = new ReadContext(db, store.catalogue);
      const card = scorecard(ctx, '855', '2018-19-Q1', { exceptionsOnly: false, newOnly: false, method: 'mean' });
      expect(card.rows.length).toBeGreaterThan(10);
      const statements = [...seen].filter((sql) => /\bfrom\b/i.test(sql));
      expect(statements.length).toBeGreaterThan(5);
      for (const sql of statements) {
        const plan = (client.prepare(`explain query plan ${sql}`).all() as Array<{ detail: string }>).map(
          (p) => p.detail,
        );
        for (const step of plan) {
          expect(step, `${sql}\n${plan.join('\n')}`).not.toMatch(
            /^SCAN (observations|observation_history|targets|rag_overrides|audit_log)\b(?!.*USING)/,
          );
        }
      }
    } finally {
      client.close();
    }
  });
});

describe('CSV downloads', () => {
  it('the scorecard as CSV, by ?format=csv or by Accept', async () => {
    const byQuery = await viewer.inject('/api/scorecard?la=855&period=2018-19-Q1&format=csv');
    expect(byQuery.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byQuery.headers['content-disposition']).toBe('attachment; filename="scorecard-855-2018-19-Q1.csv"');
    const rows = parse(byQuery.body, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.indicator_id === 'cp-repeat-plans')).toMatchObject({
      value: '12',
      rag: 'Green',
      quartile: '1',
    });
    const byAccept = await viewer.inject({
      url: '/api/scorecard?la=855&period=2018-19-Q1',
      headers: { accept: 'text/csv' },
    });
    expect(byAccept.body).toBe(byQuery.body);
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['plain, with comma', '"plain, with comma"'],
  ])('text %s is written safe for spreadsheets as %s', (text, expected) => {
    expect(csvCell(text)).toBe(expected);
  });

  it('numbers stay numbers, negative ones too, without floating-point noise', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(83.41999999999999)).toBe('83.42');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell(81770)).toBe('81770');
  });
});

describe('bad parameters: a clear 400 or 404 naming the parameter, never a 500', () => {
  it.each([
    ['/api/scorecard', 400, 'query parameter la'],
    ['/api/scorecard?la=85', 400, 'DfE 3-digit local authority code'],
    ['/api/scorecard?la=999', 404, 'no local authority with code 999'],
    ['/api/scorecard?la=855&period=Q1-2018', 400, 'period "Q1-2018" is not a period id'],
    ['/api/scorecard?la=855&period=2011-12', 400, 'ambiguous'],
    ['/api/scorecard?la=855&period=2011-12-Q1', 404, 'has no figures for Q1 2011/12'],
    ['/api/scorecard?la=855&period=2030-31-Q1', 404, 'has no figures for Q1 2030/31'],
    ['/api/scorecard?la=855&theme=nope', 400, 'use one of: child-protection'],
    ['/api/scorecard?la=855&rag=purple', 400, 'query parameter rag'],
    ['/api/scorecard?la=855&method=mode', 400, 'query parameter method'],
    ['/api/scorecard?la=855&colour=red', 400, 'colour'],
    ['/api/indicators/nope/series?la=855', 404, 'no indicator "nope"'],
    ['/api/indicators/NOPE/series?la=855', 400, 'path parameter id'],
    ['/api/indicators/cp-repeat-plans/series', 400, 'query parameter la'],
    ['/api/indicators/cp-repeat-plans/neighbours?la=855&period=..%2F..', 400, 'period'],
    ['/api/summary?la=855&period=2018-19-Q5', 400, 'period'],
    ['/api/periods?la=abc', 400, 'la'],
    ['/api/indicators?theme=x', 400, 'theme'],
    ['/api/local-authorities?la=855', 400, 'la'],
  ])('%s -> %d', async (url, status, words) => {
    const response = await viewer.inject(url);
    expect(response.statusCode).toBe(status);
    const body = ErrorEnvelopeSchema.parse(response.json());
    expect(`${body.error.message} ${JSON.stringify(body.error.details ?? '')}`).toContain(words);
  });

  const HOSTILE = [
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    'x'.repeat(5000),
    '855;drop table observations',
    '\u202e855',
    '١٢٣',
    '-1',
    '1e400',
    '[object Object]',
  ];
  const ROUTES = [
    (v: string) => `/api/scorecard?la=${v}`,
    (v: string) => `/api/scorecard?la=855&period=${v}`,
    (v: string) => `/api/scorecard?la=855&theme=${v}`,
    (v: string) => `/api/scorecard?la=855&new=${v}&rag=${v}`,
    (v: string) => `/api/summary?la=855&period=${v}`,
    (v: string) => `/api/periods?la=${v}`,
    (v: string) => `/api/indicators?theme=${v}`,
    (v: string) => `/api/indicators/${v}`,
    (v: string) => `/api/indicators/${v}/series?la=855`,
    (v: string) => `/api/indicators/cp-repeat-plans/series?la=${v}&format=${v}`,
    (v: string) => `/api/indicators/cp-repeat-plans/neighbours?la=855&period=${v}&method=${v}`,
    (v: string) => `/api/local-authorities?${v}=1`,
  ];
  it(`${HOSTILE.length * ROUTES.length} hostile requests each get a 4xx envelope, and the data is untouched`, async () => {
    const before = store.db.$client.prepare('select count(*) as n from observations').get();
    for (const route of ROUTES) {
      for (const value of HOSTILE) {
        const url = route(encodeURIComponent(value));
        const response = await viewer.inject(url);
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, url).toBeLessThan(500);
        expect(ErrorEnvelopeSchema.safeParse(response.json()).success, url).toBe(true);
        expect(response.body).not.toContain('<script>');
      }
    }
    expect(store.db.$client.prepare('select count(*) as n from observations').get()).toEqual(before);
  });
});

describe('OpenAPI', () => {
  it('documents every read route from the same schemas, on a page and as JSON', async () => {
    const doc = (await app.inject('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of [
      '/api/health',
      '/api/indicators',
      '/api/indicators/{id}',
      '/api/indicators/{id}/series',
      '/api/indicators/{id}/neighbours',
      '/api/scorecard',
      '/api/summary',
      '/api/periods',
      '/api/local-authorities',
      '/api/loads',
    ]) {
      expect(Object.keys(doc.paths)).toContain(route);
    }
    const page = await app.inject('/api/docs');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h2><code>GET /api/scorecard</code></h2>');
  });
});

describe('caching: an ETag per data version, never stale after a load or a revert', () => {
  it('answers 304 while nothing changed, and the new figures straight after a load and after its revert', async () => {
    const own = openStore({ dbPath: path.join(dir, 'cache.sqlite'), dataDir: DATA_DIR });
    try {
      const cacheApp = await signIn(await buildApp({ store: own }), own, 'viewer');
      const url = '/api/scorecard?la=855';
      const first = await cacheApp.inject(url);
      expect(first.statusCode).toBe(404); // nothing loaded yet
      const file = path.join(dir, 'q1.csv');
      fs.writeFileSync(
        file,
        'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator\n' +
          'cp-repeat-plans,201819,Financial year Q1,Local authority,855,12.0,30,250\n',
      );
      const loaded = await runLoad(own.db, own.catalogue, {
        path: file,
        fileName: 'q1.csv',
        loadedBy: 't',
        dryRun: false,
      });
      const second = await cacheApp.inject(url);
      expect(second.statusCode).toBe(200);
      const etag = second.headers.etag as string;
      expect(etag).toBeTruthy();
      expect((await cacheApp.inject({ url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);

      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('12.0,30,250', '14.0,35,250'));
      const revised = await runLoad(own.db, own.catalogue, {
        path: file,
        fileName: 'q1b.csv',
        loadedBy: 't',
        dryRun: false,
      });
      const third = await cacheApp.inject({ url, headers: { 'if-none-match': etag } });
      expect(third.statusCode).toBe(200);
      expect(third.json().rows[0].figure.value).toBe(14);

      revertLoad(own.db, revised.loadId!, 't');
      const fourth = await cacheApp.inject(url);
      expect(fourth.json().rows[0].figure.value).toBe(12);
      expect(fourth.headers.etag).not.toBe(third.headers.etag);
      expect(loaded.loadId).toBeLessThan(revised.loadId!);
    } finally {
      own.db.$client.close();
    }
  });

  it('reads the data version at once after an in-process write, and within a few milliseconds after another process', async () => {
    const own = openStore({ dbPath: path.join(dir, 'version.sqlite'), dataDir: DATA_DIR });
    const other = new Database(path.join(dir, 'version.sqlite'));
    try {
      const reads = new StoreReads(own.db);
      const before = reads.dataVersion();
      const file = path.join(dir, 'v.csv');
      fs.writeFileSync(
        file,
        'indicator,time_period,time_identifier,geographic_level,old_la_code,value\ncse-referrals,201819,Financial year Q1,Local authority,855,5\n',
      );
      const loaded = await runLoad(own.db, own.catalogue, {
        path: file,
        fileName: 'v.csv',
        loadedBy: 't',
        dryRun: false,
      });
      const afterLoad = reads.dataVersion();
      expect(afterLoad).not.toBe(before);
      revertLoad(own.db, loaded.loadId!, 't');
      const afterRevert = reads.dataVersion(); // same turn: the in-process write is seen at once
      expect(afterRevert).not.toBe(afterLoad);
      other
        .prepare(
          "insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, state) values ('x', 'cli', 'f', 's', 'dfe-csv', 0, 0, 0, 0, 'committed')",
        )
        .run();
      expect(reads.dataVersion()).toBe(afterRevert); // at once: another process's write is not yet asked about
      await new Promise((resolve) => setTimeout(resolve, VERSION_TTL_MS + 5));
      expect(reads.dataVersion()).not.toBe(afterRevert);
    } finally {
      other.close();
      own.db.$client.close();
    }
  });
});
