import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PackSchema, type Pack } from '@indicate/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { writeSettings } from '../src/auth/settings.ts';
import { openStore, type Store } from '../src/store.ts';
import { DATA_DIR, copyOfBundledDb } from './helpers.ts';
import { signIn } from './sign-in.ts';

let store: Store;
let app: FastifyInstance;
let dir: string;
let analyst: Awaited<ReturnType<typeof signIn>>;
let lead: Awaited<ReturnType<typeof signIn>>;
let viewer: Awaited<ReturnType<typeof signIn>>;
let pack: Pack;

const THEMES = [
  'child-protection',
  'children-in-care',
  'care-leavers',
  'adoption',
  'missing-and-exploitation',
  'health',
  'early-help',
  'youth-justice',
  'education-and-employment',
];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-packs-'));
  // The bundled data, loaded once for the run by the real loader (global-setup.ts).
  store = openStore({ dbPath: copyOfBundledDb(dir), dataDir: DATA_DIR });
  app = await buildApp({ store });
  analyst = await signIn(app, store, 'analyst');
  lead = await signIn(app, store, 'service-lead', { themes: THEMES });
  viewer = await signIn(app, store, 'viewer');
}, 60_000);

afterAll(async () => {
  await app?.close();
  store?.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A PDF read back with Mozilla's pdf.js, as a reader's viewer reads it: each page's text (the embedded
 * font's characters, mapped back to Unicode), its size, and its structure tree's roles.
 */
async function readPdf(pdf: Buffer) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const document = await task.promise;
  const pages: Array<{ text: string; landscape: boolean; roles: string[] }> = [];
  for (let i = 1; i <= document.numPages; i++) {
    const page = await document.getPage(i);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
    const [, , width, height] = page.view as [number, number, number, number];
    const roles: string[] = [];
    const walk = (node: { role?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.role) roles.push(node.role);
      for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
    };
    walk((await page.getStructTree()) as { role?: string; children?: unknown[] } | null);
    // Lines joined as a reader's copy-and-paste would: one space where a line wraps.
    pages.push({ text: text.replace(/\s+/g, ' '), landscape: width > height, roles });
  }
  await task.destroy();
  return pages;
}

describe('drafting the Q1 2018/19 pack for Leicestershire', () => {
  beforeAll(async () => {
    const response = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2018-19-Q1' },
    });
    expect(response.statusCode, response.body).toBe(201);
    pack = PackSchema.parse(response.json());
  });

  it("states the papers' figures, with every number traced to its observation", () => {
    const placements = pack.paragraphs.find((p) => p.indicatorId === 'placements-3-or-more')!;
    const text = placements.draft.map((s) => ('text' in s ? s.text : s.number)).join('');
    expect(text).toContain('Q1 2018/19 8.3% (48)');
    // Benchmarked against DfE's 2017/18 (from LAIT's all-LA values), computed, not typed from the paper.
    expect(text).toContain('This places Leicestershire in the top quartile nationally (2017/18)');
    expect(text).toContain('the statistical neighbour average is 11.5% (2017/18) and England is 11.0% (2017/18)');
    const figure = placements.draft.find((s) => 'number' in s && s.number === '8.3%')!;
    expect('number' in figure && figure.source).toMatchObject({
      what: 'figure',
      periodId: '2018-19-Q1',
      sourceRef: expect.stringMatching(/^seeds\/002/),
    });
    const repeat = pack.paragraphs.find((p) => p.indicatorId === 'cp-repeat-plans')!;
    const repeatText = repeat.draft.map((s) => ('text' in s ? s.text : s.number)).join('');
    expect(repeatText).toMatch(/This places Leicestershire in the top quartile nationally \(2017\/18\)/);
  });

  it('has overview counts that agree with its own table', () => {
    const rows = pack.rows;
    const count = (d: string) => rows.filter((r) => r.assessment.vsPrevious.direction === d).length;
    expect(pack.overview[0]).toContain(`${count('better')} have improved`);
    expect(pack.overview[0]).toContain(`${count('similar')} show no significant change`);
    expect(pack.overview[0]).toContain(`${count('worse')} have declined`);
    const benchmarked = rows.filter((r) => r.assessment.quartile !== null).length;
    expect(pack.overview[1]).toContain(`Of the ${benchmarked} measures that can be benchmarked nationally`);
    expect(pack.ragKey.green).toBe(
      'Top quartile of local authorities or high in the second quartile with an improving trend',
    );
  });

  it('drafting again returns the open draft, not a second one', async () => {
    const again = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2018-19-Q1' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(pack.id);
  });

  it('a viewer cannot draft, and sees no unpublished pack', async () => {
    expect(
      (await viewer.inject({ method: 'POST', url: '/api/packs', payload: { la: '855', period: '2018-19-Q1' } }))
        .statusCode,
    ).toBe(403);
    expect((await viewer.inject(`/api/packs/${pack.id}`)).statusCode).toBe(404);
  });
});

