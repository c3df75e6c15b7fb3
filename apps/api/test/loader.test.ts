import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PlanChanged, runLoad } from '../src/loader/run-load.ts';
import { revertLoad, RevertRefused } from '../src/loader/revert.ts';
import { defaultScorecardSet } from '../src/dashboard/scorecard-set.ts';
import { templateCsv, templateXlsx } from '../src/loader/template-file.ts';
import { DATA_DIR, freshStore, tempDir } from './helpers.ts';

const HEADER =
  'indicator,time_period,time_identifier,geographic_level,old_la_code,new_la_code,la_name,region_code,value,numerator,denominator,status,note';

function writeFile(content: string | Buffer, name = 'figures.csv'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

const Q1 = 'placements-3-or-more,201819,Financial year Q1,Local authority,855,,,,8.3,48,578,final,';
const Q4 = 'placements-3-or-more,201718,Financial year Q4,Local authority,855,,,,7.3,42,575,final,';

async function load(
  store: ReturnType<typeof freshStore>,
  content: string | Buffer,
  options: { dryRun?: boolean; expectPlan?: string; name?: string } = {},
) {
  return runLoad(store.db, store.catalogue, {
    path: writeFile(content, options.name),
    fileName: options.name ?? 'figures.csv',
    loadedBy: 'test analyst',
    dryRun: options.dryRun ?? false,
    expectPlan: options.expectPlan,
    now: () => new Date('2026-11-23T10:00:00Z'),
  });
}

const observation = (store: ReturnType<typeof freshStore>, indicator: string, code: string, period: string) =>
  store.db.$client
    .prepare(
      'select value, symbol, numerator, denominator, status, load_id, source_ref from observations where indicator_id = ? and geography_code = ? and period_id = ?',
    )
    .get(indicator, code, period) as Record<string, unknown> | undefined;

const count = (store: ReturnType<typeof freshStore>, table: string) =>
  (store.db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

/** A one-entry zip file (deflated), written by hand so the test needs no zip library. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = zlib.deflateRawSync(content);
  const crc = zlib.crc32(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const directoryOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('loading the template', () => {
  it('a dry run reports what would happen and writes nothing', async () => {
    const store = freshStore();
    const report = await load(store, csv(Q1, Q4), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, committed: false, loadId: null, format: 'indicate-template-csv' });
    expect(report.counts).toMatchObject({ rowsRead: 2, new: 2, changed: 0, unchanged: 0, errors: 0 });
    expect(report.changes.map((c) => [c.row, c.periodId, c.before, c.after.value])).toEqual([
      [2, '2018-19-Q1', null, 8.3],
      [3, '2017-18-Q4', null, 7.3],
    ]);
    expect(count(store, 'observations')).toBe(0);
    expect(count(store, 'loads')).toBe(0);
  });

  it('a commit writes exactly what the dry run showed, with provenance', async () => {
    const store = freshStore();
    const dry = await load(store, csv(Q1, Q4), { dryRun: true });
    const report = await load(store, csv(Q1, Q4), { expectPlan: dry.planHash! });
    expect(report).toMatchObject({ committed: true, planHash: dry.planHash, counts: { new: 2 } });
    expect(observation(store, 'placements-3-or-more', '855', '2018-19-Q1')).toEqual({
      value: 8.3,
      symbol: null,
      numerator: 48,
      denominator: 578,
      status: 'final',
      load_id: report.loadId,
      source_ref: 'figures.csv row 2',
    });
    const [load1] = store.db.$client.prepare('select * from loads').all() as Array<Record<string, unknown>>;
    expect(load1).toMatchObject({
      loaded_by: 'test analyst',
      file_name: 'figures.csv',
      rows_new: 2,
      state: 'committed',
      loaded_at: '2026-11-23T10:00:00.000Z',
    });
    expect(load1!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loading the same file again changes nothing', async () => {
    const store = freshStore();
    await load(store, csv(Q1, Q4));
    const again = await load(store, csv(Q1, Q4));
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(count(store, 'observation_history')).toBe(0);
  });

  it('a revision is reported with old and new values, warned about, and the old version kept', async () => {
    const store = freshStore();
    const first = await load(store, csv(Q1));
    const revised = await load(store, csv(Q1.replace('8.3,48,578', '8.5,49,578')));
    expect(revised.counts).toMatchObject({ new: 0, changed: 1 });
    expect(revised.changes[0]).toMatchObject({
      before: { value: 8.3, numerator: 48 },
      after: { value: 8.5, numerator: 49 },
    });
    expect(revised.warnings.map((w) => w.message)).toContain(
      'placements-3-or-more 855 2018-19-Q1: revises the stored figure 8.3 (48/578) to 8.5 (49/578)',
    );
    const history = store.db.$client
      .prepare('select value, load_id, replaced_by_load_id from observation_history')
      .all();
    expect(history).toEqual([{ value: 8.3, load_id: first.loadId, replaced_by_load_id: revised.loadId }]);
  });

  it('refuses a commit whose plan changed since the dry run, writing nothing', async () => {
    const store = freshStore();
    const dry = await load(store, csv(Q1), { dryRun: true });
    await load(store, csv(Q1.replace('8.3,48,578', '9.0,52,578')));
    await expect(load(store, csv(Q1), { expectPlan: dry.planHash! })).rejects.toThrowError(PlanChanged);
    expect(observation(store, 'placements-3-or-more', '855', '2018-19-Q1')!.value).toBe(9);
    expect(count(store, 'loads')).toBe(1);
  });

  it('names an LA by either code, and refuses codes that disagree', async () => {
    const store = freshStore();
    const byNew = await load(store, csv('cic-count,201819,Financial year Q1,Local authority,,E10000018,,,555,,,,'));
    expect(byNew.counts.new).toBe(1);
    const clash = await load(store, csv('cic-count,201819,Financial year Q1,Local authority,855,E10000019,,,555,,,,'));
    expect(clash.errors).toEqual([
      {
        row: 2,
        column: 'new_la_code',
        message:
          'old_la_code 855 (Leicestershire) and new_la_code E10000019 (Lincolnshire) name different local authorities',
      },
    ]);
  });

  it('reads columns by name in any order, and a published comparator with its quartile', async () => {
    const store = freshStore();
    const shuffled = [
      'value,indicator,geographic_level,time_identifier,time_period,old_la_code,quartile,note',
      '12.4,placements-3-or-more,Statistical neighbours,Financial year Q1,201819,855,,as printed',
      '8.3,placements-3-or-more,Local authority,Financial year Q1,201819,855,2,',
      '10,placements-3-or-more,National,Financial year,201718,,,',
    ].join('\n');
    const report = await load(store, shuffled);
    expect(report.counts).toMatchObject({ new: 3, errors: 0 });
    const sn = store.db.$client
      .prepare("select geography_level, value, note from observations where geography_level = 'stat-neighbours'")
      .get();
    expect(sn).toEqual({ geography_level: 'stat-neighbours', value: 12.4, note: 'as printed' });
    expect(
      store.db.$client
        .prepare("select published_quartile from observations where geography_level = 'local-authority'")
        .get(),
    ).toEqual({ published_quartile: 2 });
  });
});

describe('validation: every problem with its row and column, and nothing written', () => {
  it.each([
    [
      'unknown indicator',
      'no-such-indicator,201819,Financial year Q1,Local authority,855,,,,8,,,,',
      'indicator',
      'unknown indicator "no-such-indicator"',
    ],
    [
      'unknown LA code',
      'cic-count,201819,Financial year Q1,Local authority,999,,,,8,,,,',
      'old_la_code',
      'unknown old_la_code "999"',
    ],
    [
      'no LA code',
      'cic-count,201819,Financial year Q1,Local authority,,,,,8,,,,',
      'old_la_code',
      'name the local authority by old_la_code or new_la_code',
    ],
    [
      'unknown region',
      'cic-count,201819,Financial year Q1,Regional,,,,E12999999,8,,,,',
      'region_code',
      'unknown region_code "E12999999"',
    ],
    [
      'bad geographic level',
      'cic-count,201819,Financial year Q1,County,855,,,,8,,,,',
      'geographic_level',
      'geographic_level "County" is not one of',
    ],
    [
      'time_period not matching time_identifier',
      'cic-count,2018,Financial year Q1,Local authority,855,,,,8,,,,',
      'time_period',
      'expected six digits YYYYyy',
    ],
    [
      'impossible span',
      'cic-count,201820,Financial year Q1,Local authority,855,,,,8,,,,',
      'time_period',
      'should be 19, not 20',
    ],
    [
      'a period type the indicator does not use',
      'cic-count,2018,Calendar year,Local authority,855,,,,8,,,,',
      'time_identifier',
      'is reported by financial-quarter or financial-year, not by "Calendar year"',
    ],
    [
      'value neither number nor symbol',
      'cic-count,201819,Financial year Q1,Local authority,855,,,,eight,,,,',
      'value',
      'value "eight" is neither a number nor a DfE symbol',
    ],
    [
      'formula-looking value',
      'cic-count,201819,Financial year Q1,Local authority,855,,,,=1+1,,,,',
      'value',
      'value "=1+1" is neither a number nor a DfE symbol',
    ],
    ['empty value', 'cic-count,201819,Financial year Q1,Local authority,855,,,,,,,,', 'value', 'value is empty'],
    [
      'huge number',
      `cic-count,201819,Financial year Q1,Local authority,855,,,,${'9'.repeat(30)},,,,`,
      'value',
      'too large',
    ],
    [
      'numerator over denominator',
      'placements-3-or-more,201819,Financial year Q1,Local authority,855,,,,8.3,140,40,,',
      'numerator',
      'numerator (140) is greater than denominator (40)',
    ],
    [
      'percentage not matching its parts',
      'placements-3-or-more,201819,Financial year Q1,Local authority,855,,,,9.3,48,578,,',
      'value',
      'value 9.3 does not match numerator/denominator 48/578 = 8.3 beyond rounding',
    ],
    [
      'percentage over 100',
      'placements-3-or-more,201819,Financial year Q1,Local authority,855,,,,101,,,,',
      'value',
      'a percentage must be between 0 and 100, not 101',
    ],
    [
      'bad status',
      'cic-count,201819,Financial year Q1,Local authority,855,,,,8,,,draft,',
      'status',
      'status "draft" must be provisional or final',
    ],
  ])('%s', async (_, row, column, message) => {
    const store = freshStore();
    const report = await load(store, csv(Q1, row));
    expect(report.committed).toBe(false);
    expect(report.counts.errors).toBe(1);
    expect(report.errors[0]).toMatchObject({ row: 3, column });
    expect(report.errors[0]!.message).toContain(message);
    expect(count(store, 'observations')).toBe(0);
    expect(count(store, 'loads')).toBe(0);
  });

  it('duplicate rows for the same key', async () => {
    const store = freshStore();
    const report = await load(store, csv(Q1, Q4, Q1.replace('8.3', '8.3')));
    expect(report.errors).toEqual([
      {
        row: 4,
        column: null,
        message: 'duplicate of row 2: the same indicator (placements-3-or-more), place (855) and period (2018-19-Q1)',
      },
    ]);
  });

  it('mixed time identifiers for one indicator', async () => {
    const store = freshStore();
    const report = await load(
      store,
      csv(
        'cic-count,2019,Reporting year,National,,,,,80000,,,,',
        'cic-count,201718,Financial year,National,,,,,75000,,,,',
      ),
    );
    expect(report.errors[0]).toMatchObject({ row: 3, column: 'time_identifier' });
    expect(report.errors[0]!.message).toContain(
      'mixes time identifiers: "Financial year" here but "Reporting year" in row 2',
    );
  });

  it('a row with more cells than the header', async () => {
    const store = freshStore();
    const report = await load(store, csv(Q1 + 'a note,4'));
    expect(report.errors).toEqual([
      {
        row: 2,
        column: null,
        message: 'the row has 14 cells but the header names 13 columns; a stray comma shifts every cell after it',
      },
    ]);
    expect(count(store, 'observations')).toBe(0);
  });

  it('reports every error in the file, not just the first', async () => {
    const store = freshStore();
    const report = await load(
      store,
      csv(
        'x,201819,Financial year Q1,Local authority,855,,,,8,,,,',
        Q1,
        'cic-count,201819,Financial year Q1,Local authority,855,,,,-5,,,,',
      ),
    );
    expect(report.errors.map((e) => e.row)).toEqual([2, 4]);
  });

  it.each([
    ['an empty file', '', 'The file is empty.'],
    ['a header with no rows', `${HEADER}\n`, 'The file has a header but no rows of figures.'],
    [
      'binary noise',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'neither CSV text nor an Excel workbook',
    ],
    [
      'Latin-1 text',
      Buffer.from(
        `${HEADER}\ncic-count,201819,Financial year Q1,Local authority,855,,Leicestershire caf\xe9,,8,,,,\n`,
        'latin1',
      ),
      'not UTF-8 text',
    ],
    ['an unclosed quote', `${HEADER}\n"cic-count,201819,Financial year Q1\n`, 'not valid CSV'],
    ['some other CSV', 'name,score\nalice,3\n', 'neither the Indicate template'],
    [
      'a header lacking a required column',
      'indicator,time_period,time_identifier,value\ncic-count,201819,Financial year Q1,8\n',
      'the header lacks required column(s): geographic_level',
    ],
  ])('%s is refused with a clear message', async (_, content, message) => {
    const store = freshStore();
    const report = await load(store, content);
    expect(report.committed).toBe(false);
    expect(report.errors[0]!.message).toContain(message);
    expect(count(store, 'observations')).toBe(0);
  });
});

describe('reverting a load', () => {
  it('restores what a load changed and removes what it added, and is itself recorded', async () => {
    const store = freshStore();
    const first = await load(store, csv(Q1));
    const second = await load(store, csv(Q1.replace('8.3,48,578', '8.5,49,578'), Q4));
    const revert = revertLoad(store.db, second.loadId!, 'test analyst', () => new Date('2026-11-24T09:00:00Z'));
    expect(revert).toMatchObject({
      revertsLoadId: second.loadId,
      rowsChanged: 1,
      rowsRemoved: 1,
      state: 'committed',
      loadedBy: 'test analyst',
    });
    expect(observation(store, 'placements-3-or-more', '855', '2018-19-Q1')).toMatchObject({
      value: 8.3,
      load_id: first.loadId,
    });
    expect(observation(store, 'placements-3-or-more', '855', '2017-18-Q4')).toBeUndefined();
    const states = store.db.$client.prepare('select id, state from loads order by id').all();
    expect(states).toEqual([
      { id: first.loadId, state: 'committed' },
      { id: second.loadId, state: 'reverted' },
      { id: revert.id, state: 'committed' },
    ]);
    // What the reverted load had written stays visible in the history.
    expect(
      store.db.$client
        .prepare('select value from observation_history where replaced_by_load_id = ? order by value')
        .all(revert.id),
    ).toEqual([{ value: 7.3 }, { value: 8.5 }]);
  });

  it('is refused when a later load changed the same figures, or twice, or for a revert', async () => {
    const store = freshStore();
    const first = await load(store, csv(Q1));
    const second = await load(store, csv(Q1.replace('8.3,48,578', '8.5,49,578')));
    expect(() => revertLoad(store.db, first.loadId!, 'a')).toThrowError(
      `Load ${first.loadId} cannot be reverted: later load(s) ${second.loadId} changed some of its figures. Revert those first.`,
    );
    const undo = revertLoad(store.db, second.loadId!, 'a');
    expect(() => revertLoad(store.db, second.loadId!, 'a')).toThrowError('has already been reverted');
    expect(() => revertLoad(store.db, undo.id, 'a')).toThrowError(RevertRefused);
    expect(() => revertLoad(store.db, 999, 'a')).toThrowError('There is no load 999.');
    // Once the later load is reverted, the first can be.
    expect(revertLoad(store.db, first.loadId!, 'a').rowsRemoved).toBe(1);
    expect(count(store, 'observations')).toBe(0);
  });
});

describe('targets', () => {
  const TARGET_HEADER = `${HEADER},tolerance_kind,tolerance_amount`;
  const targetCsv = (...rows: string[]) => [TARGET_HEADER, ...rows].join('\n') + '\n';
  const A2 = 'adoption-a2-days,201215,Three financial years,Target,855,,,,121,,,final,DfE threshold';
  const target = (store: ReturnType<typeof freshStore>) =>
    store.db.$client
      .prepare(
        "select value, tolerance_kind, tolerance_amount, load_id, set_by from targets where indicator_id = 'adoption-a2-days' and la_code = '855' and period_id = '3Y2012-15'",
      )
      .get() as Record<string, unknown> | undefined;

  it('are loaded from Target rows with the load that set them, revised with history, and reverted', async () => {
    const store = freshStore();
    const first = await load(store, targetCsv(`${A2},,`));
    expect(first.counts).toMatchObject({ new: 1, changed: 0 });
    expect(target(store)).toEqual({
      value: 121,
      tolerance_kind: null,
      tolerance_amount: null,
      load_id: first.loadId,
      set_by: 'test analyst',
    });
    expect(count(store, 'observations')).toBe(0);

    const again = await load(store, targetCsv(`${A2},,`));
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 1 });

    // Same value, a tolerance added: a change, shown with both versions.
    const dry = await load(store, targetCsv(`${A2},relative,10`), { dryRun: true });
    expect(dry.changes).toEqual([
      expect.objectContaining({
        indicatorId: 'adoption-a2-days',
        geographyLevel: 'target',
        before: expect.objectContaining({ value: 121, tolerance: null }),
        after: expect.objectContaining({ value: 121, tolerance: { kind: 'relative', amount: 10 } }),
      }),
    ]);
    const second = await load(store, targetCsv(`${A2.replace(',121,', ',100,')},relative,10`));
    expect(target(store)).toMatchObject({ value: 100, tolerance_kind: 'relative', load_id: second.loadId });
    expect(() => revertLoad(store.db, first.loadId!, 'a')).toThrowError(`later load(s) ${second.loadId}`);

    const undo = revertLoad(store.db, second.loadId!, 'a');
    expect(undo.rowsChanged).toBe(1);
    expect(target(store)).toMatchObject({ value: 121, tolerance_kind: null, load_id: first.loadId });
    expect(revertLoad(store.db, first.loadId!, 'a').rowsRemoved).toBe(1);
    expect(target(store)).toBeUndefined();
  });

  it('are refused where they make no sense, naming row and column', async () => {
    const store = freshStore();
    const report = await load(
      store,
      targetCsv(
        `${A2},sideways,10`,
        `${A2.replace('201215', '201316')},relative,`,
        'cic-count,201819,Financial year Q1,Target,855,,,,600,,,final,,,,',
        `${A2.replace(',121,,,', ',121,3,4,')},,`,
        `${A2.replace(',121,', ',x,')},,`,
        `${Q1},absolute,2`,
      ),
    );
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => `${e.row} ${e.column}`)).toEqual(
      expect.arrayContaining([
        '2 tolerance_kind',
        '3 tolerance_amount',
        '4 geographic_level',
        '5 numerator',
        '6 value',
        '7 tolerance_kind',
      ]),
    );
    expect(count(store, 'targets')).toBe(0);
  });
});

describe('DfE files as published', () => {
  it("loads the placement stability file with every LA's value, counts from sibling rows", async () => {
    const store = freshStore();
    const file = path.join(DATA_DIR, 'dfe', 'la_cla_placement_stability.csv');
    const report = await runLoad(store.db, store.catalogue, {
      path: file,
      fileName: 'la_cla_placement_stability.csv',
      loadedBy: 't',
      dryRun: false,
    });
    expect(report).toMatchObject({
      committed: true,
      format: 'dfe-csv',
      counts: { rowsRead: 5010, rowsNotUsed: 3340, new: 1670, errors: 0 },
    });
    // 2025 (year ending March 2025): 165 of 219 Leicestershire children with the same carer, published as 75%.
    expect(observation(store, 'placement-long-term-stability', '855', '2024-25')).toMatchObject({
      value: 75,
      numerator: 165,
      denominator: 219,
    });
    expect(observation(store, 'placements-3-or-more', '855', '2024-25')).toMatchObject({
      value: 10,
      numerator: 66,
      denominator: 694,
    });
    expect(observation(store, 'placements-3-or-more', 'E92000001', '2024-25')).toBeDefined();
  });

  it('keeps DfE symbols as symbols, never as numbers', async () => {
    const store = freshStore();
    const file = path.join(DATA_DIR, 'dfe', 'la_care_leavers_accommodation_suitability.csv');
    await runLoad(store.db, store.catalogue, { path: file, fileName: 'x.csv', loadedBy: 't', dryRun: false });
    const symbols = store.db.$client
      .prepare('select count(*) as n from observations where symbol is not null and value is null')
      .get() as { n: number };
    expect(symbols.n).toBeGreaterThan(0);
    expect(
      store.db.$client
        .prepare('select count(*) as n from observations where symbol is not null and value is not null')
        .get(),
    ).toEqual({ n: 0 });
  });
});

describe('Excel workbooks in the template layout', () => {
  it('loads the first sheet exactly as the same CSV would', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('figures');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      'placements-3-or-more',
      201819,
      'Financial year Q1',
      'Local authority',
      '855',
      '',
      '',
      '',
      8.3,
      48,
      578,
      'final',
      '',
    ]);
    sheet.addRow([
      'placements-3-or-more',
      '201718',
      'Financial year Q4',
      'Local authority',
      855,
      '',
      '',
      '',
      { formula: '42/575*100', result: 7.3 },
      42,
      575,
      '',
      '',
    ]);
    workbook.addWorksheet('notes').addRow(['not read']);
    const file = path.join(tempDir(), 'figures.xlsx');
    await workbook.xlsx.writeFile(file);

    const store = freshStore();
    const report = await runLoad(store.db, store.catalogue, {
      path: file,
      fileName: 'figures.xlsx',
      loadedBy: 't',
      dryRun: false,
    });
    expect(report).toMatchObject({ format: 'indicate-template-xlsx', committed: true, counts: { new: 2, errors: 0 } });
    expect(observation(store, 'placements-3-or-more', '855', '2017-18-Q4')).toMatchObject({
      value: 7.3,
      numerator: 42,
    });
  });

  it('refuses a workbook that would unpack to far more than it weighs (a zip bomb), before unpacking it', async () => {
    const bytes = zipOf('xl/bomb.xml', Buffer.alloc(210 * 1024 * 1024, 0x20));
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const store = freshStore();
    const report = await load(store, bytes, { name: 'bomb.xlsx' });
    expect(report.errors[0]!.message).toBe(
      'The workbook "bomb.xlsx" would unpack to more than 200 MB; save the first sheet as CSV instead.',
    );
  }, 60_000);

  it('reports a broken workbook clearly', async () => {
    const store = freshStore();
    const report = await load(store, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), {
      name: 'broken.xlsx',
    });
    expect(report.committed).toBe(false);
    expect(report.errors[0]!.message).toMatch(/workbook|Excel/);
  });
});

describe('the template file', () => {
  const leicestershire = { code: '855', newCode: 'E10000018', name: 'Leicestershire' };

  it("in data/ is the home council's, with every id of the default scorecard set", () => {
    const store = freshStore();
    const published = fs.readFileSync(path.join(DATA_DIR, 'indicate-template.csv'), 'utf8');
    const set = defaultScorecardSet(store.catalogue);
    expect(set).toHaveLength(33);
    expect(published).toBe(templateCsv(set, { la: leicestershire }));
    for (const indicator of set) expect(published).toContain(`\r\n${indicator.id},`);
  });

  it('explains itself, fills in the council and the quarter, and loads once its values are typed in', async () => {
    const store = freshStore();
    const set = defaultScorecardSet(store.catalogue);
    const quarter = { kind: 'financial-quarter', year: 2018, quarter: 2 } as const;
    const text = templateCsv(set, { la: leicestershire, quarter });
    expect(text).toMatch(/^"?# Indicate template for Leicestershire \(855\), Q2 2018\/19\./);
    expect(text).toContain(
      'cp-repeat-plans: Child protection plans that are a second or subsequent plan. Unit: per cent, typed as 95.8 (a percentage, not 0.958',
    );
    expect(text).toContain(
      '\r\ncp-repeat-plans,201819,Financial year Q2,Local authority,855,E10000018,Leicestershire,',
    );
    // Filled in as an analyst would (a value for each quarterly row), it loads as it is.
    const filled = text
      .split('\r\n')
      .filter(
        (line) =>
          line.startsWith('#') ||
          line.startsWith('"#') ||
          line.startsWith('indicator,') ||
          line.includes(',201819,Financial year Q2,'),
      )
      .map((line) =>
        line.includes(',201819,Financial year Q2,') && line.startsWith('cp-repeat-plans,')
          ? line.replace(',Leicestershire,,', ',Leicestershire,,12.5')
          : line,
      )
      .filter((line) => !line.includes(',201819,Financial year Q2,') || line.startsWith('cp-repeat-plans,'))
      .join('\r\n');
    const report = await load(store, filled);
    expect(report.errors).toEqual([]);
    expect(observation(store, 'cp-repeat-plans', '855', '2018-19-Q2')).toMatchObject({ value: 12.5 });
  });

  it('as a workbook: the figures sheet first (the one the loader reads), then the instructions', async () => {
    const store = freshStore();
    const set = defaultScorecardSet(store.catalogue);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await templateXlsx(set, { la: leicestershire })) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Figures', 'Instructions']);
    expect(book.worksheets[0]!.getRow(2).getCell(5).value).toBe('855');
    expect(String(book.worksheets[1]!.getRow(1).getCell(1).value)).toMatch(/^Indicate template for Leicestershire/);
  });
});

describe("the analyst's messages", () => {
  it('lists every fault in a row, suggests the id a misspelling meant, and puts each against its own column', async () => {
    const store = freshStore();
    const report = await load(
      store,
      csv(
        'cp-repeat-plan,201819,Financial year Q1,Council,999,,,,12.0,30,250,final,',
        'cp-repeat-plans,201819,Financial Quarter 1,Local authority,855,,,,12.0,30,250,final,',
      ),
    );
    expect(report.committed).toBe(false);
    const first = report.errors.filter((e) => e.row === 2);
    expect(first.map((e) => e.column).sort()).toEqual(['geographic_level', 'indicator']);
    expect(first.find((e) => e.column === 'indicator')!.message).toBe(
      'unknown indicator "cp-repeat-plan"; did you mean "cp-repeat-plans"?',
    );
    expect(report.errors.filter((e) => e.row === 3)).toEqual([
      expect.objectContaining({
        column: 'time_identifier',
        message: expect.stringMatching(/^time_identifier "Financial Quarter 1"/),
      }),
    ]);
    expect(count(store, 'observations')).toBe(0);
  });

  it('reads 81.5% as 81.5 in a percentage, and skips the comment lines a template opens with', async () => {
    const store = freshStore();
    const report = await load(
      store,
      `# Indicate template: one figure a row\n# value: a percentage as 95.8, not 0.958\n${csv('care-leavers-eet,201819,Financial year Q1,Local authority,855,,,,81.5%,,,final,')}`,
    );
    expect(report.errors).toEqual([]);
    expect(report.committed).toBe(true);
    expect(observation(store, 'care-leavers-eet', '855', '2018-19-Q1')).toMatchObject({ value: 81.5 });
  });

  it('refuses a figure for a quarter that has not begun, and still takes a target set ahead', async () => {
    const store = freshStore();
    const report = await load(
      store,
      csv('cp-repeat-plans,202728,Financial year Q1,Local authority,855,,,,12.0,30,250,final,'),
    );
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'time_period',
        message: 'Q1 2027/28 has not begun yet (today is 2026-11-23): check time_period',
      }),
    ]);
    const target = await load(store, csv('cp-repeat-plans,202728,Financial year Q1,Target,855,,,,15.0,,,final,'));
    expect(target.errors).toEqual([]);
    expect(target.committed).toBe(true);
  });
});
