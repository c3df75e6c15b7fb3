import { LoadReportSchema } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { reapplyLoad } from '../src/loader/reapply.ts';
import { revertLoad } from '../src/loader/revert.ts';
import { freshStore, testApp } from './helpers.ts';
import { fig, load as loadFile, target, type Store } from './history-fixtures.ts';

const load = (store: Store, rows: string[]) => loadFile(store, rows, 'q.csv');
import { signIn } from './sign-in.ts';

/** An undone load can be written again: the analyst who undid the wrong load gets it back. */

/** What the dashboard shows: every figure and target, without which load wrote it. */
function figures(store: Store) {
  const c = store.db.$client;
  return {
    observations: c
      .prepare(
        'select indicator_id, geography_level, geography_code, period_id, period_kind, period_end, value, status, source_ref from observations order by 1, 2, 3, 4',
      )
      .all(),
    targets: c.prepare('select indicator_id, la_code, period_id, value from targets order by 1, 2, 3').all(),
  };
}

describe('re-applying an undone load', () => {
  it('writes back exactly the figures and targets the load had written, added and revised alike, and can be undone again', async () => {
    const store = freshStore();
    await load(store, [fig('855', 1, 8.1), fig('855', 2, 8.2), target(120)]);
    const before = figures(store);
    // B revises one of A's figures and the target, and adds a figure A did not have.
    const b = await load(store, [fig('855', 1, 9.1), fig('857', 1, 4.4), target(110)]);
    const withB = figures(store);
    revertLoad(store.db, b, 't');
    expect(figures(store)).toEqual(before);

    const dry = reapplyLoad(store.db, store.catalogue, { loadId: b, by: 'analyst@x', dryRun: true });
    expect(dry).toMatchObject({ committed: false, format: 'reapply', counts: { new: 1, changed: 2, unchanged: 0 } });
    expect(figures(store)).toEqual(before); // a dry run writes nothing

    const done = reapplyLoad(store.db, store.catalogue, {
      loadId: b,
      by: 'analyst@x',
      dryRun: false,
      expectPlan: dry.planHash!,
    });
    expect(done).toMatchObject({ committed: true, fileName: `re-apply of load ${b} (q.csv)` });
    expect(figures(store)).toEqual(withB);
    const row = store.db.$client.prepare('select * from loads where id = ?').get(done.loadId) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ format: 'reapply', reapplies_load_id: b, state: 'committed', loaded_by: 'analyst@x' });
    expect(store.db.$client.prepare("select target from audit_log where action = 'reapply'").pluck().all()).toEqual([
      `load ${b}`,
    ]);

    // Twice is refused while the first is in force; once undone it can be re-applied again.
    expect(() => reapplyLoad(store.db, store.catalogue, { loadId: b, by: 't', dryRun: false })).toThrowError(
      `Load ${b} has already been re-applied, as load ${done.loadId}`,
    );
    revertLoad(store.db, done.loadId!, 't');
    expect(figures(store)).toEqual(before);
    reapplyLoad(store.db, store.catalogue, { loadId: b, by: 't', dryRun: false });
    expect(figures(store)).toEqual(withB);
  });

  it('refuses a load in force, an undo, a stale plan, and a load whose figures a later load has written since', async () => {
    const store = freshStore();
    const a = await load(store, [fig('855', 1, 8.1), fig('856', 1, 5.1)]);
    expect(() => reapplyLoad(store.db, store.catalogue, { loadId: a, by: 't', dryRun: false })).toThrowError(
      `Load ${a} is in force; only an undone load can be re-applied.`,
    );
    const undo = revertLoad(store.db, a, 't');
    expect(() => reapplyLoad(store.db, store.catalogue, { loadId: undo.id, by: 't', dryRun: false })).toThrowError(
      `re-apply load ${a} instead`,
    );
    expect(() => reapplyLoad(store.db, store.catalogue, { loadId: 99, by: 't', dryRun: false })).toThrowError(
      'There is no load 99.',
    );
    const dry = reapplyLoad(store.db, store.catalogue, { loadId: a, by: 't', dryRun: true });
    // A later load writes one of A's figures: re-applying would overwrite it, so it is refused by name.
    const later = await load(store, [fig('856', 1, 6.6)]);
    expect(() => reapplyLoad(store.db, store.catalogue, { loadId: a, by: 't', dryRun: false })).toThrowError(
      `later load(s) ${later} wrote some of the same figures`,
    );
    revertLoad(store.db, later, 't');
    expect(() =>
      reapplyLoad(store.db, store.catalogue, {
        loadId: a,
        by: 't',
        dryRun: false,
        expectPlan: 'f'.repeat(64),
      }),
    ).toThrowError('The stored figures changed since the dry run');
    expect(
      reapplyLoad(store.db, store.catalogue, { loadId: a, by: 't', dryRun: false, expectPlan: dry.planHash! }),
    ).toMatchObject({ committed: true, counts: { new: 2 } });
  });

  it('says so when a load was undone before history kept each figure’s key', async () => {
    const store = freshStore();
    const a = await load(store, [fig('855', 1, 8.1)]);
    revertLoad(store.db, a, 't');
    // As a version kept before migration 0010 whose figure had gone: no key.
    store.db.$client.exec('update observation_history set indicator_id = null, geography_code = null');
    expect(() => reapplyLoad(store.db, store.catalogue, { loadId: a, by: 't', dryRun: false })).toThrowError(
      `load its file (q.csv) again instead`,
    );
  });

  it('POST /api/loads/:id/reapply: the analyst dry-runs then commits; anonymous and viewers are refused', async () => {
    const store = freshStore();
    const a = await load(store, [fig('855', 1, 8.1)]);
    revertLoad(store.db, a, 't');
    const anonymous = await testApp({ store });
    expect((await anonymous.inject({ method: 'POST', url: `/api/loads/${a}/reapply` })).statusCode).toBe(401);
    // Odd spellings of the path reach the same rule, never the write.
    for (const url of [`/%61pi/loads/${a}/reapply`, `//api/loads/${a}/reapply`, `/api/loads/${a}/%72eapply`]) {
      expect([401, 404], url).toContain((await anonymous.inject({ method: 'POST', url })).statusCode);
    }
    const viewer = await signIn(await testApp({ store }), store, 'viewer');
    expect((await viewer.inject({ method: 'POST', url: `/api/loads/${a}/reapply` })).statusCode).toBe(403);
    expect((await viewer.inject({ method: 'POST', url: `/%61pi/loads/${a}/reapply` })).statusCode).toBe(403);
    expect(
      store.db.$client.prepare('select count(*) from loads where reapplies_load_id is not null').pluck().get(),
    ).toBe(0);

    const server = await signIn(await testApp({ store }), store, 'analyst');
    const bad = await server.inject({ method: 'POST', url: `/api/loads/${a}/reapply?dryRun=maybe` });
    expect(bad.statusCode).toBe(400);
    const dry = await server.inject({ method: 'POST', url: `/api/loads/${a}/reapply?dryRun=true` });
    expect(dry.statusCode).toBe(200);
    const plan = LoadReportSchema.parse(dry.json());
    expect(plan).toMatchObject({ committed: false, counts: { new: 1 } });
    const commit = await server.inject({
      method: 'POST',
      url: `/api/loads/${a}/reapply?expectPlan=${plan.planHash}`,
    });
    expect(commit.statusCode).toBe(201);
    const again = await server.inject({ method: 'POST', url: `/api/loads/${a}/reapply` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_reapplied');
    const list = await server.inject({ method: 'GET', url: '/api/loads' });
    expect(list.json()[0]).toMatchObject({ format: 'reapply', reappliesLoadId: a });
  });
});
