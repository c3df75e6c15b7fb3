/**
 * The DfE data page's routes (issue 23) as the page, a stranger and a burst of clicks call them: analysts only,
 * odd bodies and path spellings refused with a message, one conversation with DfE at a time, DfE out of reach
 * a 503 naming it, and a pull approved through the API carrying its release into the load history.
 */
import {
  DfeOverviewSchema,
  DfePullOutcomeSchema,
  DfePullSchema,
  LoadSummarySchema,
  PackSchema,
} from '@indicate/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { closedPort } from './dfe-stand-in.ts';
import { formatFigure } from '@indicate/core';
import { bundledStore, loadFigures } from './helpers.ts';
import { bundledReleases, nextFileId, nextRelease, reviseFigure, startRecordedDfe } from './recorded-dfe.ts';
import { signIn } from './sign-in.ts';

const TODAY = new Date('2026-12-07T10:00:00Z');
const C1 = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv';
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setUp() {
  const store = bundledStore();
  const releases = bundledReleases(store.catalogue.sources);
  releases.set(C1, {
    csv: nextRelease(store.db, store.catalogue, C1).csv,
    version: '2.0',
    releaseTitle: 'Reporting year 2026',
    published: '2026-10-29',
    earlier: [{ version: '1.0', status: 'Published' }],
  });
  const served = await startRecordedDfe(store.catalogue.sources, releases);
  closers.push(served.close);
  const app = await buildApp({ store, now: () => TODAY, dfeEndpoints: served.endpoints });
  closers.push(() => app.close());
  return { store, app, served };
}

describe('who may use the DfE data page', () => {
  it('refuses the anonymous, viewers and admins; serves analysts', async () => {
    const { app, store } = await setUp();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/dfe'],
      ['POST', '/api/dfe/check', {}],
      ['GET', '/api/dfe/pulls'],
      ['POST', '/api/dfe/pulls', {}],
      ['GET', '/api/dfe/pulls/1'],
      ['POST', '/api/dfe/pulls/1/approve', { planHash: 'a'.repeat(64) }],
      ['POST', '/api/dfe/pulls/1/discard', {}],
    ];
    const viewer = await signIn(app, store, 'viewer');
    const admin = await signIn(app, store, 'admin');
    for (const [method, url, payload] of routes) {
      const anonymous = await app.inject({ method: method as 'GET', url, payload: payload as object });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      for (const who of [viewer, admin]) {
        const refused = await who.inject({ method: method as 'GET', url, payload: payload as object });
        expect(refused.statusCode, `${method} ${url}`).toBe(403);
        expect(refused.json().error.message).toMatch(/may not load or revert data/);
      }
    }
    const analyst = await signIn(app, store, 'analyst');
    const overview = DfeOverviewSchema.parse((await analyst.inject('/api/dfe')).json());
    const c1 = overview.sources.find((s) => s.file === C1)!;
    expect(c1).toMatchObject({
      reaches: '2024/25',
      held: { from: 'bundled', releaseTitle: 'Reporting year 2025' },
      lastCheck: null,
    });
    expect(overview.dailyCheck).toBe(false);
  });

  it('refuses odd bodies and ids with a message, never a 500', async () => {
    const { app, store } = await setUp();
    const analyst = await signIn(app, store, 'analyst');
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', '/api/dfe/pulls', { sources: 'c1' }, 400],
      ['POST', '/api/dfe/pulls', { sources: [C1], extra: 1 }, 400],
      ['POST', '/api/dfe/pulls', { sources: Array.from({ length: 51 }, () => C1) }, 400],
      ['POST', '/api/dfe/pulls/abc/approve', { planHash: 'a'.repeat(64) }, 400],
      ['POST', '/api/dfe/pulls/1/approve', { planHash: 'short' }, 400],
      ['POST', '/api/dfe/pulls/99/approve', { planHash: 'a'.repeat(64) }, 404],
      ['GET', '/api/dfe/pulls/99', undefined, 404],
      ['GET', '/api/dfe/pulls/-1', undefined, 400],
      ['GET', '/api/dfe/pulls/1%2F..', undefined, 400],
    ];
    for (const [method, url, payload, status] of cases) {
      const response = await analyst.inject({ method: method as 'GET', url, payload: payload as object });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      expect(response.json().error.message.length).toBeGreaterThan(10);
    }
    const unknown = DfePullOutcomeSchema.parse(
      (await analyst.inject({ method: 'POST', url: '/api/dfe/pulls', payload: { sources: ['<script>.csv'] } })).json(),
    );
    expect(unknown.pulls).toEqual([]);
    expect(unknown.refused[0]?.message).toContain(`"<script>.csv" is not one of DfE's sources`);
  });
});

