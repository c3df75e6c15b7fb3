import fs from 'node:fs';
import path from 'node:path';
import { laitPeriod, periodId } from '@indicate/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadBundledData } from '../src/loader/bundled.ts';
import { revertLoad } from '../src/loader/revert.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { LaitDictionaryError, laitId, readLaitDictionary, readLaitValues } from '../src/reference/lait.ts';
import { openStore } from '../src/store.ts';
import { DATA_DIR, tempDir } from './helpers.ts';

const DICTIONARY = path.join(DATA_DIR, 'lait', 'lait_data_dictionary.csv');
const VALUES = path.join(DATA_DIR, 'lait', 'bds_long_0.parquet');

describe("LAIT's data dictionary", () => {
  const measures = readLaitDictionary(DICTIONARY);
  const byShort = new Map(measures.map((m) => [m.short, m]));

  it('gives one entry per measure: 434, the 14 listed twice under two topics kept once', () => {
    expect(measures).toHaveLength(434);
    expect(new Set(measures.map((m) => m.id)).size).toBe(434);
    expect(byShort.get('LAC_Unauth')).toMatchObject({
      topic: 'Children Looked After',
      alsoIn: ['All Pupil Absence & Exclusions'],
    });
  });

  it.each([
    ['LACStable_2016on', 'lait-lacstable-2016on', 'percent', 'low', 'Financial Year', true],
    ['LAC_LongStable%', 'lait-lac-long-stable-pct', 'percent', 'high', 'Financial Year', true],
    ['ReReferral', 'lait-re-referral', 'percent', 'low', 'Financial Year', true],
    ['LACnum', 'lait-lacnum', 'count', 'none', 'Annual', false],
  ])('reads %s as %s, %s, %s, %s, quartile %s', (short, id, unit, polarity, yearType, quartile) => {
    expect(byShort.get(short)).toMatchObject({ id, unit, polarity, yearType, quartile });
  });

  it('stops on a malformed row, naming the row and the field', () => {
    const file = path.join(tempDir(), 'dictionary.csv');
    const columns = Object.keys(
      (parse(fs.readFileSync(DICTIONARY), { columns: true, bom: true, to: 1 }) as object[])[0]!,
    );
    const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const header = columns.map(quote).join(',');
    const row = (values: Record<string, string>) => columns.map((c) => quote(values[c] ?? '')).join(',');
    fs.writeFileSync(
      file,
      [
        header,
        row({
          Measure_code: '1',
          Topic: 'T',
          Measure: 'M one',
          Measure_short: 'One',
          Polarity: 'Up',
          y_axis_name: '%',
          Year_Type: 'Financial Year',
        }),
        row({
          Measure_code: '2',
          Topic: 'T',
          Measure: 'M two',
          Measure_short: 'Two',
          Polarity: 'High',
          y_axis_name: 'Widgets',
          Year_Type: 'Financial Year',
        }),
        row({
          Measure_code: '3',
          Topic: 'T',
          Measure: 'M three',
          Measure_short: 'Three',
          Polarity: 'Low',
          y_axis_name: '%',
          Year_Type: 'Fortnightly',
        }),
        row({
          Measure_code: '4',
          Topic: 'T',
          Measure: 'M four',
          Measure_short: 'Four',
          Polarity: 'Low',
          y_axis_name: '%',
          Year_Type: 'Annual',
          dps: 'seven',
        }),
      ].join('\n'),
    );
    let problems: string[] = [];
    try {
      readLaitDictionary(file);
    } catch (error) {
      expect(error).toBeInstanceOf(LaitDictionaryError);
      problems = (error as LaitDictionaryError).problems;
    }
    expect(problems).toEqual([
      'row 2, field "Polarity": "Up" is not High, Low, - or NA',
      'row 3, field "y_axis_name": "Widgets" is not a unit Indicate knows',
      'row 4, field "Year_Type": "Fortnightly" is not one of: Financial Year, Academic Year, Calendar Year, Annual, Annual (end of Sept), Annual - January',
      'row 5, field "dps": "seven" is not a number of decimal places from 0 to 3, or NA',
    ]);
  });

  it('makes ids that are catalogue slugs', () => {
    expect(laitId('LAC_Fixed_ Ex')).toBe('lait-lac-fixed-ex');
    expect(laitId('CPP_rate')).toBe('lait-cpp-rate');
    for (const m of measures) expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("LAIT's data file", () => {
  it('reads every row, and gives Leicestershire’s figures as DfE published them', async () => {
    const values = await readLaitValues(VALUES);
    expect(values).toHaveLength(641_070);
    const dictionary = new Map(readLaitDictionary(DICTIONARY).map((m) => [m.short, m]));
    const leicestershire = (short: string) =>
      new Map(
        values
          .filter((v) => v.short === short && v.laCode === '855')
          .map((v) => {
            const read = laitPeriod(v.years, dictionary.get(short)!.yearType);
            return [read.ok ? periodId(read.period) : v.years, v.value] as const;
          }),
      );
    // As in DfE's placement stability file (data/dfe/la_cla_placement_stability.csv), and the C1 file.
    const placements = leicestershire('LACStable_2016on');
    expect(['2020-21', '2021-22', '2022-23', '2023-24', '2024-25'].map((p) => placements.get(p))).toEqual([
      5, 6, 7, 9, 10,
    ]);
    expect(leicestershire('ReReferral').get('2017-18')).toBe(29.9);
    // Every label of every measure reads as a period, bar LAIT's one "0".
    const unread = new Set(
      values
        .filter((v) => dictionary.has(v.short) && !laitPeriod(v.years, dictionary.get(v.short)!.yearType).ok)
        .map((v) => `${v.short} ${v.years}`),
    );
    expect([...unread].every((u) => u.endsWith(' 0'))).toBe(true);
  }, 60_000);
});

describe("LAIT's values loaded through the one loader", () => {
  it('refuses a parquet file sent by anyone but the bundled data, with words, writing nothing', async () => {
    const store = openStore({ dbPath: path.join(tempDir(), 'upload.sqlite'), dataDir: DATA_DIR });
    try {
      const report = await runLoad(store.db, store.catalogue, {
        path: VALUES,
        fileName: 'upload.parquet',
        loadedBy: 'analyst',
        dryRun: false,
      });
      expect(report.committed).toBe(false);
      expect(report.errors[0]!.message).toMatch(/parquet file.*only from its own bundled data/);
      expect(store.db.$client.prepare('select count(*) as n from loads').get()).toEqual({ n: 0 });
    } finally {
      store.db.$client.close();
    }
  });

  it('fills the years DfE files lack, keeps every DfE file figure, lists disagreements, and reverts', async () => {
    const store = openStore({ dbPath: path.join(tempDir(), 'lait.sqlite'), dataDir: DATA_DIR });
    try {
      const bundled = await loadBundledData(store.db, store.catalogue, DATA_DIR);
      const laitLoad = bundled.loaded.find((l) => l.file === path.join('lait', 'bds_long_0.parquet'))!;
      expect(laitLoad).toBeDefined();
      const c = store.db.$client;
      const series = (indicator: string, la: string) =>
        c
          .prepare(
            `select o.period_id as period, o.value, l.format from observations o join loads l on l.id = o.load_id
             where indicator_id = ? and geography_code = ? and geography_level = 'local-authority' and period_kind = 'financial-year'
             order by period_end`,
          )
          .all(indicator, la) as Array<{ period: string; value: number | null; format: string }>;
      // Derbyshire's children with 3+ placements: LAIT for 2015-16 to 2019-20, DfE's file from 2020-21.
      const values = await readLaitValues(VALUES);
      const lait830 = new Map(
        values.filter((v) => v.short === 'LACStable_2016on' && v.laCode === '830').map((v) => [v.years, v.value]),
      );
      const placements = series('placements-3-or-more', '830');
      expect(placements.filter((p) => p.format === 'lait-parquet').map((p) => [p.period, p.value])).toEqual(
        ['2016', '2017', '2018', '2019', '2020'].map((y) => [`${Number(y) - 1}-${y.slice(2)}`, lait830.get(y)]),
      );
      expect(placements.filter((p) => p.period >= '2020-21').every((p) => p.format === 'dfe-csv')).toBe(true);
      // A figure DfE's file gives is never replaced; where LAIT differs beyond its rounding, a warning says so.
      c.prepare(
        `update observations set value = 99 where indicator_id = 'cp-repeat-plans' and geography_code = '830' and period_id = '2019-20'`,
      ).run();
      const dry = await runLoad(store.db, store.catalogue, {
        path: VALUES,
        fileName: 'lait/bds_long_0.parquet',
        loadedBy: 'test',
        dryRun: true,
        listLimit: 50,
        allowLait: true,
      });
      expect(dry.format).toBe('lait-parquet');
      expect(dry.counts).toMatchObject({ new: 0, changed: 0, errors: 0 });
      const laitValue = values.find((v) => v.short === 'PrevRegCPR' && v.laCode === '830' && v.years === '2020')!.value;
      expect(dry.warnings.map((w) => w.message)).toEqual([
        `cp-repeat-plans 830 2019-20: LAIT gives ${laitValue}, DfE's file 99; the DfE file's figure is kept`,
      ]);
      // Revert: LAIT's figures go, DfE's stay.
      revertLoad(store.db, laitLoad.loadId, 'test');
      expect(series('placements-3-or-more', '830').every((p) => p.format === 'dfe-csv')).toBe(true);
      expect(series('cp-repeat-plans', '830').length).toBeGreaterThan(10);
    } finally {
      store.db.$client.close();
    }
  }, 120_000);
});
