import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AllCouncils, Compare, Neighbours, Scorecard, Series } from '@indicate/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { writeSettings } from '../src/auth/settings.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { openStore, type Store } from '../src/store.ts';
import { DATA_DIR, copyOfBundledDb } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * Issue 11, part 2, written as the attacker: with public read on, every figure withheld as a small number
 * must stay unrecoverable from everything an anonymous visitor can fetch. Each method the attack used
 * (a change beside a shown value, a neighbour mean with one neighbour hidden, cut points and band, notes,
 * commentary, staff emails) runs over every indicator for a spread of LAs, first against outputs with
 * primary suppression only (to prove the method works here), then against the real public view, where it
 * must find nothing.
 */

let store: Store;
let app: FastifyInstance;
let dir: string;
let analyst: Awaited<ReturnType<typeof signIn>>;
let lead: Awaited<ReturnType<typeof signIn>>;
const THRESHOLD = 5;

/** Leicestershire's quarters, with small numbers, a note that states a count, and a change beside them. */
const QUARTERS = [
  'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,note,source_ref',
  'cp-plans-2-years,201819,Financial year Q1,Local authority,855,0.5,2,400,para 11: two children.,para 11: two children',
  'cp-plans-2-years,201819,Financial year Q2,Local authority,855,2.0,9,450,,',
  'cp-plans-2-years,201819,Financial year Q3,Local authority,855,2.0,8,400,,',
  'cse-referrals,201819,Financial year Q1,Local authority,855,79,,,,',
  'cse-referrals,201819,Financial year Q2,Local authority,855,3,,,,',
  'cse-referrals,201819,Financial year Q3,Local authority,855,70,,,,',
  'care-leavers-eet,201819,Financial year Q2,Local authority,855,96.0,48,50,,',
  'care-leavers-eet,201819,Financial year Q3,Local authority,855,60.0,30,50,,',
  // A hidden count of 4 between shown 9s within the threshold of 5: "similar" would pin it.
  'first-time-entrants,201920,Financial year Q1,Local authority,855,12,,,,',
  'first-time-entrants,201920,Financial year Q2,Local authority,855,4,,,,',
  'first-time-entrants,201920,Financial year Q3,Local authority,855,9,,,,',
].join('\n');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-disclosure-'));
  // The bundled data, loaded once for the run by the real loader (global-setup.ts).
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  const file = path.join(dir, 'quarters.csv');
  fs.writeFileSync(file, QUARTERS + '\n');
  const report = await runLoad(store.db, store.catalogue, {
    path: file,
    fileName: 'q.csv',
    loadedBy: 'seed',
    dryRun: false,
    confirmJumps: true,
  });
  expect(report.committed, JSON.stringify(report.errors)).toBe(true);
  app = await buildApp({ store });
  analyst = await signIn(app, store, 'analyst');
  lead = await signIn(app, store, 'service-lead', { themes: store.catalogue.themes.map((t) => t.id) });
  // Commentary and an override on a hidden figure, by named staff.
  const key = { indicatorId: 'cp-plans-2-years', la: '855', period: '2018-19-Q2' };
  const hiddenKey = { ...key, period: '2018-19-Q1' };
  for (const [k, text] of [
    [key, 'Plans are reviewed monthly by the service.'],
    [hiddenKey, 'Two children, both siblings, remain on plans.'],
  ] as const) {
    const c = await lead.inject({ method: 'POST', url: '/api/commentary', payload: { ...k, text } });
    expect(c.statusCode, c.body).toBe(201);
  }
  const o = await lead.inject({
    method: 'POST',
    url: '/api/overrides',
    payload: { ...hiddenKey, status: 'green', reason: 'Only two children: both reviewed this month.' },
  });
  expect(o.statusCode, o.body).toBe(201);
  const t = await lead.inject({
    method: 'PUT',
    url: '/api/targets',
    payload: { ...key, value: 1.5, tolerance: null, note: null },
  });
  expect(t.statusCode, t.body).toBe(200);
  writeSettings(store.db, { publicRead: true, suppressionThreshold: THRESHOLD });
}, 120_000);