describe('checking, pulling and approving through the API', () => {
  it('checks, records "last checked", pulls, and approves into a load that names the release', async () => {
    const { app, store } = await setUp();
    const analyst = await signIn(app, store, 'analyst');
    const checked = await analyst.inject({ method: 'POST', url: '/api/dfe/check', payload: {} });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json().find((r: { file: string }) => r.file === C1)).toMatchObject({ newer: true, version: '2.0' });
    const overview = DfeOverviewSchema.parse((await analyst.inject('/api/dfe')).json());
    expect(overview.sources.find((s) => s.file === C1)?.lastCheck).toMatchObject({
      checkedAt: TODAY.toISOString(),
      version: '2.0',
    });

    const outcome = DfePullOutcomeSchema.parse(
      (await analyst.inject({ method: 'POST', url: '/api/dfe/pulls', payload: { sources: [C1] } })).json(),
    );
    const pull = outcome.pulls[0]!;
    expect(pull.report.counts.revised).toBeGreaterThan(10);
    const wrong = await analyst.inject({
      method: 'POST',
      url: `/api/dfe/pulls/${pull.id}/approve`,
      payload: { planHash: 'b'.repeat(64) },
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('pull_refused');
    const approved = DfePullSchema.parse(
      (
        await analyst.inject({
          method: 'POST',
          url: `/api/dfe/pulls/${pull.id}/approve`,
          payload: { planHash: pull.planHash },
        })
      ).json(),
    );
    expect(approved.state).toBe('approved');
    const load = LoadSummarySchema.parse((await analyst.inject(`/api/loads/${approved.loadId}`)).json());
    expect(load.dfeRelease).toMatchObject({
      source: C1,
      version: '2.0',
      dataSetId: '342f9a01-26f0-2a71-91a1-f8bc0bee8b11',
    });
    const after = DfeOverviewSchema.parse((await analyst.inject('/api/dfe')).json());
    expect(after.sources.find((s) => s.file === C1)).toMatchObject({
      reaches: '2025/26',
      held: { from: 'pulled', version: '2.0', loadId: approved.loadId },
      latestPull: { id: pull.id, state: 'approved' },
    });
  }, 60_000);

  it('answers a burst of checks one at a time, the rest told to wait, none failing', async () => {
    const { app, store } = await setUp();
    const analyst = await signIn(app, store, 'analyst');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => analyst.inject({ method: 'POST', url: '/api/dfe/check', payload: {} })),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(1);
    for (const a of answers.filter((x) => x.statusCode !== 200)) {
      expect(a.statusCode).toBe(409);
      expect(a.json().error.code).toBe('dfe_busy');
    }
  });

  it('says DfE is out of reach with a 503, and every other page works on', async () => {
    const store = bundledStore();
    const port = await closedPort();
    const app = await buildApp({
      store,
      now: () => TODAY,
      dfeEndpoints: {
        apiUrl: `http://127.0.0.1:${port}/statistics`,
        catalogueUrl: `http://127.0.0.1:${port}/api`,
        retries: 0,
      },
    });
    closers.push(() => app.close());
    const analyst = await signIn(app, store, 'analyst');
    const check = await analyst.inject({ method: 'POST', url: '/api/dfe/check', payload: {} });
    expect(check.statusCode).toBe(503);
    expect(check.json().error).toMatchObject({ code: 'dfe_unreachable' });
    expect(check.json().error.message).toContain("DfE's statistics service could not be reached");
    expect((await analyst.inject('/api/dfe')).statusCode).toBe(200);
    expect((await analyst.inject('/api/scorecard?la=855&period=2024-25')).statusCode).toBe(200);
  });
});

