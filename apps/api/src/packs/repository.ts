import type { PackState } from '@indicate/core';
import { prepared, type Db } from '../db/client.ts';

/** The packs tables, as typed rows: every SQL statement about packs is here. */

export type PackRow = {
  id: number;
  la_code: string;
  period_id: string;
  version: number;
  state: PackState;
  /** JSON of the frozen snapshot (see service.ts Snapshot). */
  snapshot: string;
  /** JSON of what changed since the version it revises, or null for a first version. */
  changes: string | null;
  revises_pack_id: number | null;
  created_by: string;
  created_at: string;
  state_changed_by: string;
  state_changed_at: string;
  /** The load whose undoing left this draft's figures out of date, or null. */
  stale_since_revert_of: number | null;
};

export type TextKind = 'paragraph' | 'commentary' | 'key-message';

export type TextRow = {
  indicator_id: string;
  kind: TextKind;
  text: string;
  author: string;
  written_at: string;
};

export class PackRepository {
  constructor(private readonly db: Db) {}

  /** Every pack, oldest first (packs are few: a council drafts a handful a year). */
  all(): PackRow[] {
    return prepared(this.db, 'select * from packs order by id').all() as PackRow[];
  }

  markStale(id: number, revertedLoadId: number): void {
    prepared(this.db, 'update packs set stale_since_revert_of = ? where id = ?').run(revertedLoadId, id);
  }

  /** A draft taken again from the data: a new snapshot and changes, no longer stale. */
  replaceSnapshot(id: number, snapshot: string, changes: string | null): void {
    prepared(this.db, 'update packs set snapshot = ?, changes = ?, stale_since_revert_of = null where id = ?').run(
      snapshot,
      changes,
      id,
    );
  }

  byId(id: number): PackRow | undefined {
    return prepared(this.db, 'select * from packs where id = ?').get(id) as PackRow | undefined;
  }

  /** An LA's packs, newest period and version first; for one period when given. */
  list(laCode: string, periodId: string | undefined): PackRow[] {
    return periodId
      ? (prepared(
          this.db,
          'select * from packs where la_code = ? and period_id = ? order by period_id desc, version desc',
        ).all(laCode, periodId) as PackRow[])
      : (prepared(this.db, 'select * from packs where la_code = ? order by period_id desc, version desc').all(
          laCode,
        ) as PackRow[]);
  }

  /** The unpublished pack for an LA and period, if one is open. */
  openDraft(laCode: string, periodId: string): PackRow | undefined {
    return prepared(
      this.db,
      "select * from packs where la_code = ? and period_id = ? and state <> 'published' order by version desc limit 1",
    ).get(laCode, periodId) as PackRow | undefined;
  }

  latestVersion(laCode: string, periodId: string): PackRow | undefined {
    return prepared(
      this.db,
      'select * from packs where la_code = ? and period_id = ? order by version desc limit 1',
    ).get(laCode, periodId) as PackRow | undefined;
  }

  /** The published pack for the LA that came before this one (an earlier period, or an earlier version). */
  previousPublished(row: PackRow): PackRow | undefined {
    return prepared(
      this.db,
      `select * from packs where la_code = ? and state = 'published' and id <> ?
         and (period_id < ? or (period_id = ? and version < ?)) order by period_id desc, version desc limit 1`,
    ).get(row.la_code, row.id, row.period_id, row.period_id, row.version) as PackRow | undefined;
  }

  insert(row: Omit<PackRow, 'id' | 'stale_since_revert_of'>): number {
    return Number(
      prepared(
        this.db,
        `insert into packs (la_code, period_id, version, state, snapshot, changes, revises_pack_id, created_by, created_at, state_changed_by, state_changed_at)
         values (@la_code, @period_id, @version, @state, @snapshot, @changes, @revises_pack_id, @created_by, @created_at, @state_changed_by, @state_changed_at)`,
      ).run(row).lastInsertRowid,
    );
  }

  setState(id: number, state: PackState, by: string, at: string): void {
    prepared(this.db, 'update packs set state = ?, state_changed_by = ?, state_changed_at = ? where id = ?').run(
      state,
      by,
      at,
      id,
    );
  }

  /** Every text written on a pack, newest first. */
  texts(packId: number): TextRow[] {
    return prepared(this.db, 'select * from pack_texts where pack_id = ? order by id desc').all(packId) as TextRow[];
  }

  addText(packId: number, text: TextRow): void {
    prepared(
      this.db,
      'insert into pack_texts (pack_id, indicator_id, kind, text, author, written_at) values (?, ?, ?, ?, ?, ?)',
    ).run(packId, text.indicator_id, text.kind, text.text, text.author, text.written_at);
  }

  /** When the newest data was loaded: the pack's "data date". */
  newestLoadAt(): string | null {
    return (prepared(this.db, 'select max(loaded_at) as at from loads').get() as { at: string | null }).at;
  }

  transaction<T>(work: () => T): T {
    return this.db.$client.transaction(work)();
  }
}