afterAll(async () => {
  await app?.close();
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function anonymous<T>(url: string): Promise<T> {
  const response = await app.inject(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

async function full<T>(url: string): Promise<T> {
  const response = await analyst.inject(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

/** Primary suppression only: what the attack beat before this issue (values gone, nothing else). */
function primaryOnly(series: Series): Series {
  return {
    ...series,
    points: series.points.map((p) =>
      p.figure.smallNumber ? { ...p, figure: { ...p.figure, value: null, numerator: null, denominator: null } } : p,
    ),
  };
}

type Truth = Map<string, number>;
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Method 1: a shown value beside its change against a hidden one gives the hidden one. */
function recoverFromChanges(series: Series, truth: Truth): string[] {
  const found: string[] = [];
  const shown = new Map(series.points.map((p) => [p.figure.period.id, p.figure.value]));
  for (const p of series.points) {
    for (const d of [p.assessment.vsPrevious, p.assessment.vsLastYear]) {
      const other = d.against.id;
      const hiddenValue = truth.get(other);
      if (hiddenValue === undefined || shown.get(other) !== null) continue;
      const value = p.figure.value;
      if (value !== null && d.change !== null && close(value - d.change, hiddenValue)) found.push(`${other} by change`);
      // Any word for the change beside a hidden figure bounds it ("similar to 9 within 5" and "below 5").
      if (d.direction !== null && d.direction !== 'new') found.push(`${other}: "${d.direction}" against it`);
    }
    // A band whose cut points are equal pins the value (top band when the minimum and Q25 are both 0).
    const hiddenValue = truth.get(p.figure.period.id);
    const q = p.assessment.quartile;
    if (hiddenValue !== undefined && p.figure.value === null && q?.cutPoints) {
      const c = q.cutPoints;
      const edges = [c.min, c.q25, c.q50, c.q75, c.max];
      const low = q.band === 1 ? edges[0]! : edges[q.band - 1]!;
      const high = edges[q.band]!;
      if (close(low, high) && close(low, hiddenValue)) found.push(`${p.figure.period.id} by band`);
    }
    if (hiddenValue !== undefined && p.figure.value === null && p.assessment.rag.status !== 'none') {
      // A RAG on a hidden figure is a category derived from it; the public view must not have one.
      found.push(`${p.figure.period.id} has a RAG`);
    }
    if (p.figure.note) found.push(`${p.figure.period.id} note`);
    // Ranks count hidden figures too: side by side they place each hidden one between two shown values.
    if (q?.rank != null) found.push(`${p.figure.period.id} has a rank`);
    if (q && q.cutPoints === null && q.nextBand !== null) found.push(`${p.figure.period.id} next-band cut point`);
  }
  return found;
}

/** Method 2: the neighbour mean times the number used, minus the shown ones, gives the one hidden. */
function recoverFromNeighbourMean(n: Neighbours, truth: Truth): string[] {
  if (n.aggregate.value === null || n.aggregate.basis !== 'computed') return [];
  const hidden = n.neighbours.filter((x) => x.value === null && truth.has(x.code));
  const shown = n.neighbours.filter((x) => x.value !== null);
  if (hidden.length !== 1) return [];
  const recovered = n.aggregate.value * (shown.length + 1) - shown.reduce((s, x) => s + x.value!, 0);
  return close(recovered, truth.get(hidden[0]!.code)!) ? [`${hidden[0]!.code} by neighbour mean`] : [];
}

/**
 * The indicators attacked: the council's own (the default scorecard set) and LAIT's three count measures
 * with the most council values below the threshold (LAIT's values carry no numerators, so only counts are
 * small numbers there).
 */
function attacked() {
  const council = store.catalogue.indicators.filter((i) => i.origin === 'council');
  const counts = new Set(
    store.catalogue.indicators.filter((i) => i.origin === 'lait' && i.unit === 'count').map((i) => i.id),
  );
  const rows = store.db.$client
    .prepare(
      `select indicator_id as id, count(*) as n from observations
       where geography_level = 'local-authority' and value < ? group by indicator_id order by n desc`,
    )
    .all(THRESHOLD) as Array<{ id: string; n: number }>;
  const lait = rows
    .filter((r) => counts.has(r.id))
    .slice(0, 3)
    .map((r) => store.catalogue.indicators.find((i) => i.id === r.id)!);
  expect(lait).toHaveLength(3);
  return [...council, ...lait];
}

function allLas(): string[] {
  const rows = store.db.$client.prepare('select old_la_code as code from local_authorities order by 1').all();
  return (rows as Array<{ code: string }>).map((r) => r.code);
}

describe('public read: no withheld figure can be worked back', () => {
  it('finds nothing by changes, equality, band or notes in any series, for every indicator and every LA', async () => {
    let hiddenSeen = 0;
    let recoveredByPrimaryOnly = 0;
    const leaks: string[] = [];
    for (const indicator of attacked()) {
      for (const la of allLas()) {
        const url = `/api/indicators/${indicator.id}/series?la=${la}`;
        const truthSeries = await full<Series>(url);
        const truth: Truth = new Map(
          truthSeries.points
            .filter((p) => p.figure.smallNumber && p.figure.value !== null)
            .map((p) => [p.figure.period.id, p.figure.value!]),
        );
        hiddenSeen += truth.size;
        recoveredByPrimaryOnly += recoverFromChanges(primaryOnly(truthSeries), truth).filter((f) =>
          f.includes(' by '),
        ).length;
        const publicSeries = await anonymous<Series>(url);
        for (const p of publicSeries.points) {
          if (truth.has(p.figure.period.id)) expect(p.figure.value).toBeNull();
        }
        leaks.push(...recoverFromChanges(publicSeries, truth).map((f) => `${indicator.id} ${la} ${f}`));
        for (const p of publicSeries.points) {
          if (truth.has(p.figure.period.id) && /two children/.test(p.figure.sourceRef)) leaks.push('source ref');
        }
      }
    }
    // The attack is real: on primary suppression alone it recovers figures from this very data.
    expect(hiddenSeen).toBeGreaterThan(20);
    expect(recoveredByPrimaryOnly).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('finds nothing by neighbour means, for every indicator and every LA with a hidden neighbour', async () => {
    let attempts = 0;
    let recoveredWhenSignedIn = 0;
    const leaks: string[] = [];
    for (const indicator of attacked().filter((i) => i.dfe || i.origin === 'lait')) {
      for (const la of allLas()) {
        const url = `/api/indicators/${indicator.id}/neighbours?la=${la}`;
        const signedIn = await analyst.inject(url);
        if (signedIn.statusCode !== 200) continue;
        const truthN = signedIn.json() as Neighbours;
        const truth: Truth = new Map(
          truthN.neighbours.filter((x) => x.smallNumber && x.value !== null).map((x) => [x.code, x.value!]),
        );
        if (truth.size !== 1) continue;
        attempts += 1;
        // Against primary suppression alone the method works:
        const masked = {
          ...truthN,
          neighbours: truthN.neighbours.map((x) => (x.smallNumber ? { ...x, value: null } : x)),
        };
        recoveredWhenSignedIn += recoverFromNeighbourMean(masked, truth).length;
        const publicN = await anonymous<Neighbours>(url);
        leaks.push(...recoverFromNeighbourMean(publicN, truth).map((f) => `${indicator.id} ${la} ${f}`));
      }
    }
    expect(attempts).toBeGreaterThan(0);
    expect(recoveredWhenSignedIn).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('finds nothing in the all-councils and compare views: a total minus the shown councils, ranks, cut points', async () => {
    let hiddenSeen = 0;
    let recoveredByPrimaryOnly = 0;
    const leaks: string[] = [];
    const london = (code: string) => (code.startsWith('E13') ? 'E12000007' : code);
    /** A total minus every shown council under it, where exactly one council under it is hidden. */
    const recover = (view: AllCouncils, truth: Map<string, number>, total: { code: string; value: number | null }) => {
      if (total.value === null) return [];
      const under = view.rows.filter((r) => total.code === 'E92000001' || london(r.regionCode) === total.code);
      const hidden = under.filter((r) => truth.has(r.la.code));
      if (hidden.length !== 1 || under.some((r) => !truth.has(r.la.code) && r.value === null && r.symbol === 'c')) {
        return [];
      }
      const recovered = total.value - under.reduce((sum, r) => sum + (truth.has(r.la.code) ? 0 : (r.value ?? 0)), 0);
      return Math.abs(recovered - truth.get(hidden[0]!.la.code)!) < 0.5
        ? [`${hidden[0]!.la.code} from ${total.code}`]
        : [];
    };
    for (const indicator of attacked()) {
      const first = await analyst.inject(`/api/indicators/${indicator.id}/all-councils`);
      if (first.statusCode === 404) continue;
      for (const period of (first.json() as AllCouncils).periods) {
        const url = `/api/indicators/${indicator.id}/all-councils?period=${period.id}`;
        const signedIn = await full<AllCouncils>(url);
        const publicView = await anonymous<AllCouncils>(url);
        // What the public may not see: a suppressed council's value (a DfE symbol stays a symbol).
        const truth = new Map(
          publicView.rows
            .filter((r) => r.suppressed)
            .flatMap((r) => {
              const value = signedIn.rows.find((x) => x.la.code === r.la.code)!.value;
              return value === null ? [] : [[r.la.code, value] as const];
            }),
        );
        if (truth.size === 0) continue;
        hiddenSeen += truth.size;
        for (const r of publicView.rows)
          if (truth.has(r.la.code) && (r.value !== null || r.band !== null)) leaks.push(`${url} ${r.la.code} shown`);
        if (publicView.rows.some((r) => r.rank !== null)) leaks.push(`${url} ranks beside a hidden value`);
        const cuts = publicView.cutPoints;
        if (cuts && [...truth.values()].some((v) => Object.values(cuts).some((c) => Math.abs(c - v) < 1e-9))) {
          leaks.push(`${url} cut point`);
        }
        // Primary suppression alone: the signed-in totals beside the public councils.
        const masked = {
          ...signedIn,
          rows: signedIn.rows.map((r) => (truth.has(r.la.code) ? { ...r, value: null, symbol: 'c' } : r)),
        };
        for (const total of [...signedIn.regions, ...(signedIn.england ? [signedIn.england] : [])]) {
          recoveredByPrimaryOnly += recover(masked, truth, total).length;
        }
        for (const total of [...publicView.regions, ...(publicView.england ? [publicView.england] : [])]) {
          leaks.push(...recover(publicView, truth, total).map((f) => `${url} ${f}`));
        }
        // The compare view withholds England's count in the same years.
        const one = [...truth.keys()][0]!;
        const compared = await anonymous<Compare>(`/api/compare?la=${one}&indicator=${indicator.id}`);
        const m = compared.measures[0]!;
        const i = m.periods.findIndex((p) => p.id === period.id);
        const england = m.lines.find((l) => l.isEngland)!.values[i]!;
        if (indicator.unit === 'count' && england.value !== null)
          leaks.push(`${indicator.id} ${period.id} England in compare`);
        if (m.lines[0]!.values[i]!.value !== null) leaks.push(`${indicator.id} ${period.id} ${one} in compare`);
      }
    }
    expect(hiddenSeen).toBeGreaterThan(20);
    // The attack is real: on primary suppression alone a total gives hidden counts back.
    expect(recoveredByPrimaryOnly).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('withholds a hidden figure’s band, rank, cut points, RAG, change and override; keeps the shown ones', async () => {
    const card = await anonymous<Scorecard>('/api/scorecard?la=855&period=2018-19-Q1');
    const hidden = card.rows.find((r) => r.indicator.id === 'cp-plans-2-years')!;
    expect(hidden.figure).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      note: null,
      suppressed: true,
    });
    expect(hidden.assessment.quartile).toBeNull();
    expect(hidden.assessment.rag).toMatchObject({ status: 'none', label: 'Not shown', override: null });
    expect(JSON.stringify(hidden)).not.toContain('two children');
    const q2 = await anonymous<Scorecard>('/api/scorecard?la=855&period=2018-19-Q2');
    const next = q2.rows.find((r) => r.indicator.id === 'cp-plans-2-years')!;
    expect(next.figure.value).toBe(2);
    expect(next.assessment.vsPrevious.change).toBeNull();
    expect(next.assessment.vsPrevious.direction).toBeNull();
    expect(next.assessment.target?.sourceRef).toBe('Set by the council');
    // The sparkline beside the shown Q2 figure does not carry the hidden Q1 one.
    const spark = next.sparkline.find((p) => p.id === '2018-19-Q1')!;
    expect(spark).toMatchObject({ value: null, smallNumber: true });
    expect(next.sparkline.find((p) => p.id === '2018-19-Q2')!.value).toBe(2);
    const cse = q2.rows.find((r) => r.indicator.id === 'cse-referrals')!;
    expect(cse.figure.value).toBeNull();
    const q3 = await anonymous<Scorecard>('/api/scorecard?la=855&period=2018-19-Q3');
    const cse3 = q3.rows.find((r) => r.indicator.id === 'cse-referrals')!;
    expect(cse3.figure.value).toBe(70);
    expect(cse3.assessment.vsPrevious.change).toBeNull();
    // Signed in, the true figures and changes are all there.
    const signed = await full<Scorecard>('/api/scorecard?la=855&period=2018-19-Q3');
    expect(signed.rows.find((r) => r.indicator.id === 'cse-referrals')!.assessment.vsPrevious.change).toBe(67);
  });

  it('keeps the overview counts and the exceptions filter from giving a hidden RAG away', async () => {
    const summary = await anonymous<{
      rag: Record<string, number>;
      withheld: number;
      sentence: string;
      indicators: number;
    }>('/api/summary?la=855&period=2018-19-Q1');
    const card = await anonymous<Scorecard>('/api/scorecard?la=855&period=2018-19-Q1');
    const shownGreen = card.rows.filter((r) => r.assessment.rag.status === 'green').length;
    expect(summary.rag.green).toBe(shownGreen);
    expect(summary.withheld).toBe(card.rows.filter((r) => r.figure.suppressed).length);
    expect(summary.withheld).toBeGreaterThan(0);
    expect(summary.sentence).toMatch(/not shown because/);
    const exceptions = await anonymous<Scorecard>('/api/scorecard?la=855&period=2018-19-Q1&rag=exceptions');
    expect(exceptions.rows.every((r) => !r.figure.suppressed)).toBe(true);
  });

  it('keeps commentary under one spelling of a period, and shows none under another', async () => {
    const odd = await lead.inject({
      method: 'POST',
      url: '/api/commentary',
      payload: { indicatorId: 'cp-plans-2-years', la: '855', period: '2018-19-q1', text: 'Two children remain.' },
    });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error.message).toMatch(/period/);
    for (const spelling of ['2018-19-q1', '201819-Q1', '2099-00-Q1']) {
      const shown = await anonymous<unknown[]>(
        `/api/commentary?indicatorId=cp-plans-2-years&la=855&period=${spelling}`,
      );
      expect(shown, spelling).toEqual([]);
    }
  });

  it('shows no commentary on hidden figures and names no member of staff anywhere public', async () => {
    const onHidden = await anonymous<unknown[]>(
      '/api/commentary?indicatorId=cp-plans-2-years&la=855&period=2018-19-Q1',
    );
    expect(onHidden).toEqual([]);
    const onShown = await anonymous<Array<{ author: string; text: string }>>(
      '/api/commentary?indicatorId=cp-plans-2-years&la=855&period=2018-19-Q2',
    );
    expect(onShown.length).toBe(1);
    expect(onShown[0]!.author).not.toContain('@');
    for (const url of [
      '/api/scorecard?la=855&period=2018-19-Q1',
      '/api/scorecard?la=855&period=2018-19-Q2',
      '/api/scorecard?la=855&period=2018-19-Q1&format=csv',
      '/api/indicators/cp-plans-2-years/series?la=855',
      '/api/indicators/cp-plans-2-years/series?la=855&format=csv',
      '/api/summary?la=855&period=2018-19-Q1',
      '/api/commentary?indicatorId=cp-plans-2-years&la=855&period=2018-19-Q2',
    ]) {
      const body = (await app.inject(url)).body;
      expect(body, url).not.toMatch(/@example\.org/);
      expect(body, url).not.toMatch(/two children/i);
      expect(body, url).not.toMatch(/Only two children/);
    }
  });

  it('lets a signed-in reader preview the public view (less, never more), cached apart from the full one', async () => {
    const url = '/api/scorecard?la=855&period=2018-19-Q1';
    const asPublic = await analyst.inject({ url, headers: { 'x-indicate-view': 'public' } });
    const hidden = (asPublic.json() as Scorecard).rows.find((r) => r.indicator.id === 'cp-plans-2-years')!;
    expect(hidden.figure).toMatchObject({ value: null, suppressed: true });
    const full = await analyst.inject(url);
    expect((full.json() as Scorecard).rows.find((r) => r.indicator.id === 'cp-plans-2-years')!.figure.value).toBe(0.5);
    expect(asPublic.headers.etag).not.toBe(full.headers.etag);
    expect(String(full.headers.vary)).toContain('X-Indicate-View');
  });

  it('gives a signed-in browser a different ETag from the public copy, so it never keeps the suppressed one', async () => {
    const url = '/api/scorecard?la=855&period=2018-19-Q1';
    const publicEtag = (await app.inject(url)).headers.etag as string;
    const signed = await analyst.inject({ method: 'GET', url, headers: { 'if-none-match': publicEtag } });
    expect(signed.statusCode).toBe(200);
    expect(signed.headers.etag).not.toBe(publicEtag);
    expect((signed.json() as Scorecard).rows.find((r) => r.indicator.id === 'cp-plans-2-years')!.figure.value).toBe(
      0.5,
    );
  });
});
