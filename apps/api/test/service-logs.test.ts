/**
 * The committee's other reports (issue 24) through the real server: each service log loaded as an analyst loads
 * it (dry run, then commit against its plan), replaced by a later log, reverted, refused when it has errors; the
 * reports read in full by staff and in public with small numbers withheld; their CSV, Excel and PDF; and every
 * route against a stranger, the wrong role, odd spellings and a burst.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadReportSchema, LogStatusSchema, ReportDocumentSchema } from '@indicate/contracts';
import { logKindOf, parsePeriodId, readLog, type LogKind } from '@indicate/core';
import { complaintsReport, fosteringReport } from '@indicate/core/reports';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeSettings } from '../src/auth/settings.ts';
import { PackSchema } from '@indicate/contracts';
import { REPO_ROOT } from '../src/config.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { readNationalFostering } from '../src/reports/service.ts';
import { bundledStore, DATA_DIR, freshStore, testApp } from './helpers.ts';
import { readPdf } from './pdf-text.ts';
import { signIn } from './sign-in.ts';

const NOW = new Date('2026-12-07T10:00:00Z');
const EXAMPLES = path.join(DATA_DIR, 'examples', 'reports');
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');

async function setUp(now = NOW) {
  const store = freshStore();
  const app = await testApp({ store, now: () => now });
  const analyst = await signIn(app, store, 'analyst');
  const load = async (name: string, csv: string, dryRun = false, expectPlan?: string) =>
    analyst.inject({
      method: 'POST',
      url: `/api/loads?fileName=${encodeURIComponent(name)}${dryRun ? '&dryRun=true' : ''}${expectPlan ? `&expectPlan=${expectPlan}` : ''}`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
  return { store, app, analyst, load };
}

/** The rows core reads from an example file: the same reading the loader did, for comparing the server's report with. */
function exampleRows(name: string) {
  const records = (parse(example(name), { relax_column_count: true, skip_empty_lines: true }) as string[][]).filter(
    (r) => !(r[0] ?? '').startsWith('#'),
  );
  const kind = logKindOf(records[0]!) as LogKind;
  return readLog(
    kind,
    records[0]!,
    records.slice(1).map((cells, i) => ({ row: i + 3, cells })),
    {
      today: '2026-12-07',
      measures: new Set(),
    },
  ).rows;
}