describe('sign-off', () => {
  it('has one commentary per figure: the indicator page and the pack show and write the same one', async () => {
    const [first, second] = pack.paragraphs.filter((x) => x.ragStatus === 'amber' || x.ragStatus === 'red');
    const row = (id: string) => pack.rows.find((r) => r.indicator.id === id)!;
    // An analyst writes in the pack: a draft, on the figure itself.
    const drafted = await analyst.inject({
      method: 'PUT',
      url: `/api/packs/${pack.id}/text`,
      payload: { indicatorId: first!.indicatorId, kind: 'commentary', text: 'Draft: the service is recruiting.' },
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const inPack = PackSchema.parse(drafted.json()).paragraphs.find((p) => p.indicatorId === first!.indicatorId)!;
    expect(inPack).toMatchObject({
      commentary: { text: 'Draft: the service is recruiting.' },
      commentaryStatus: 'draft',
    });
    const key = `indicatorId=${first!.indicatorId}&la=855&period=${row(first!.indicatorId).figure.period.id}`;
    const onPage = (await analyst.inject(`/api/commentary?${key}`)).json() as Array<{ text: string; status: string }>;
    expect(onPage[0]).toMatchObject({ text: 'Draft: the service is recruiting.', status: 'draft' });
    // A service lead writes on the indicator page: the pack shows it, published, reopened as it was left.
    const second_ = row(second!.indicatorId);
    const written = await lead.inject({
      method: 'POST',
      url: '/api/commentary',
      payload: {
        indicatorId: second!.indicatorId,
        la: '855',
        period: second_.figure.period.id,
        text: 'Written on the indicator page.',
      },
    });
    expect(written.statusCode, written.body).toBe(201);
    const reopened = PackSchema.parse((await analyst.inject(`/api/packs/${pack.id}`)).json());
    expect(reopened.paragraphs.find((p) => p.indicatorId === second!.indicatorId)).toMatchObject({
      commentary: { text: 'Written on the indicator page.', author: lead.email },
      commentaryStatus: 'published',
    });
    expect(reopened.paragraphs.find((p) => p.indicatorId === first!.indicatorId)!.history[0]).toMatchObject({
      kind: 'commentary',
      text: 'Draft: the service is recruiting.',
    });
  });

  it('keeps edits with who and when, and will not publish amber or red without commentary', async () => {
    const edit = await lead.inject({
      method: 'PUT',
      url: `/api/packs/${pack.id}/text`,
      payload: {
        indicatorId: 'cp-repeat-plans',
        kind: 'paragraph',
        text: 'Repeat plans fell to 12%, the best in the region.',
      },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const edited = PackSchema.parse(edit.json()).paragraphs.find((p) => p.indicatorId === 'cp-repeat-plans')!;
    expect(edited.edited).toMatchObject({
      text: 'Repeat plans fell to 12%, the best in the region.',
      author: lead.email,
    });
    expect(edited.draft.length).toBeGreaterThan(3); // the draft is kept beside the edit

    expect(
      (await analyst.inject({ method: 'POST', url: `/api/packs/${pack.id}/state`, payload: { state: 'ready' } }))
        .statusCode,
    ).toBe(200);
    const early = await lead.inject({
      method: 'POST',
      url: `/api/packs/${pack.id}/state`,
      payload: { state: 'published' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(
      /^Amber and red indicators need published commentary \(a service lead's\) before publishing: /,
    );
    expect(
      (await analyst.inject({ method: 'POST', url: `/api/packs/${pack.id}/state`, payload: { state: 'published' } }))
        .statusCode,
    ).toBe(403);

    for (const p of pack.paragraphs.filter((x) => x.ragStatus === 'amber' || x.ragStatus === 'red')) {
      const response = await lead.inject({
        method: 'PUT',
        url: `/api/packs/${pack.id}/text`,
        payload: {
          indicatorId: p.indicatorId,
          kind: 'commentary',
          text: `Why and what we are doing about ${p.label}.`,
        },
      });
      expect(response.statusCode).toBe(200);
    }
    const published = await lead.inject({
      method: 'POST',
      url: `/api/packs/${pack.id}/state`,
      payload: { state: 'published' },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ state: 'published', stateChangedBy: lead.email });
    expect((await viewer.inject(`/api/packs/${pack.id}`)).statusCode).toBe(200);
    // Published: the commentary is frozen into the pack; a later word on the figure does not change it.
    const amber = PackSchema.parse(published.json()).paragraphs.find((x) => x.ragStatus === 'amber')!;
    const figurePeriod = pack.rows.find((r) => r.indicator.id === amber.indicatorId)!.figure.period.id;
    await lead.inject({
      method: 'POST',
      url: '/api/commentary',
      payload: { indicatorId: amber.indicatorId, la: '855', period: figurePeriod, text: 'Written after publishing.' },
    });
    const after = PackSchema.parse((await viewer.inject(`/api/packs/${pack.id}`)).json());
    expect(after.paragraphs.find((x) => x.indicatorId === amber.indicatorId)!.commentary!.text).toBe(
      amber.commentary!.text,
    );
  });

  it('a published pack is frozen: no edits, and later loads do not change it; a revision lists what changed', async () => {
    const refused = await lead.inject({
      method: 'PUT',
      url: `/api/packs/${pack.id}/text`,
      payload: { indicatorId: 'cp-repeat-plans', kind: 'paragraph', text: 'Changed my mind.' },
    });
    expect(refused.statusCode).toBe(409);
    const load = await analyst.inject({
      method: 'POST',
      url: '/api/loads?fileName=revision.csv',
      headers: { 'content-type': 'text/csv' },
      payload:
        'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator\ncp-repeat-plans,201819,Financial year Q1,Local authority,855,14.0,35,250\n',
    });
    expect(load.statusCode).toBe(201);
    const frozen = PackSchema.parse((await viewer.inject(`/api/packs/${pack.id}`)).json());
    expect(frozen.rows.find((r) => r.indicator.id === 'cp-repeat-plans')!.figure.value).toBe(12);
    const revision = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2018-19-Q1' },
    });
    expect(revision.statusCode).toBe(201);
    const v2 = PackSchema.parse(revision.json());
    expect(v2.version).toBe(2);
    expect(v2.changes).toContainEqual({
      indicatorId: 'cp-repeat-plans',
      label: 'Child protection plans that are a second or subsequent plan',
      kind: 'revised',
      before: '12.0% (Q1 2018/19)',
      after: '14.0% (Q1 2018/19)',
      verdict: 'worse',
    });
  });
});

describe('public read', () => {
  it('does not open packs to anonymous visitors: their true small numbers stay with signed-in readers', async () => {
    writeSettings(store.db, { publicRead: true, suppressionThreshold: 5 });
    try {
      expect((await app.inject('/api/scorecard?la=855&period=2018-19-Q1')).statusCode).toBe(200);
      for (const url of [`/api/packs?la=855`, `/api/packs/${pack.id}`, `/api/packs/${pack.id}/pdf`]) {
        const response = await app.inject(url);
        expect(response.statusCode, url).toBe(401);
        expect(response.json().error.message).toBe(
          'Sign in to see this: it holds figures the public view does not show.',
        );
      }
    } finally {
      writeSettings(store.db, { publicRead: false, suppressionThreshold: 5 });
    }
  });
});

describe('outputs', () => {
  it('the PDF is tagged, in English, with page numbers and the data date, and says what the page says', async () => {
    const response = await viewer.inject(`/api/packs/${pack.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (en-GB)');
    const text = (await readPdf(pdf)).map((p) => p.text).join(' ');
    expect(text).toContain('Leicestershire: Children and Family Services performance, Q1 2018/19');
    expect(text).toContain(pack.overview[0]!.slice(0, 60));
    expect(text).toContain('Repeat plans fell to 12%, the best in the region.');
    expect(text).toMatch(/Page 1 of \d+\. Data as loaded on \d{4}-\d{2}-\d{2}/);
    expect(text).toContain('Green: Top quartile of local authorities');
  });

  it('prints minus signs, RAG as shape and word, an override as final and proposed with who and why, and Appendix A as a tagged table', async () => {
    const { packPdf } = await import('../src/packs/outputs.ts');
    // The pack as drafted, with a head of service's override on one row (as the pack service freezes it).
    const overridden = structuredClone(pack);
    const row = overridden.rows.find((r) => r.indicator.id === 'rereferrals-12-months')!;
    row.assessment.rag = {
      ...row.assessment.rag,
      status: 'amber',
      label: 'Amber',
      override: {
        status: 'amber',
        label: 'Amber',
        reason: 'Audit found most re-referrals appropriate',
        by: 'Head of Early Help',
        at: '2026-11-30T10:00:00.000Z',
      },
    };
    const pages = await readPdf(
      await packPdf(overridden, { exceptionsOnly: false, serviceName: "Children's Services" }),
    );
    const text = pages.map((p) => p.text).join(' ');
    expect(text).toContain("Leicestershire: Children's Services performance, Q1 2018/19");
    // A negative change is printed with the minus sign, never the '"' Helvetica put in its place.
    expect(text).toMatch(/−\d/);
    expect(text).not.toMatch(/[(,] "\d/);
    expect(text).toMatch(/● Green/);
    expect(text).toMatch(/■ Red/);
    expect(text).toContain(
      `▲ Amber (overridden; proposed ${row.assessment.rag.proposed.status === 'red' ? '■ Red' : row.assessment.rag.proposed.status === 'green' ? '● Green' : '▲ Amber'}) by Head of Early Help on 2026-11-30: Audit found most re-referrals appropriate`,
    );
    // Appendix A: landscape pages, each starting with the header row, tagged as a table with header cells.
    const appendix = pages.filter((p) => p.landscape);
    expect(appendix.length).toBeGreaterThanOrEqual(2);
    for (const page of appendix.slice(0, -1)) {
      expect(page.text).toMatch(/Indicator\s+Figure\s+Direction of travel\s+RAG\s+National quartile/);
      expect(page.roles).toEqual(expect.arrayContaining(['Table', 'TR', 'TH', 'TD']));
    }
    expect(text).not.toContain(' | ');
  });

  it("keeps the service's name it was drafted under, whatever the setting says later", async () => {
    writeSettings(store.db, { serviceName: "Children's Services" });
    try {
      const kept = PackSchema.parse((await viewer.inject(`/api/packs/${pack.id}`)).json());
      expect(kept.serviceName).toBe('Children and Family Services');
    } finally {
      writeSettings(store.db, { serviceName: 'Children and Family Services' });
    }
  });

  it('Appendix A as CSV and as XLSX', async () => {
    const csv = await viewer.inject(`/api/packs/${pack.id}/appendix?format=csv`);
    expect(csv.body.split('\r\n')[0]).toMatch(/^theme,indicator_id,indicator,period,value/);
    expect(csv.body).toContain(',cp-repeat-plans,');
    const xlsx = await viewer.inject(`/api/packs/${pack.id}/appendix?format=xlsx`);
    // Read the workbook back, cell by cell: the same header and rows as the CSV.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const csvRows = parse(csv.body, { bom: true }) as string[][];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(csvRows[0]);
    expect(sheet.actualRowCount).toBe(csvRows.length);
    const repeat = csvRows.findIndex((r) => r[1] === 'cp-repeat-plans');
    const cells = (sheet.getRow(repeat + 1).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    expect(cells.slice(0, 5)).toEqual(csvRows[repeat]!.slice(0, 5));
  });
});

describe('packs drafted by an earlier version', () => {
  it('still open: a target without words and a change without a verdict are read as they were', async () => {
    const drafted = await analyst.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2018-19-Q1' },
    });
    const id = (drafted.json() as { id: number }).id;
    const row = store.db.$client.prepare('select snapshot from packs where id = ?').get(id) as { snapshot: string };
    const snapshot = JSON.parse(row.snapshot) as {
      scorecard: { rows: Array<{ assessment: { target: Record<string, unknown> | null } }> };
    };
    // As an earlier version stored it: a target with value, tolerance and source only.
    snapshot.scorecard.rows[0]!.assessment.target = { value: 10, tolerance: null, sourceRef: 'Set by the council' };
    store.db.$client
      .prepare('update packs set snapshot = ?, changes = ? where id = ?')
      .run(
        JSON.stringify(snapshot),
        JSON.stringify([{ indicatorId: 'x', label: 'X', kind: 'revised', before: '1', after: '2' }]),
        id,
      );
    const opened = await analyst.inject(`/api/packs/${id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    const pack = PackSchema.parse(opened.json());
    expect(pack.rows[0]!.assessment.target).toMatchObject({
      value: 10,
      setFor: null,
      words: expect.stringMatching(/^Target 10/),
    });
    expect(pack.changes).toEqual([
      { indicatorId: 'x', label: 'X', kind: 'revised', before: '1', after: '2', verdict: null },
    ]);
  });
});

describe('undoing a load that a pack uses', () => {
  it('is refused with the packs named, then done on confirmation: an open draft is marked out of date and refreshed', async () => {
    const list = (await analyst.inject('/api/packs?la=855&period=2018-19-Q1')).json() as Array<{
      id: number;
      state: string;
    }>;
    const open = list.find((p) => p.state !== 'published')!;
    const published = list.find((p) => p.state === 'published')!;
    const draft = PackSchema.parse((await analyst.inject(`/api/packs/${open.id}`)).json());
    const loadId = draft.rows.find((r) => r.indicator.id === 'cp-repeat-plans')!.figure.loadId;
    const before = PackSchema.parse((await analyst.inject(`/api/packs/${published.id}`)).json());

    const refused = await analyst.inject({ method: 'POST', url: `/api/loads/${loadId}/revert` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'packs_rely',
      // The same words the CLI prints: the pack's id (which `pnpm cli pack` takes) and its version.
      message: expect.stringMatching(/draft pack \d+ v2 for Leicestershire, Q1 2018\/19/),
    });
    expect((await analyst.inject(`/api/loads/${loadId}`)).json()).toMatchObject({ state: 'committed' });

    const done = await analyst.inject({ method: 'POST', url: `/api/loads/${loadId}/revert?confirm=true` });
    expect(done.statusCode, done.body).toBe(200);
    const stale = PackSchema.parse((await analyst.inject(`/api/packs/${open.id}`)).json());
    expect(stale.staleSinceRevertOf).toBe(loadId);
    expect(stale.readiness.blockers[0]).toMatch(
      /out of date: load \d+ was undone and 1 of its figures is no longer as stored \(Repeat CP plans, Q1 2018\/19\)/,
    );
    // The server refuses to move a stale draft on, whoever asks and however the page is bypassed.
    for (const state of ['ready', 'published']) {
      const moved = await lead.inject({ method: 'POST', url: `/api/packs/${open.id}/state`, payload: { state } });
      expect(moved.statusCode).toBe(409);
      expect(['pack_not_ready', 'invalid_state']).toContain(moved.json().error.code);
    }
    if (stale.state === 'draft') {
      const moved = await lead.inject({
        method: 'POST',
        url: `/api/packs/${open.id}/state`,
        payload: { state: 'ready' },
      });
      expect(moved.json().error).toMatchObject({
        code: 'pack_not_ready',
        message: expect.stringMatching(/Refresh the pack/),
      });
    }
    // A published pack keeps the figures it froze.
    expect(PackSchema.parse((await analyst.inject(`/api/packs/${published.id}`)).json()).rows).toEqual(before.rows);

    const refreshed = await lead.inject({ method: 'POST', url: `/api/packs/${open.id}/refresh` });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const fresh = PackSchema.parse(refreshed.json());
    expect(fresh.staleSinceRevertOf).toBeNull();
    expect(fresh.readiness.blockers).toEqual([]);
    expect(fresh.rows.find((r) => r.indicator.id === 'cp-repeat-plans')!.figure.value).toBe(12);
    expect((await viewer.inject({ method: 'POST', url: `/api/packs/${open.id}/refresh` })).statusCode).toBe(403);
  });
});

describe('a pack with figures computed from the returns', () => {
  it('carries their breakdowns, group by group, on the page and in the PDF', async () => {
    const own = openStore({
      dbPath: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-pack-')), 'i.sqlite'),
      dataDir: DATA_DIR,
    });
    const header =
      'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,breakdown,breakdown_group';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-b-')), 'b.csv');
    fs.writeFileSync(
      file,
      [
        header,
        'cic-count,201819,Financial year Q1,Local authority,855,60,,,,',
        'cic-count,201819,Financial year Q1,Local authority,855,40,,,placement-provider,own',
        'cic-count,201819,Financial year Q1,Local authority,855,20,,,placement-provider,other-la',
        // A pack is a public paper: a small group is withheld there as in the public view.
        'cic-count,201819,Financial year Q1,Local authority,855,2,,,sex,male',
        'cic-count,201819,Financial year Q1,Local authority,855,58,,,sex,female',
      ].join('\n') + '\n',
    );
    const { runLoad } = await import('../src/loader/run-load.ts');
    await runLoad(own.db, own.catalogue, { path: file, fileName: 'b.csv', loadedBy: 't', dryRun: false });
    const server = await buildApp({ store: own });
    try {
      const me = await signIn(server, own, 'analyst');
      const drafted = await me.inject({
        method: 'POST',
        url: '/api/packs',
        payload: { la: '855', period: '2018-19-Q1' },
      });
      const body = PackSchema.parse(drafted.json());
      expect(body.breakdowns.map((b) => b.indicator.id)).toEqual(['cic-count']);
      const [sex, provider] = body.breakdowns[0]!.dimensions;
      expect(provider!.groups.map((g) => [g.label, g.text])).toEqual([
        ['Placed by the council itself (PR1)', '40'],
        ['Provided by another council (PR2)', '20'],
      ]);
      expect(sex!.groups.map((g) => [g.label, g.text])).toEqual([
        ['Male', 'Not shown'],
        ['Female', 'Not shown'],
      ]);
      const pdf = await me.inject({ method: 'GET', url: `/api/packs/${body.id}/pdf` });
      const text = (await readPdf(pdf.rawPayload)).map((p) => p.text).join(' ');
      expect(text).toContain('Number of children in care, group by group (60 in all)');
      expect(text).toContain(
        'By who provides the placement: Placed by the council itself (PR1) 40; Provided by another council (PR2) 20.',
      );
    } finally {
      await server.close();
      own.db.$client.close();
    }
  });
});
