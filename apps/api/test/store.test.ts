import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store.ts';
import { CatalogueError } from '../src/reference/catalogue.ts';
import { dataDirWithCatalogue, freshStore } from './helpers.ts';

const all = <T>(store: ReturnType<typeof freshStore>, sql: string, ...params: unknown[]) =>
  store.db.$client.prepare(sql).all(...params) as T[];

describe('a fresh database', () => {
  it('is migrated, in WAL mode, with foreign keys enforced', () => {
    const store = freshStore();
    expect(store.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('holds the catalogue with its themes, in catalogue order', () => {
    const store = freshStore();
    const rows = all<{ id: string; theme_id: string }>(store, 'select id, theme_id from indicators order by position');
    expect(rows.map((r) => r.id)).toEqual(store.catalogue.indicators.map((i) => i.id));
    expect(rows[0]).toEqual({ id: 'cp-reviews-in-timescale', theme_id: 'child-protection' });
  });

  it('holds every LA from the DfE files with codes, name and region', () => {
    const store = freshStore();
    const [leicestershire] = all(store, 'select * from local_authorities where old_la_code = ?', '855');
    expect(leicestershire).toEqual({
      old_la_code: '855',
      new_la_code: 'E10000018',
      name: 'Leicestershire',
      region_code: 'E12000004',
      region_name: 'East Midlands',
      first_year: 2012,
      last_year: 2025,
    });
    expect(store.seed.localAuthorities).toBe(158);
  });

  it("holds Leicestershire's 2025 and 2021 statistical neighbours, nearest first, with closeness", () => {
    const store = freshStore();
    const neighbours = (year: number) =>
      all<{ neighbour_code: string; closeness: string }>(
        store,
        'select neighbour_code, closeness from stat_neighbours where model_year = ? and la_code = ? order by rank',
        year,
        '855',
      );
    expect(neighbours(2025).map((n) => n.neighbour_code)).toEqual([
      '916',
      '803',
      '937',
      '802',
      '850',
      '865',
      '933',
      '938',
      '811',
      '891',
    ]);
    expect(neighbours(2021).map((n) => n.neighbour_code)).toEqual([
      '803',
      '937',
      '823',
      '885',
      '850',
      '881',
      '938',
      '802',
      '860',
      '895',
    ]);
    // DfE spells it "Extremely Close" in 2021 and "Very close" in 2025: one spelling here.
    expect(neighbours(2021)[0]!.closeness).toBe('Extremely close');
    expect(neighbours(2025)[0]!.closeness).toBe('Very close');
  });

  it('keeps neighbour sets of LAs that have since been reorganised', () => {
    const store = freshStore();
    const [row] = all<{ n: number }>(
      store,
      "select count(*) as n from stat_neighbours where model_year = 2021 and la_code = '928'",
    );
    expect(row!.n).toBe(10);
  });

  it('records reorganisations and earlier ONS codes', () => {
    const store = freshStore();
    expect(
      all(
        store,
        "select successor_code, effective_from from la_lineage where predecessor_code = '928' order by successor_code",
      ),
    ).toEqual([
      { successor_code: '940', effective_from: '2021-04-01' },
      { successor_code: '941', effective_from: '2021-04-01' },
    ]);
    // Buckinghamshire kept its DfE code but became a unitary with a new ONS code.
    expect(all(store, "select new_la_code from la_code_history where old_la_code = '825' order by first_year")).toEqual(
      [{ new_la_code: 'E10000002' }, { new_la_code: 'E06000060' }],
    );
  });

  it('answers the scorecard lookup (one LA, one period) from an index, whatever the history size', () => {
    const store = freshStore();
    const plan = all<{ detail: string }>(
      store,
      "explain query plan select * from observations where geography_code = '855' and period_id = '2018-19-Q1'",
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX observations_by_place/);
  });
});

describe('starting again', () => {
  it('does not reload or duplicate reference data', () => {
    const first = freshStore();
    first.db.$client.close();
    const again = openStore({ dbPath: first.dbPath, dataDir: dataDirWithCatalogue((y) => y) });
    expect(again.seed).toEqual({
      seeded: false,
      localAuthorities: 158,
      statNeighbourSets: 309,
      indicators: first.catalogue.indicators.length,
    });
    const [n] = again.db.$client.prepare('select count(*) as n from stat_neighbours').all() as Array<{ n: number }>;
    expect(n!.n).toBe(3090);
    again.db.$client.close();
  });

  it('takes up an edited catalogue, and refuses to drop an indicator that has stored figures', () => {
    const first = freshStore();
    const db = first.db.$client;
    db.prepare(
      "insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, state) values ('2026-01-01T00:00:00Z', 'test', 'x.csv', 'abc', 'csv', 1, 1, 0, 0, 'committed')",
    ).run();
    db.prepare(
      "insert into observations (indicator_id, geography_level, geography_code, period_id, period_kind, period_end, value, source_ref, load_id) values ('cse-referrals', 'local-authority', '855', '2018-19-Q1', 'financial-quarter', 24221, 81, 'test', 1)",
    ).run();
    db.close();

    const relabelled = dataDirWithCatalogue((y) =>
      y.replace('shortLabel: CSE referrals', 'shortLabel: CSE referrals received'),
    );
    const edited = openStore({ dbPath: first.dbPath, dataDir: relabelled });
    expect(edited.seed.seeded).toBe(true);
    const [row] = edited.db.$client
      .prepare("select definition from indicators where id = 'cse-referrals'")
      .all() as Array<{ definition: string }>;
    expect(JSON.parse(row!.definition).shortLabel).toBe('CSE referrals received');
    edited.db.$client.close();

    const without = dataDirWithCatalogue((y) => y.replace(/ {2}- id: cse-referrals[\s\S]*?(?=\n {2}#)/, ''));
    expect(() => openStore({ dbPath: first.dbPath, dataDir: without })).toThrowError(CatalogueError);
    expect(() => openStore({ dbPath: first.dbPath, dataDir: without })).toThrowError(
      /indicator "cse-referrals" was removed from the catalogue but 1 stored figure\(s\) belong to it/,
    );
  });
});
