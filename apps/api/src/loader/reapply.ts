import type { Catalogue, LoadReport } from '@indicate/contracts';
import { monthSpan, parsePeriodId, periodId, previousPeriod } from '@indicate/core';
import { audit } from '../auth/audit.ts';
import { markWritten, type Db } from '../db/client.ts';
import type { LoadRow } from './history.ts';
import { RevertRefused } from './revert.ts';
import { countsWith, PlanChanged } from './run-load.ts';
import type { StagedRow } from './sink.ts';
import { StagingSession } from './staging.ts';

/**
 * Re-applying an undone load: the figures and targets it had written, kept in history (with their keys)
 * when it was reverted, are staged and written again as a new load, through the same plan and commit as
 * a file (a dry run first; the commit can insist on the plan it showed). Refused while a later load has
 * changed any of the same figures since the undo, so nothing done since is silently overwritten.
 */

export type ReapplyRequest = {
  loadId: number;
  by: string;
  dryRun: boolean;
  expectPlan?: string;
  listLimit?: number;
  now?: () => Date;
};

type HistoryRow = {
  indicator_id: string | null;
  geography_level: string | null;
  geography_code: string | null;
  period_id: string | null;
  period_kind: string | null;
  period_end: number | null;
  breakdown: string;
  value: number | null;
  symbol: string | null;
  numerator: number | null;
  denominator: number | null;
  status: 'provisional' | 'final';
  published_quartile: number | null;
  source_ref: string;
  note: string | null;
};

type TargetHistoryRow = {
  indicator_id: string;
  la_code: string;
  period_id: string;
  value: number;
  tolerance_kind: 'absolute' | 'relative' | null;
  tolerance_amount: number | null;
  source_ref: string | null;
  note: string | null;
};

const SQL = {
  /** The revert that undid the load (the latest, should it have been re-applied and undone again). */
  revert: 'select id from loads where reverts_load_id = ? order by id desc limit 1',
  inForce: "select id from loads where reapplies_load_id = ? and state = 'committed' order by id desc limit 1",
  figures: `select * from observation_history where load_id = ? and replaced_by_load_id = ? order by id`,
  targets: `select * from target_history where load_id = ? and replaced_by_load_id = ? order by id`,
  /** Loads after the undo that wrote any of the same figures or targets. */
  later: `select distinct o.load_id as id from observation_history h
      join observations o on o.indicator_id = h.indicator_id and o.geography_level = h.geography_level
        and o.geography_code = h.geography_code and o.period_id = h.period_id and o.breakdown = h.breakdown
      where h.load_id = @load and h.replaced_by_load_id = @revert and o.load_id > @revert
    union
    select distinct t.load_id from target_history h
      join targets t on t.indicator_id = h.indicator_id and t.la_code = h.la_code and t.period_id = h.period_id
      where h.load_id = @load and h.replaced_by_load_id = @revert and t.load_id > @revert
    order by 1`,
} as const;

export function reapplyLoad(db: Db, catalogue: Catalogue, request: ReapplyRequest): LoadReport {
  const c = db.$client;
  const { loadId } = request;
  const { load, revert } = reapplicable(c, loadId);
  if ((load as { log_kind?: string | null }).log_kind) {
    throw new RevertRefused(
      'is_log',
      `Load ${loadId} is a service log (${load.file_name}): load its file again to make it the current log.`,
    );
  }
  const figures = c.prepare(SQL.figures).all(loadId, revert) as HistoryRow[];
  const targets = c.prepare(SQL.targets).all(loadId, revert) as TargetHistoryRow[];
  if (figures.some((f) => f.indicator_id === null)) {
    throw new RevertRefused(
      'no_keys',
      `Load ${loadId} was undone before Indicate kept each figure's key, so its figures cannot be written again from history; load its file (${load.file_name}) again instead.`,
    );
  }

  const listLimit = request.listLimit ?? 500;
  const session = new StagingSession(db, new Map(catalogue.indicators.map((i) => [i.id, i] as const)), listLimit);
  try {
    stage(session, figures, targets);
    session.finish();
    const fileName = `re-apply of load ${loadId} (${load.file_name})`.slice(0, 200);
    const report = (extra: Partial<LoadReport> & Pick<LoadReport, 'committed'>): LoadReport => ({
      dryRun: request.dryRun,
      loadId: null,
      fileName,
      sha256: load.sha256,
      format: 'reapply',
      planHash: null,
      judgements: [],
      log: null,
      toConfirm: [],
      counts: countsWith(session, { new: 0, changed: 0, unchanged: 0 }),
      changes: [],
      errors: session.errors,
      warnings: session.warnings,
      listLimit,
      provenance: load.provenance === null ? null : (JSON.parse(load.provenance) as LoadReport['provenance']),
      ...extra,
    });
    if (request.dryRun) {
      const plan = session.plan();
      return report({
        committed: false,
        planHash: plan.planHash,
        changes: plan.changes,
        counts: countsWith(session, plan),
      });
    }
    const at = (request.now ?? (() => new Date()))().toISOString();
    const commit = c.transaction(() => {
      // Asked again under the write lock: two re-applies sent at once must not both write.
      reapplicable(c, loadId);
      const plan = session.plan();
      if (request.expectPlan && request.expectPlan !== plan.planHash) throw new PlanChanged();
      const id = Number(
        c
          .prepare(
            `insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, warnings, state, reapplies_load_id, provenance, dfe_release)
             values (?, ?, ?, ?, 'reapply', ?, ?, ?, ?, 0, 'committed', ?, ?, ?)`,
          )
          .run(
            at,
            request.by,
            fileName,
            load.sha256,
            session.rowsRead,
            plan.new,
            plan.changed,
            plan.unchanged,
            loadId,
            load.provenance,
            // A DfE release written again is still that release: its provenance goes with it.
            load.dfe_release,
          ).lastInsertRowid,
      );
      session.apply(id, request.by, at);
      audit(db, {
        actor: request.by,
        action: 'reapply',
        target: `load ${loadId}`,
        after: { reapplyLoadId: id, new: plan.new, changed: plan.changed, unchanged: plan.unchanged },
      });
      return { plan, id };
    });
    const done = commit.immediate();
    markWritten(db);
    return report({
      committed: true,
      loadId: done.id,
      planHash: done.plan.planHash,
      changes: done.plan.changes,
      counts: countsWith(session, done.plan),
    });
  } finally {
    session.dispose();
  }
}

