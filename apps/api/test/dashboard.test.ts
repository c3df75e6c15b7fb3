import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../src/auth/audit.ts';
import { freshStore, loadFigures, testApp } from './helpers.ts';
import { signIn } from './sign-in.ts';

const HEADER = 'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator';
const FIGURES = [
  HEADER,
  'cp-repeat-plans,201819,Financial year Q1,Local authority,855,12.0,30,250',
  'placements-3-or-more,201819,Financial year Q1,Local authority,855,9.5,19,200',
  'lait-cp-conf-15days,201718,Financial year,Local authority,855,81.5,,',
].join('\n');

type Card = {
  rows: Array<{ indicator: { id: string; theme: string } }>;
  notReported: Array<{ indicator: { id: string } }>;
};
const ids = (card: Card) => [...card.rows, ...card.notReported].map((r) => r.indicator.id);

describe('the catalogue holds every LAIT measure', () => {
  it("lists the council's 33 indicators and an entry for each of LAIT's other 417 measures", async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const viewer = await signIn(app, store, 'viewer');
    const list = (await viewer.inject('/api/indicators')).json() as {
      themes: Array<{ id: string; label: string }>;
      indicators: Array<Record<string, unknown> & { id: string; origin: string }>;
    };
    expect(list.indicators.length).toBeGreaterThanOrEqual(400);
    expect(list.indicators.filter((i) => i.origin === 'council')).toHaveLength(33);
    expect(list.indicators.filter((i) => i.origin === 'lait')).toHaveLength(417);
    // A measure a hand-written indicator names is not listed twice.
    expect(list.indicators.some((i) => i.id === 'lait-lacstable-2016on')).toBe(false);
    expect(list.indicators.find((i) => i.id === 'placements-3-or-more')).toMatchObject({
      lait: { short: 'LACStable_2016on' },
    });
    // Every field from its dictionary row: the topic as a theme, plain-English definition, methodology and
    // link, unit and places, polarity, a rolling period named in the catalogue, source.
    expect(list.indicators.find((i) => i.id === 'lait-rta')).toMatchObject({
      label: 'Children killed or seriously injured in road traffic accidents',
      theme: 'lait-health-and-wellbeing',
      themeLabel: 'Health and Wellbeing',
      unit: 'rate-per-100000',
      decimals: 2,
      polarity: 'low',
      periodType: 'three-calendar-years',
      quartile: true,
      source: 'DfE LAIT',
      sourceDetail: 'Discontinued',
      lait: { short: 'RTA', code: '7' },
      link: expect.stringMatching(/^https:\/\/fingertips\.phe\.org\.uk\//),
      methodology: expect.stringContaining('Numerator: The number of children aged 0-15'),
      definition: expect.stringContaining('Road traffic collisions are a major cause of deaths in children'),
    });
    // No polarity: no quartile, no RAG rule.
    expect(list.indicators.find((i) => i.id === 'lait-cpp-total-num-ref')).toMatchObject({
      polarity: 'none',
      quartile: false,
      rag: { rule: 'none' },
      periodType: 'financial-year',
    });
    // A polarity, but LAIT shows no quartile (No_Quartile = N): no quartile, so no quartile-based RAG.
    expect(list.indicators.find((i) => i.id === 'lait-vacancies-cover')).toMatchObject({
      polarity: 'high',
      quartile: false,
      rag: { rule: 'none' },
      periodType: 'month',
    });
    expect(list.themes.map((t) => t.label)).toContain("Children's Service Finance");
  });

  it('stops start-up when a rolling period names a measure LAIT does not have', async () => {
    const { dataDirWithCatalogue } = await import('./helpers.ts');
    const dir = dataDirWithCatalogue((yaml) =>
      yaml.replace('  RTA: three-calendar-years', '  RTX: three-calendar-years'),
    );
    expect(() => freshStore(dir)).toThrow(/laitPeriodTypes\.RTX.*not a measure in LAIT's data dictionary/);
  });
});

describe('the scorecard set', () => {
  async function setUp() {
    const store = freshStore();
    await loadFigures(store, FIGURES);
    const app = await testApp({ store });
    return { store, app };
  }

  it("is the council's 33 indicators until someone changes it", async () => {
    const { store, app } = await setUp();
    const viewer = await signIn(app, store, 'viewer');
    const set = (await viewer.inject('/api/scorecard-set')).json() as {
      indicators: Array<{ id: string }>;
      isDefault: boolean;
    };
    expect(set.isDefault).toBe(true);
    expect(set.indicators).toHaveLength(33);
    const card = (await viewer.inject('/api/scorecard?la=855&period=2018-19-Q1')).json() as Card;
    expect(ids(card).sort()).toEqual(set.indicators.map((i) => i.id).sort());
  });

  it('an analyst adds a LAIT measure and drops others: the scorecard, summary and template follow, audited', async () => {
    const { store, app } = await setUp();
    const analyst = await signIn(app, store, 'analyst');
    const chosen = ['placements-3-or-more', 'lait-cp-conf-15days', 'cp-repeat-plans'];
    const response = await analyst.inject({
      method: 'PUT',
      url: '/api/scorecard-set',
      payload: { indicators: chosen },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ isDefault: false });
    const card = (await analyst.inject('/api/scorecard?la=855&period=2018-19-Q1')).json() as Card;
    // Rows in the set's order (each has a figure here).
    expect(ids(card)).toEqual(chosen);
    expect(card.rows.find((r) => r.indicator.id === 'lait-cp-conf-15days')).toBeDefined();
    const summary = (await analyst.inject('/api/summary?la=855&period=2018-19-Q1')).json() as { indicators: number };
    expect(summary.indicators).toBe(3);
    const csv = (await analyst.inject('/api/scorecard?la=855&period=2018-19-Q1&format=csv')).body;
    expect(csv.trim().split('\r\n')).toHaveLength(1 + card.rows.length);
    const template = (await analyst.inject('/api/loads/template.csv')).body;
    expect(
      template
        .trim()
        .split('\r\n')
        .filter((l) => !/^"?#/.test(l))
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(chosen);
    const [entry] = readAudit(store.db, { action: 'scorecard-set-change', limit: 5 });
    expect(entry).toMatchObject({ actor: analyst.email, after: JSON.stringify(chosen) });
    expect(JSON.parse(entry!.before!)).toBe('default');

    // Back to the default.
    const reset = await analyst.inject({ method: 'PUT', url: '/api/scorecard-set', payload: { indicators: null } });
    expect(reset.json()).toMatchObject({ isDefault: true });
    expect((reset.json() as { indicators: unknown[] }).indicators).toHaveLength(33);
  });

  it('refuses a viewer, a service lead, an anonymous caller, unknown ids and repeats, changing nothing', async () => {
    const { store, app } = await setUp();
    type Inject = (o: InjectOptions) => Promise<{ statusCode: number; json: () => { error: { message: string } } }>;
    const put = (inject: Inject, indicators: unknown) =>
      inject({ method: 'PUT', url: '/api/scorecard-set', payload: { indicators } as object });
    const viewer = await signIn(app, store, 'viewer');
    const lead = await signIn(app, store, 'service-lead', { themes: ['children-in-care'] });
    const analyst = await signIn(app, store, 'analyst');
    expect((await put(viewer.inject, ['lait-rta'])).statusCode).toBe(403);
    expect((await put(lead.inject, ['lait-rta'])).statusCode).toBe(403);
    expect((await put((o) => app.inject(o), ['lait-rta'])).statusCode).toBe(401);
    const unknown = await put(analyst.inject, ['lait-rta', 'no-such-measure']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/no-such-measure is not in the catalogue/);
    const twice = await put(analyst.inject, ['lait-rta', 'lait-rta']);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toMatch(/twice/);
    expect((await put(analyst.inject, [])).statusCode).toBe(400);
    expect(
      (
        await put(
          analyst.inject,
          Array.from({ length: 151 }, (_, i) => `x-${i}`),
        )
      ).statusCode,
    ).toBe(400);
    expect((await analyst.inject('/api/scorecard-set')).json()).toMatchObject({ isDefault: true });
    expect(readAudit(store.db, { action: 'scorecard-set-change', limit: 5 })).toHaveLength(0);
  });
});

describe('the home council and the service name', () => {
  it('are Leicestershire and "Children and Family Services" until an admin changes them', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const session = (await app.inject('/api/session')).json();
    expect(session).toMatchObject({
      homeLa: { code: '855', name: 'Leicestershire' },
      serviceName: 'Children and Family Services',
    });
    const admin = await signIn(app, store, 'admin');
    const settings = (await admin.inject('/api/settings')).json();
    const changed = await admin.inject({
      method: 'PUT',
      url: '/api/settings',
      payload: { ...settings, homeLa: '830', serviceName: "Children's Services" },
    });
    expect(changed.statusCode).toBe(200);
    expect((await app.inject('/api/session')).json()).toMatchObject({
      homeLa: { code: '830', name: 'Derbyshire' },
      serviceName: "Children's Services",
    });
    const [entry] = readAudit(store.db, { action: 'settings-change', limit: 1 });
    expect(JSON.parse(entry!.after!)).toMatchObject({ homeLa: '830' });
  });

  it('refuses an unknown council, markup in the name, and anyone but an admin', async () => {
    const store = freshStore();
    const app = await testApp({ store });
    const admin = await signIn(app, store, 'admin');
    const analyst = await signIn(app, store, 'analyst');
    const settings = (await admin.inject('/api/settings')).json();
    const put = (who: typeof admin, body: object) =>
      who.inject({ method: 'PUT', url: '/api/settings', payload: { ...settings, ...body } });
    const unknown = await put(admin, { homeLa: '999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/homeLa: no local authority has the code 999/);
    expect((await put(admin, { serviceName: '<script>x</script>' })).statusCode).toBe(400);
    expect((await put(admin, { serviceName: 'a\nb' })).statusCode).toBe(400);
    expect((await put(analyst, { homeLa: '830' })).statusCode).toBe(403);
    expect((await app.inject('/api/session')).json()).toMatchObject({ homeLa: { code: '855' } });
  });
});

describe('targets', () => {
  it("a year's target applies to its quarters until replaced, said with its tolerance and how the figure stands", async () => {
    const store = freshStore();
    await loadFigures(
      store,
      [
        `${HEADER},tolerance_kind,tolerance_amount`,
        'cp-repeat-plans,201819,Financial year Q1,Local authority,855,12.0,30,250,,',
        'placements-3-or-more,201819,Financial year Q1,Local authority,855,9.5,19,200,,',
        'cp-repeat-plans,201819,Financial year,Target,855,10.0,,,absolute,1',
        'placements-3-or-more,201819,Financial year Q1,Target,855,9.0,,,absolute,1',
      ].join('\n'),
    );
    const app = await testApp({ store });
    const viewer = await signIn(app, store, 'viewer');
    const card = (await viewer.inject('/api/scorecard?la=855&period=2018-19-Q1')).json() as {
      rows: Array<{
        indicator: { id: string };
        assessment: { target: { words: string; setFor: string | null } | null };
      }>;
    };
    const target = (id: string) => card.rows.find((r) => r.indicator.id === id)!.assessment.target;
    expect(target('cp-repeat-plans')).toMatchObject({
      setFor: '2018/19',
      words: 'Target 10.0% (± 1.0 percentage points): missed by 2.0 percentage points',
    });
    // A quarter's own target wins over the year's.
    expect(target('placements-3-or-more')).toMatchObject({
      setFor: null,
      words: 'Target 9.0% (± 1.0 percentage points): short by 0.5 percentage points, within the tolerance',
    });
  });
});