describe('the optional daily check', () => {
  it('asks DfE only when an admin has turned it on, records what it found, and loads nothing', async () => {
    const store = bundledStore();
    const releases = bundledReleases(store.catalogue.sources);
    const served = await startRecordedDfe(store.catalogue.sources, releases);
    closers.push(served.close);
    const app = await buildApp({ store, dfeEndpoints: served.endpoints, dfeCheckTickMs: 20 });
    closers.push(() => app.close());
    const loads = () => store.db.$client.prepare('select count(*) as n from loads').get();
    const before = loads();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(served.asked).toEqual([]);
    const admin = await signIn(app, store, 'admin');
    const settings = (await admin.inject('/api/settings')).json();
    const changed = await admin.inject({
      method: 'PUT',
      url: '/api/settings',
      payload: { ...settings, dfeDailyCheck: true },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    for (let i = 0; i < 100 && served.asked.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(served.asked.length).toBeGreaterThan(0);
    const checks = store.db.$client.prepare('select count(*) as n from dfe_checks').get() as { n: number };
    expect(checks.n).toBe(store.catalogue.sources.length);
    // Once a day: the next ticks find the last check fresh and do not ask again.
    const asked = served.asked.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(served.asked.length).toBe(asked);
    expect(loads()).toEqual(before);
  });
});

describe('a published pack and DfE’s later revision', () => {
  it('keeps the figure the committee read, and says DfE has since revised it, from what to what', async () => {
    const store = bundledStore();
    const catalogue = store.catalogue;
    const releases = bundledReleases(catalogue.sources);
    const served = await startRecordedDfe(catalogue.sources, releases);
    closers.push(served.close);
    await loadFigures(
      store,
      'indicator,time_period,time_identifier,geographic_level,old_la_code,new_la_code,la_name,value\nplacements-3-or-more,202627,Financial year Q2,Local authority,855,E10000018,Leicestershire,9.1',
    );
    const app = await buildApp({ store, now: () => TODAY, dfeEndpoints: served.endpoints });
    closers.push(() => app.close());
    const analyst = await signIn(app, store, 'analyst');
    const lead = await signIn(app, store, 'service-lead', { themes: catalogue.themes.map((t) => t.id) });
    const drafted = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2026-27-Q2' },
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const pack = PackSchema.parse(drafted.json());
    // A rate or percentage whose England figure the public paper prints, from a source DfE can be asked for.
    const pullable = new Set(releases.keys());
    const quotedRow = pack.rows.find(
      (r) =>
        r.indicator.unit !== 'count' &&
        r.assessment.england?.basis === 'dfe' &&
        r.assessment.england.value !== null &&
        pullable.has(catalogue.indicators.find((i) => i.id === r.indicator.id)?.dfe?.file ?? ''),
    )!;
    expect(quotedRow).toBeDefined();
    const quoted = quotedRow.assessment.england!;
    const indicator = catalogue.indicators.find((i) => i.id === quotedRow.indicator.id)!;
    const file = indicator.dfe!.file;
    const source = catalogue.sources.find((s) => s.file === file)!;
    expect(
      (await analyst.inject({ method: 'POST', url: `/api/packs/${pack.id}/state`, payload: { state: 'ready' } }))
        .statusCode,
    ).toBe(200);
    for (const p of pack.paragraphs.filter((x) => x.ragStatus === 'amber' || x.ragStatus === 'red')) {
      await lead.inject({
        method: 'PUT',
        url: `/api/packs/${pack.id}/text`,
        payload: { indicatorId: p.indicatorId, kind: 'commentary', text: `Why: ${p.label}.` },
      });
    }
    const published = await lead.inject({
      method: 'POST',
      url: `/api/packs/${pack.id}/state`,
      payload: { state: 'published' },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(PackSchema.parse(published.json()).dfeRevisions).toEqual([]);

    // DfE's next release revises that England figure by a visible amount.
    const { csv: next } = nextRelease(store.db, catalogue, file, { share: 0 });
    const year = String(Number(quoted.period.id.slice(0, 4)) + 1);
    const revised = reviseFigure(
      next,
      catalogue,
      { indicatorId: indicator.id, level: 'National', timePeriod: year },
      (old) => {
        const places = old.split('.')[1]?.length ?? 0;
        return (Number(old) + 2).toFixed(places);
      },
    );
    releases.set(file, {
      csv: revised.csv,
      version: source.apiDataSetId ? '2.0' : nextFileId(source),
      releaseTitle: 'Reporting year 2026',
      published: '2026-11-20',
      earlier: [{ version: '1.0', status: 'Published' }],
    });
    const outcome = DfePullOutcomeSchema.parse(
      (await analyst.inject({ method: 'POST', url: '/api/dfe/pulls', payload: { sources: [file] } })).json(),
    );
    expect(outcome.refused).toEqual([]);
    const pull = outcome.pulls[0]!;
    expect(pull.report.revisions.map((r) => `${r.indicatorId} ${r.place} ${r.periodLabel}`)).toContain(
      `${indicator.id} England ${quoted.period.label}`,
    );
    const approved = await analyst.inject({
      method: 'POST',
      url: `/api/dfe/pulls/${pull.id}/approve`,
      payload: { planHash: pull.planHash },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const after = PackSchema.parse((await analyst.inject(`/api/packs/${pack.id}`)).json());
    const row = after.rows.find((r) => r.indicator.id === indicator.id)!;
    expect(row.assessment.england!.value).toBe(quoted.value);
    const words = (v: string) => formatFigure(Number(v), indicator.unit, indicator.decimals);
    expect(after.dfeRevisions).toEqual([
      {
        indicatorId: indicator.id,
        label: indicator.label,
        what: 'england',
        place: 'England',
        periodLabel: quoted.period.label,
        words: `DfE has since revised this figure from ${words(revised.before)} to ${words(revised.after)} (England, ${quoted.period.label}; DfE's Reporting year 2026).`,
      },
    ]);
    // Every reader of the published paper sees the note, a viewer too.
    const viewer = await signIn(app, store, 'viewer');
    expect(PackSchema.parse((await viewer.inject(`/api/packs/${pack.id}`)).json()).dfeRevisions).toHaveLength(1);
  }, 120_000);
});
