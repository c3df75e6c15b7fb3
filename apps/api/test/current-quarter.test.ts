import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CommentarySchema,
  AuditRowSchema,
  LoadReportSchema,
  LocalAuthoritiesSchema,
  RagRuleSettingSchema,
  ScorecardSchema,
  type Scorecard,
} from '@indicate/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { openStore, type Store } from '../src/store.ts';
import { copyOfBundledDb, DATA_DIR } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * Issue 20: the quarter being reported, on today's date. Leicestershire's Q1 and Q2 2026/27 are loaded
 * through the template as an analyst would (each quarterly indicator's latest figure, moved a little),
 * with DfE's newest year (2025/26) not yet loaded, and the clock at 7 December 2026.
 */

const TODAY = new Date('2026-12-07T10:00:00Z');
const HEADER = 'indicator,time_period,time_identifier,geographic_level,old_la_code,new_la_code,la_name,value,quartile';
/** Quartiles the committee papers print for measures DfE publishes no all-council figures of. */
const PUBLISHED_QUARTILE: Record<string, number> = { 'first-time-entrants': 1, 'schools-good-outstanding': 2 };

let store: Store;
let app: FastifyInstance;
let analyst: Awaited<ReturnType<typeof signIn>>;
let viewer: Awaited<ReturnType<typeof signIn>>;
let dir: string;

function quarterFile(quarter: 1 | 2, bump: number, extra: string[] = []): string {
  const rows = store.catalogue.indicators
    .filter((i) => i.origin === 'council' && i.periodType === 'financial-quarter')
    .flatMap((i) => {
      const latest = store.db.$client
        .prepare(
          `select value from observations where indicator_id = ? and geography_code = '855'
             and geography_level = 'local-authority' and value is not null order by period_end desc limit 1`,
        )
        .get(i.id) as { value: number } | undefined;
      if (!latest) return [];
      const value = Math.round(latest.value * (1 + bump) * 10) / 10;
      return [
        `${i.id},202627,Financial year Q${quarter},Local authority,855,E10000018,Leicestershire,${value},${PUBLISHED_QUARTILE[i.id] ?? ''}`,
      ];
    });
  const file = path.join(dir, `q${quarter}-${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, [HEADER, ...rows, ...extra].join('\n') + '\n');
  return file;
}

async function load(file: string, dryRun: boolean) {
  return LoadReportSchema.parse(
    await runLoad(store.db, store.catalogue, {
      path: file,
      fileName: path.basename(file),
      loadedBy: 'analyst@example.org',
      dryRun,
      now: () => TODAY,
    }),
  );
}

async function card(period: string): Promise<Scorecard> {
  const response = await viewer.inject(`/api/scorecard?la=855&period=${period}`);
  expect(response.statusCode, response.body).toBe(200);
  return ScorecardSchema.parse(response.json());
}

const judged = (c: Scorecard) =>
  new Set(c.rows.filter((r) => r.assessment.quartile && r.assessment.rag.status !== 'none').map((r) => r.indicator.id));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-quarter-'));
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  app = await buildApp({ store, now: () => TODAY });
  analyst = await signIn(app, store, 'analyst');
  viewer = await signIn(app, store, 'viewer');
}, 60_000);

afterAll(async () => {
  await app?.close();
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the quarter being reported, with DfE’s newest year not yet published', () => {
  it('the dry run says which DfE year benchmarks each figure, and warns where one will have no RAG', async () => {
    const q1 = quarterFile(1, 0.01);
    const dry = await load(q1, true);
    expect(dry.counts.errors).toBe(0);
    const cp = dry.judgements.find((j) => j.indicatorId === 'cp-repeat-plans')!;
    expect(cp.benchmark).toBe("2024/25, DfE's latest; 2025/26 was due from DfE in October 2026 and is not loaded yet");
    expect(cp.rag).toBe(true);
    const stability = dry.judgements.find((j) => j.indicatorId === 'placements-3-or-more')!;
    expect(stability.benchmark).toContain('2025/26 was due from DfE in November 2026');
    // Judged against a target, and none set: it will have no RAG, and a warning says how to give it one.
    const returns = dry.judgements.find((j) => j.indicatorId === 'return-interviews-completed')!;
    expect(returns.rag).toBe(false);
    expect(
      dry.warnings.some((w) => w.message.includes('return-interviews-completed') && /Target row/.test(w.message)),
    ).toBe(true);
    expect(dry.counts.warnings).toBeGreaterThan(0);
    expect((await load(q1, false)).committed).toBe(true);
  });

  it('Q2 2026/27 gets a quartile and RAG for at least 90% of the indicators that have them in Q1 2018/19, each labelled', async () => {
    const target = 'return-interviews-completed,202627,Financial year Q1,Target,855,E10000018,Leicestershire,80,';
    expect((await load(quarterFile(2, 0.03, [target]), false)).committed).toBe(true);
    const then = judged(await card('2018-19-Q1'));
    const now = await card('2026-27-Q2');
    const nowJudged = judged(now);
    const kept = [...then].filter((id) => nowJudged.has(id));
    expect(then.size).toBeGreaterThan(10);
    expect(kept.length / then.size).toBeGreaterThanOrEqual(0.9);
    const quarterRows = now.rows.filter(
      (r) => r.figure.period.id === '2026-27-Q2' && r.assessment.quartile?.basis === 'computed',
    );
    expect(quarterRows.length).toBeGreaterThanOrEqual(12);
    for (const row of quarterRows) {
      // Every DfE year is 2024/25: the financial year, or for early education the academic year.
      const year = row.assessment.benchmarkPeriod.id;
      expect(['2024-25', 'AY2024-25']).toContain(year);
      expect(row.assessment.benchmarkLabel).toMatch(
        /^(AY )?2024\/25, DfE's latest; (AY )?2025\/26 (was|is) due from DfE in/,
      );
      expect(row.assessment.benchmarkRule).toContain('the latest that ended by 30 September 2026');
      // England, the region and the neighbours come from the same year as the quartile.
      expect(row.assessment.england?.period.id ?? year).toBe(year);
      expect(row.assessment.statNeighbours?.period.id ?? year).toBe(year);
    }
  });

  it('a target set for Q1 applies in Q2, labelled with where it was set', async () => {
    const row = (await card('2026-27-Q2')).rows.find((r) => r.indicator.id === 'return-interviews-completed')!;
    expect(row.assessment.target?.value).toBe(80);
    expect(row.assessment.target?.setFor).toBe('Q1 2026/27');
    expect(row.assessment.rag.status).not.toBe('none');
  });

  it('an analyst may judge an indicator by its target instead of its quartile, audited; a viewer may not', async () => {
    const url = '/api/indicators/cp-repeat-plans/rag-rule';
    const refused = await viewer.inject({ method: 'PUT', url, payload: { rule: 'target' } });
    expect(refused.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'PUT', url, payload: { rule: 'target' } });
    expect(anonymous.statusCode).toBe(401);
    const local = await analyst.inject({
      method: 'PUT',
      url: '/api/indicators/return-interviews-72-hours/rag-rule',
      payload: { rule: 'benchmark' },
    });
    expect(local.statusCode).toBe(400);
    expect(local.json().error.message).toMatch(/cannot be judged by national quartile/);
    const changed = await analyst.inject({ method: 'PUT', url, payload: { rule: 'target' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(RagRuleSettingSchema.parse(changed.json())).toMatchObject({
      rule: 'target',
      catalogueRule: 'benchmark',
      chosen: true,
    });
    const row = (await card('2026-27-Q2')).rows.find((r) => r.indicator.id === 'cp-repeat-plans')!;
    expect(row.assessment.rag.proposed.rule).toBe('target');
    const admin = await signIn(app, store, 'admin');
    const audit = AuditRowSchema.array().parse((await admin.inject('/api/audit?action=rag-rule-change')).json());
    expect(audit[0]).toMatchObject({ action: 'rag-rule-change', target: 'indicator cp-repeat-plans' });
    const back = await analyst.inject({ method: 'PUT', url, payload: { rule: null } });
    expect(RagRuleSettingSchema.parse(back.json())).toMatchObject({ rule: 'benchmark', chosen: false });
  });

  it('commentary is corrected as a new version and can be withdrawn; a councillor then sees none, the history keeps it', async () => {
    const lead = await signIn(app, store, 'service-lead', { themes: ['child-protection'] });
    const key = 'indicatorId=cp-repeat-plans&la=855&period=2026-27-Q2';
    const write = (text: string) =>
      lead.inject({
        method: 'POST',
        url: '/api/commentary',
        payload: { indicatorId: 'cp-repeat-plans', la: '855', period: '2026-27-Q2', text },
      });
    expect((await write('Repeat plans rose after two large sibling groups.')).statusCode).toBe(201);
    expect((await write('Repeat plans rose after three large sibling groups.')).statusCode).toBe(201);
    const read = async (who: typeof lead) =>
      CommentarySchema.array().parse((await who.inject(`/api/commentary?${key}`)).json());
    expect((await read(viewer))[0]!.text).toBe('Repeat plans rose after three large sibling groups.');
    // An analyst drafts on top; only a service lead withdraws what is published, even under a draft.
    const draft = await analyst.inject({
      method: 'POST',
      url: '/api/commentary',
      payload: { indicatorId: 'cp-repeat-plans', la: '855', period: '2026-27-Q2', text: 'An analyst’s redraft.' },
    });
    expect(draft.json().status).toBe('draft');
    expect((await read(viewer))[0]!.text).toBe('Repeat plans rose after three large sibling groups.');
    const refused = await analyst.inject({ method: 'DELETE', url: `/api/commentary?${key}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/Only a service lead may withdraw published commentary/);
    expect((await app.inject({ method: 'DELETE', url: `/api/commentary?${key}` })).statusCode).toBe(401);
    const withdrawn = await lead.inject({ method: 'DELETE', url: `/api/commentary?${key}` });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await read(viewer)).toEqual([]);
    expect((await read(lead)).map((c) => c.status)).toEqual(['withdrawn', 'draft', 'published', 'published']);
    const again = await lead.inject({ method: 'DELETE', url: `/api/commentary?${key}` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('There is no commentary in force to withdraw.');
  });

  it('a council a reorganisation ended is named as such and cannot be the home council', async () => {
    const las = LocalAuthoritiesSchema.parse((await viewer.inject('/api/local-authorities')).json()).localAuthorities;
    const dorsets = las.filter((la) => la.name === 'Dorset');
    expect(dorsets.map((la) => [la.code, la.abolished])).toEqual([
      ['835', '2019-04-01'],
      ['838', null],
    ]);
    expect(las.find((la) => la.code === '928')!.abolished).toBe('2021-04-01');
    const admin = await signIn(app, store, 'admin');
    const settings = (await admin.inject('/api/settings')).json();
    const refused = await admin.inject({
      method: 'PUT',
      url: '/api/settings',
      payload: { ...settings, homeLa: '835' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/homeLa: 835 was abolished on 2019-04-01/);
  });
});
