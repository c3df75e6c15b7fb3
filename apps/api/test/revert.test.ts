import { describe, expect, it } from 'vitest';
import { REVERT_SQL, revertLoad } from '../src/loader/revert.ts';
import { freshStore } from './helpers.ts';
import { fig, load, target, type Store } from './history-fixtures.ts';

/** The revert's semantics on a longer history than loader.test.ts, and its query plans. */

/** Everything a revert may change, as comparable rows. */
function snapshot(store: Store) {
  const c = store.db.$client;
  return {
    observations: c
      .prepare(
        'select indicator_id, geography_code, period_id, value, load_id from observations order by indicator_id, geography_code, period_id',
      )
      .all(),
    targets: c.prepare('select indicator_id, la_code, period_id, value, load_id from targets order by 1, 2, 3').all(),
  };
}

describe('reverting a load, set-based', () => {
  it('undoes loads in reverse order back to exactly the earlier state, figures and targets alike', async () => {
    const store = freshStore();
    const empty = snapshot(store);
    const a = await load(store, [fig('855', 1, 8.1), fig('855', 2, 8.2), fig('856', 1, 5.1), target(120)]);
    const afterA = snapshot(store);
    // B revises two of A's figures and the target, adds one figure.
    const b = await load(store, [fig('855', 1, 9.1), fig('856', 1, 6.1), fig('857', 1, 4.4), target(110)]);
    const afterB = snapshot(store);
    // C revises one of B's revisions again and one of A's untouched figures.
    const c = await load(store, [fig('855', 1, 10.1), fig('855', 2, 10.2)]);

    const undoC = revertLoad(store.db, c, 't');
    expect(undoC).toMatchObject({ rowsRead: 2, rowsChanged: 2, rowsRemoved: 0 });
    expect(snapshot(store)).toEqual(afterB);
    // A is still blocked by B (which replaced A's figures), not by the reverted C.
    expect(() => revertLoad(store.db, a, 't')).toThrowError(`later load(s) ${b} changed`);
    const undoB = revertLoad(store.db, b, 't');
    expect(undoB).toMatchObject({ rowsRead: 4, rowsChanged: 3, rowsRemoved: 1 });
    expect(snapshot(store)).toEqual(afterA);
    const undoA = revertLoad(store.db, a, 't');
    expect(undoA).toMatchObject({ rowsRead: 4, rowsChanged: 0, rowsRemoved: 4 });
    expect(snapshot(store)).toEqual(empty);

    // Every version a revert displaced is kept, marked with the revert that displaced it.
    const kept = (id: number) =>
      store.db.$client
        .prepare(
          'select count(*) as n from observation_history where replaced_by_load_id = ? union all select count(*) from target_history where replaced_by_load_id = ?',
        )
        .pluck()
        .all(id, id);
    expect(kept(undoC.id)).toEqual([2, 0]);
    expect(kept(undoB.id)).toEqual([3, 1]);
    expect(kept(undoA.id)).toEqual([3, 1]);
  });

  it('walks indexes, never a whole table of figures or history (EXPLAIN QUERY PLAN)', () => {
    const store = freshStore();
    for (const [name, sql] of Object.entries(REVERT_SQL)) {
      const parameters = sql.includes('@load') ? [{ load: 1 }] : Array.from(sql.matchAll(/\?/g), () => 1);
      const plan = (
        store.db.$client.prepare(`explain query plan ${sql}`).all(...parameters) as Array<{ detail: string }>
      ).map((row) => row.detail);
      // The targets table holds a council's own targets (hundreds of rows) and has no index by load.
      const scans = plan.filter((step) => /^SCAN /.test(step) && !/^SCAN targets\b/.test(step));
      expect(scans, `${name}: ${plan.join(' | ')}`).toEqual([]);
    }
    const restore = (
      store.db.$client.prepare(`explain query plan ${REVERT_SQL.restoreObservations}`).all({ load: 1 }) as Array<{
        detail: string;
      }>
    ).map((row) => row.detail);
    expect(restore.join('\n')).toMatch(/observations_by_load/);
    expect(restore.join('\n')).toMatch(/observation_history_by_observation_load/);
  });
});