/** The load and the revert that undid it, or why it cannot be re-applied now. */
function reapplicable(c: Db['$client'], loadId: number): { load: LoadRow; revert: number } {
  const load = c.prepare('select * from loads where id = ?').get(loadId) as LoadRow | undefined;
  if (!load) throw new RevertRefused('not_found', `There is no load ${loadId}.`);
  if (load.reverts_load_id !== null) {
    throw new RevertRefused(
      'is_revert',
      `Load ${loadId} is an undo, not a load of figures; re-apply load ${load.reverts_load_id} instead.`,
    );
  }
  if (load.state !== 'reverted') {
    throw new RevertRefused('not_reverted', `Load ${loadId} is in force; only an undone load can be re-applied.`);
  }
  const again = c.prepare(SQL.inForce).get(loadId) as { id: number } | undefined;
  if (again) {
    throw new RevertRefused(
      'already_reapplied',
      `Load ${loadId} has already been re-applied, as load ${again.id}; undo that one first to re-apply it again.`,
    );
  }
  const revert = (c.prepare(SQL.revert).get(loadId) as { id: number } | undefined)?.id;
  if (revert === undefined) throw new RevertRefused('not_found', `No undo of load ${loadId} was found.`);
  const later = c.prepare(SQL.later).all({ load: loadId, revert }) as Array<{ id: number }>;
  if (later.length > 0) {
    throw new RevertRefused(
      'superseded',
      `Load ${loadId} cannot be re-applied: later load(s) ${later.map((l) => l.id).join(', ')} wrote some of the same figures since it was undone, and re-applying would overwrite them. Revert those first, or load the file again.`,
    );
  }
  return { load, revert };
}

function stage(session: StagingSession, figures: HistoryRow[], targets: TargetHistoryRow[]): void {
  let row = 0;
  for (const f of figures) {
    row += 1;
    session.read();
    session.add({
      row,
      indicatorId: f.indicator_id!,
      geographyLevel: f.geography_level as StagedRow['geographyLevel'],
      breakdown: f.breakdown,
      geographyCode: f.geography_code!,
      periodId: f.period_id!,
      periodKind: f.period_kind!,
      periodEnd: f.period_end!,
      previousPeriodId: previousId(f.period_id!),
      value: f.value,
      symbol: f.symbol,
      numerator: f.numerator,
      denominator: f.denominator,
      status: f.status,
      publishedQuartile: f.published_quartile,
      sourceRef: f.source_ref,
      note: f.note,
      toleranceKind: null,
      toleranceAmount: null,
    });
  }
  for (const t of targets) {
    row += 1;
    session.read();
    const parsed = parsePeriodId(t.period_id);
    session.add({
      row,
      indicatorId: t.indicator_id,
      geographyLevel: 'target',
      geographyCode: t.la_code,
      periodId: t.period_id,
      periodKind: parsed.ok ? parsed.period.kind : '',
      periodEnd: parsed.ok ? monthSpan(parsed.period).last : 0,
      previousPeriodId: previousId(t.period_id),
      value: t.value,
      symbol: null,
      numerator: null,
      denominator: null,
      status: 'final',
      publishedQuartile: null,
      sourceRef: t.source_ref ?? '',
      note: t.note,
      toleranceKind: t.tolerance_kind,
      toleranceAmount: t.tolerance_amount,
    });
  }
}

/** The period before a stored period id (for the loader's movement warnings); '' if the id does not parse. */
function previousId(id: string): string {
  const parsed = parsePeriodId(id);
  return parsed.ok ? periodId(previousPeriod(parsed.period)) : '';
}