describe('service logs through the one loader', () => {
  it('dry-runs a complaints log, commits it against its plan, and lists it as the current log', async () => {
    const { analyst, load } = await setUp();
    const dry = await load('complaints.csv', example('complaints.csv'), true);
    expect(dry.statusCode).toBe(200);
    const report = LoadReportSchema.parse(dry.json());
    expect(report).toMatchObject({
      format: 'service-log-csv',
      committed: false,
      log: { kind: 'complaints', replacesLoadId: null },
    });
    expect(report.log!.new).toBe(report.counts.rowsRead);
    const commit = await load('complaints.csv', example('complaints.csv'), false, report.planHash!);
    expect(commit.statusCode).toBe(201);
    const loadId = LoadReportSchema.parse(commit.json()).loadId;
    const logs = LogStatusSchema.array().parse((await analyst.inject('/api/logs')).json());
    expect(logs.find((l) => l.kind === 'complaints')).toMatchObject({
      loadId,
      fileName: 'complaints.csv',
      rows: report.counts.rowsRead,
    });
    expect(logs.find((l) => l.kind === 'compliments')).toMatchObject({ loadId: null, rows: 0 });
    // The load is in the history as a log, and audited.
    const history = (await analyst.inject('/api/loads')).json() as Array<{ id: number; logKind: string | null }>;
    expect(history[0]).toMatchObject({ id: loadId, logKind: 'complaints' });
  });

  it('a later log replaces it, naming the rows new, changed (and which columns) and gone; a revert puts the first back', async () => {
    const { analyst, load } = await setUp();
    const header = 'reference,stage,received,responded,extended,outcome';
    const first = [
      header,
      'C-1,1,2026-03-27,2026-04-14,no,not upheld',
      'C-2,1,2026-04-01,,no,',
      'C-3,1,2026-05-01,2026-05-08,no,upheld',
    ].join('\n');
    const second = [
      header,
      'C-1,1,2026-03-27,2026-04-14,no,not upheld',
      'C-2,1,2026-04-01,2026-04-20,no,upheld',
      'C-4,1,2026-06-01,,no,',
    ].join('\n');
    const a = LoadReportSchema.parse((await load('log-1.csv', first)).json());
    const dry = LoadReportSchema.parse((await load('log-2.csv', second, true)).json());
    expect(dry.log).toMatchObject({ replacesLoadId: a.loadId, new: 1, changed: 1, unchanged: 1, removed: 1 });
    expect(dry.log!.changes).toEqual([
      { row: 3, key: 'C-2 | 1', change: 'changed', columns: ['responded', 'outcome'] },
      { row: 4, key: 'C-4 | 1', change: 'new', columns: [] },
      { row: null, key: 'C-3 | 1', change: 'removed', columns: [] },
    ]);
    // A commit against a plan that is no longer true (another log loaded meanwhile) is refused.
    const b = LoadReportSchema.parse((await load('log-2.csv', second)).json());
    const stale = await load('log-2.csv', second, false, dry.planHash!);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('plan_changed');

    // The first log cannot be reverted while the second stands; the second can, and the first is current again.
    const early = await analyst.inject({ method: 'POST', url: `/api/loads/${a.loadId}/revert` });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain(`later load(s) ${b.loadId}`);
    expect((await analyst.inject({ method: 'POST', url: `/api/loads/${b.loadId}/revert` })).statusCode).toBe(200);
    const doc = ReportDocumentSchema.parse((await analyst.inject('/api/reports/complaints?period=2026-27-Q1')).json());
    expect(doc.sources.find((s) => s.log === 'complaints')).toMatchObject({ loadId: a.loadId, fileName: 'log-1.csv' });
    // A reverted log is put back by loading its file again, not re-applied.
    const reapply = await analyst.inject({ method: 'POST', url: `/api/loads/${b.loadId}/reapply` });
    expect(reapply.statusCode).toBe(409);
    expect(reapply.json().error.code).toBe('is_log');
  });

  it('refuses a log with errors, naming row and column, and writes nothing', async () => {
    const { analyst, load } = await setUp();
    const bad = ['household,type,approved,places', 'FH-1,mainstream,31/02/2026,2', 'FH-2,kinship,2020-01-01,1'].join(
      '\n',
    );
    const response = await load('register.csv', bad);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.errors).toEqual([
      { row: 2, column: 'approved', message: '"31/02/2026" is not a date (write it yyyy-mm-dd or dd/mm/yyyy)' },
      { row: 3, column: 'type', message: 'type must be one of: mainstream; connected person (not "kinship")' },
    ]);
    const logs = LogStatusSchema.array().parse((await analyst.inject('/api/logs')).json());
    expect(logs.every((l) => l.loadId === null)).toBe(true);
  });

  it('loads a log kept in Excel, its dates as date cells (a formula among them), as a council would send it', async () => {
    const { store } = await setUp();
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Compliments');
    sheet.addRow(['compliment', 'received', 'team', 'from']);
    sheet.addRow(['K-1', new Date(Date.UTC(2026, 2, 4)), 'Fostering', 'Parent or carer']);
    sheet.addRow(['K-2', { formula: 'DATE(2026,3,5)', result: new Date(Date.UTC(2026, 2, 5)) }, 'Care leavers', '']);
    sheet.getColumn(2).numFmt = 'dd/mm/yyyy';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-xlsx-log-')), 'compliments.xlsx');
    await book.xlsx.writeFile(file);
    try {
      const report = await runLoad(store.db, store.catalogue, {
        path: file,
        fileName: 'compliments.xlsx',
        loadedBy: 'analyst@example.org',
        dryRun: false,
        now: () => NOW,
      });
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({
        committed: true,
        format: 'service-log-xlsx',
        log: { kind: 'compliments', new: 2 },
      });
      const rows = store.db.$client.prepare('select data from log_rows order by row').all() as Array<{ data: string }>;
      expect(rows.map((r) => JSON.parse(r.data).received)).toEqual(['2026-03-04', '2026-03-05']);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('loads every worked example, the compliments written dd/mm/yyyy as councils keep them', async () => {
    const { analyst, load } = await setUp();
    for (const name of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.csv'))) {
      const response = await load(name, example(name));
      expect(response.statusCode, `${name}: ${response.body.slice(0, 300)}`).toBe(201);
    }
    const logs = LogStatusSchema.array().parse((await analyst.inject('/api/logs')).json());
    expect(logs.every((l) => l.loadId !== null && l.rows > 0)).toBe(true);
  });
});

describe('the reports, in full and in public', () => {
  async function loaded(now = NOW) {
    const s = await setUp(now);
    for (const name of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.csv'))) await s.load(name, example(name));
    return s;
  }

  it("the server's reports are core's, from the logs as loaded", async () => {
    const { analyst } = await loaded();
    const period = (parsePeriodId('2026-27-Q2', 'financial-quarter') as { ok: true; period: never }).period;
    const fostering = ReportDocumentSchema.parse(
      (await analyst.inject('/api/reports/fostering?period=2026-27-Q2')).json(),
    );
    const expected = fosteringReport(
      {
        households: exampleRows('fostering-households.csv'),
        recruitment: exampleRows('fostering-recruitment.csv'),
        period,
        today: '2026-12-07',
        national: readNationalFostering(DATA_DIR),
      },
      { public: false, threshold: 5 },
    );
    // Core's sections, then the children placed from the figures held (none loaded in this store: said so).
    expect(fostering.sections.slice(0, -1)).toEqual(expected.sections);
    expect(fostering.sections.at(-1)).toMatchObject({
      id: 'children-placed',
      paragraphs: [expect.stringContaining('No breakdown of the children in care by placement is held')],
    });
    const complaints = ReportDocumentSchema.parse(
      (await analyst.inject('/api/reports/complaints?period=2026-27-Q2')).json(),
    );
    expect(complaints.sections).toEqual(
      complaintsReport(
        {
          complaints: exampleRows('complaints.csv'),
          compliments: exampleRows('compliments.csv'),
          period,
          today: '2026-12-07',
        },
        { public: false, threshold: 5 },
      ).sections,
    );
    // With no period: the quarter being reported (July to September, on 7 December).
    const byDefault = ReportDocumentSchema.parse((await analyst.inject('/api/reports/complaints')).json());
    expect(byDefault.period).toMatchObject({ id: '2026-27-Q2', from: '2026-07-01', to: '2026-09-30' });
    // The annual report: a financial year.
    const annual = ReportDocumentSchema.parse((await analyst.inject('/api/reports/complaints?period=2025-26')).json());
    expect(annual.period).toMatchObject({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('in public: no count from 1 to 4 about people, no learning, and a note saying why; a signed-in reader may take the public version', async () => {
    const { app, store, analyst } = await loaded();
    writeSettings(store.db, { publicRead: true });
    // Tables that count people (complaints, compliments, why carers left, why applications ended): no 1 to 4.
    const aboutPeople: Record<string, string[] | null> = {
      complaints: null,
      fostering: ['deregistrations', 'withdrawals', 'timeliness'],
    };
    for (const [report, tables] of Object.entries(aboutPeople)) {
      const response = await app.inject(`/api/reports/${report}?period=2026-27-Q2`);
      expect(response.statusCode).toBe(200);
      const doc = ReportDocumentSchema.parse(response.json());
      const cells = doc.sections.flatMap((s) =>
        s.tables
          .filter((t) => tables === null || tables.includes(t.id))
          .flatMap((t) => t.rows.flatMap((r) => r.slice(1))),
      );
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells)
        if (c.value != null && !c.text.endsWith('%')) expect(c.value === 0 || c.value >= 5).toBe(true);
      expect(response.body).not.toContain('Managers check visit records weekly');
      expect(doc.withheldNote).toMatch(/not shown in the public version/);
    }
    expect((await app.inject('/api/reports/inspection')).statusCode).toBe(200);
    const full = await analyst.inject('/api/reports/complaints/csv?period=2026-27-Q2');
    expect(full.body).toContain('Learning recorded');
    const open = await analyst.inject('/api/reports/complaints/csv?period=2026-27-Q2&version=public');
    expect(open.body).not.toContain('Learning recorded');
    expect(open.headers['content-disposition']).toContain('complaints-2026-27-Q2-public.csv');
  });

  it('downloads as CSV, Excel and a PDF paper', async () => {
    const { analyst } = await loaded();
    const csv = await analyst.inject('/api/reports/fostering/csv?period=2025-26');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('Fostering service report (National Minimum Standard 25.7)');
    expect(csv.body).toContain('The recruitment funnel');
    const xlsx = await analyst.inject('/api/reports/complaints/xlsx?period=2025-26');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await analyst.inject('/api/reports/inspection/pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("keeps the action plan's statuses with each load: the next plan shows them as history", async () => {
    // Read the day after the loads (which take the real clock), so the first plan's day is history.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const { analyst, load } = await loaded(tomorrow);
    const edited = example('inspection-actions.csv').replace(
      'ILACS 2025,2,The timeliness and quality of health assessments for children in care.,2.2,Monthly audit of health assessment quality with the designated nurse.,Designated nurse and Head of Quality Assurance,2026-12-18,,',
      'ILACS 2025,2,The timeliness and quality of health assessments for children in care.,2.2,Monthly audit of health assessment quality with the designated nurse.,Designated nurse and Head of Quality Assurance,2026-12-18,2026-12-04,',
    );
    expect(edited).not.toBe(example('inspection-actions.csv'));
    expect((await load('plan-december.csv', edited)).statusCode).toBe(201);
    const doc = ReportDocumentSchema.parse((await analyst.inject('/api/reports/inspection')).json());
    const recs = doc.sections.flatMap((s) => s.tables).find((t) => t.id === 'recommendations-ILACS 2025')!;
    // The first plan's statuses (kept on the day it was loaded), then today's.
    expect(recs.columns.slice(0, 2)).toEqual(['Recommendation', "Ofsted's words"]);
    expect(recs.columns.slice(2)).toEqual([
      expect.stringMatching(/^Status on \d+ \w{3} \d{4}$/),
      expect.stringMatching(/^Status on \d+ \w{3} \d{4}$/),
    ]);
    // Recommendation 2 was amber (its audit due within 20 working days); its audit is now done.
    const two = recs.rows.find((r) => r[0]!.text === '2')!;
    expect(two.slice(2).map((c) => c.rag)).toEqual(['amber', 'green']);
  });
});

describe('the fostering report: children placed, from the figures already held', () => {
  it('shows children in care by placement type and provider as loaded, withholding small groups in public', async () => {
    const { analyst, app, store, load } = await setUp();
    await load('fostering-households.csv', example('fostering-households.csv'));
    const header =
      'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,breakdown,breakdown_group';
    const row = (value: number, dimension = '', group = '') =>
      `cic-count,202627,Financial year Q2,Local authority,855,${value},,,${dimension},${group}`;
    const figures = [
      header,
      row(60),
      row(40, 'placement-provider', 'own'),
      row(17, 'placement-provider', 'private'),
      row(3, 'placement-provider', 'other'),
    ];
    const loaded = await analyst.inject({
      method: 'POST',
      url: '/api/loads?fileName=cic.csv&confirmJumps=true',
      headers: { 'content-type': 'text/csv' },
      payload: figures.join('\n'),
    });
    expect(loaded.statusCode, loaded.body).toBe(201);
    const full = ReportDocumentSchema.parse((await analyst.inject('/api/reports/fostering?period=2026-27-Q2')).json());
    const placed = full.sections.find((s) => s.id === 'children-placed')!;
    expect(placed.tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Placed by the council itself (PR1)', '40'],
      ['Provided by a private provider (PR4)', '17'],
      ['Parents or another public body (PR0, PR3)', '3'],
    ]);
    writeSettings(store.db, { publicRead: true });
    const open = ReportDocumentSchema.parse((await app.inject('/api/reports/fostering?period=2026-27-Q2')).json());
    const cells = open.sections.find((s) => s.id === 'children-placed')!.tables[0]!.rows.map((r) => r[1]!.text);
    // 3 is a small number, and 17 would give it back from the whole (60 - 40 - 17): both withheld.
    expect(cells).toEqual(['40', 'withheld', 'withheld']);
    expect(open.withheldNote).toMatch(/not shown in the public version/);
  });
});

describe('the pack carries the other reports', () => {
  it("a home council's pack for the quarter carries each report as the public reads it, the annex in full, and its PDF prints them", async () => {
    // The bundled data, with the worked example's logs loaded on first start, and the current quarter's figures.
    const store = bundledStore();
    const quarter = path.join(REPO_ROOT, 'tests', 'fixtures', 'leicestershire-2026-27-q1-q2.csv');
    const loaded = await runLoad(store.db, store.catalogue, {
      path: quarter,
      fileName: 'q1-q2.csv',
      loadedBy: 'analyst@example.org',
      dryRun: false,
      confirmJumps: true,
      now: () => NOW,
    });
    expect(loaded.committed).toBe(true);
    const app = await testApp({ store, now: () => NOW });
    const analyst = await signIn(app, store, 'analyst');
    const drafted = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2026-27-Q2' },
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const pack = PackSchema.parse(drafted.json());
    expect(pack.serviceReports.map((r) => r.report)).toEqual(['fostering', 'complaints', 'inspection']);
    expect(pack.serviceReports.every((r) => r.period.id === '2026-27-Q2')).toBe(true);
    expect(JSON.stringify(pack.serviceReports)).not.toContain('Learning recorded');
    // The complaints report withholds small numbers in the paper: in full in the members' annex.
    expect(pack.serviceReportsAnnex.map((r) => r.report)).toContain('complaints');
    // What the service learned about real cases stays with staff: not in the members' annex either.
    expect(JSON.stringify(pack.serviceReportsAnnex)).not.toContain('Learning recorded');

    const paper = (await readPdf((await analyst.inject(`/api/packs/${pack.id}/pdf`)).rawPayload))
      .map((p) => p.text)
      .join(' ');
    expect(paper).toContain('Fostering service report (National Minimum Standard 25.7): Q2 2026/27 (Jul-Sep 2026)');
    expect(paper).toContain('Recommendations and their status: ILACS 2025');
    expect(paper).toContain('Numbers from 1 to 4 are not shown in the public version');
    expect(paper).not.toContain('Learning recorded');
    const annex = (await readPdf((await analyst.inject(`/api/packs/${pack.id}/pdf?part=annex`)).rawPayload))
      .map((p) => p.text)
      .join(' ');
    expect(annex).toContain('(in full, not for publication)');
    expect(annex).not.toContain('Learning recorded');

    // Undoing a log a draft pack's reports were made from names the pack first, as undoing its figures does.
    const complaintsLoad = pack.serviceReports.find((r) => r.report === 'complaints')!.sources[0]!.loadId!;
    const refused = await analyst.inject({ method: 'POST', url: `/api/loads/${complaintsLoad}/revert` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('packs_rely');

    // Another council's pack carries none, even for a year the logs cover: the logs are the home council's own.
    const other = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '856', period: '2024-25' },
    });
    expect(other.statusCode, other.body).toBe(201);
    expect(PackSchema.parse(other.json()).serviceReports).toEqual([]);
    // Nor does a quarter before the logs begin (they begin in 2024): no page of noughts.
    const old = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2018-19-Q1' },
    });
    expect(old.statusCode, old.body).toBe(201);
    expect(PackSchema.parse(old.json()).serviceReports).toEqual([]);
  });

  it('a report for a quarter before a log begins says so instead of printing noughts', async () => {
    const { analyst, load } = await setUp();
    await load('complaints.csv', example('complaints.csv'));
    const doc = ReportDocumentSchema.parse((await analyst.inject('/api/reports/complaints?period=2019-20-Q1')).json());
    expect(doc.notes).toEqual([
      'Complaints log (children’s social care): as loaded, it begins on 3 April 2024, after this period, so it has nothing for it.',
      'Compliments: not loaded, so its part of the report is empty.',
    ]);
  });
});

describe('the report routes under attack', () => {
  it('refuses strangers (public read off), the wrong role, odd values and spellings, with a message; a burst is answered', async () => {
    const { app, store, analyst } = await setUp();
    expect((await app.inject('/api/reports/fostering')).statusCode).toBe(401);
    expect((await app.inject('/api/reports/fostering/pdf')).statusCode).toBe(401);
    expect((await app.inject('/api/logs')).statusCode).toBe(401);
    expect((await app.inject('/api/logs/complaints/template.csv')).statusCode).toBe(401);
    const viewer = await signIn(app, store, 'viewer');
    expect((await viewer.inject('/api/logs')).statusCode).toBe(403);
    expect((await viewer.inject('/api/reports/complaints')).statusCode).toBe(200);
    for (const [url, words] of [
      ['/api/reports/finance', 'report'],
      ['/api/reports/complaints?period=2026-27-Q5', 'period'],
      ['/api/reports/complaints?period=2031-32', 'has not begun'],
      ['/api/reports/complaints?period=2026-27-Q2&extra=1', 'extra'],
      ['/api/reports/complaints/docx', 'format'],
      ['/api/logs/payroll/template.csv', 'kind'],
    ] as const) {
      const response = await viewer.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.body, url).toContain(words);
    }
    expect((await app.inject('/api/%72eports/fostering')).statusCode).toBe(401);
    const template = await analyst.inject('/api/logs/inspection-actions/template.csv');
    expect(template.body.trim().split('\r\n').at(-1)).toMatch(/^inspection,recommendation,recommendation_text,action,/);
    const burst = await Promise.all(Array.from({ length: 20 }, () => viewer.inject('/api/reports/inspection')));
    expect(burst.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
  });
});
