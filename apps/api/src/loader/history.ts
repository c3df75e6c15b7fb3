import type { LoadSummary } from '@indicate/contracts';
import { prepared, type Db } from '../db/client.ts';

/** Load history: every load and revert, newest first, as the Loads page and `pnpm cli loads` show it. */

export type LoadRow = {
  id: number;
  loaded_at: string;
  loaded_by: string;
  file_name: string;
  sha256: string;
  format: string;
  rows_read: number;
  rows_new: number;
  rows_changed: number;
  rows_unchanged: number;
  rows_removed: number;
  warnings: number;
  state: 'committed' | 'reverted';
  reverts_load_id: number | null;
  reapplies_load_id: number | null;
  provenance: string | null;
  dfe_release: string | null;
  log_kind: string | null;
};

export function summary(row: LoadRow): LoadSummary {
  return {
    id: row.id,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
    fileName: row.file_name,
    sha256: row.sha256,
    format: row.format,
    rowsRead: row.rows_read,
    rowsNew: row.rows_new,
    rowsChanged: row.rows_changed,
    rowsUnchanged: row.rows_unchanged,
    rowsRemoved: row.rows_removed,
    warnings: row.warnings,
    state: row.state,
    revertsLoadId: row.reverts_load_id,
    reappliesLoadId: row.reapplies_load_id,
    provenance: row.provenance === null ? null : (JSON.parse(row.provenance) as LoadSummary['provenance']),
    dfeRelease: row.dfe_release === null ? null : (JSON.parse(row.dfe_release) as LoadSummary['dfeRelease']),
    logKind: row.log_kind as LoadSummary['logKind'],
  };
}

export function listLoads(db: Db): LoadSummary[] {
  return (prepared(db, 'select * from loads order by id desc').all() as LoadRow[]).map(summary);
}

export function getLoad(db: Db, id: number): LoadSummary | null {
  const row = prepared(db, 'select * from loads where id = ?').get(id) as LoadRow | undefined;
  return row ? summary(row) : null;
}
