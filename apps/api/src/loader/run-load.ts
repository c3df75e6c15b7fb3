import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Catalogue, DfeRelease, LoadChange, LoadFormat, LoadReport } from '@indicate/contracts';
import { audit } from '../auth/audit.ts';
import { markWritten, type Db } from '../db/client.ts';
import { dfeIndicatorsFor, readDfeFile } from './dfe.ts';
import { csvRecords, sniff, UnreadableFile, type CsvRecord } from './input.ts';
import { readGeography } from './lookups.ts';
import { StagingSession } from './staging.ts';
import { isTemplateHeader, readTemplate } from './template.ts';
import { xlsxRecords } from './xlsx.ts';
import { previewJudgements } from './judgements.ts';
import { readLaitFile } from './lait-file.ts';
import { computedCouncilProblem, logKindOf, type LineageLink } from '@indicate/core';
import { LogPlanChanged, runLogLoad } from './service-log.ts';
import { readProvenanceLines, type ReturnsProvenance } from '@indicate/returns';
import { readSettings } from '../auth/settings.ts';

/**
 * Running a load (history.ts lists and describes loads, revert.ts undoes them).
 * The only way figures get into Indicate: the CLI, the API, the upload page and the bundled data on
 * first start all call runLoad. Nothing is written while any error remains; a commit is one transaction.
 */

export type LoadRequest = {
  /** The file on disk (uploads are written to a temporary file first). */
  path: string;
  /** The name the analyst knows it by, recorded with the load. */
  fileName: string;
  loadedBy: string;
  dryRun: boolean;
  /** A dry run's planHash: the commit is refused if the plan is no longer exactly that. */
  expectPlan?: string;
  /** The analyst has looked at the jumps in the council's figures the dry run listed (`toConfirm`) and loads them. */
  confirmJumps?: boolean;
  listLimit?: number;
  /** The clock, passed in so tests and the domain never read it themselves. */
  now?: () => Date;
  /**
   * Only the bundled data may be LAIT's parquet file: it is read whole into memory, so an uploaded one
   * (up to the upload limit, compressed) is refused rather than trusted.
   */
  allowLait?: boolean;
  /** A DfE release pulled from Explore Education Statistics: recorded with the load as its provenance. */
  dfeRelease?: DfeRelease;
  /**
   * A staged DfE pull this load approves: marked approved inside the commit's transaction, so the two stand or
   * fall together. Plain data, so a load on a worker thread can carry it.
   */
  approvesPull?: { id: number; by: string; at: string };
};

export class JumpsUnconfirmed extends Error {
  constructor(readonly count: number) {
    super(
      `${count} of the council's figures move far from its last ones (listed in the dry run): look at them, then load with the jumps confirmed.`,
    );
  }
}

/** The DfE pull a load would approve was approved or discarded meanwhile: nothing is written. */
export class PullDecided extends Error {
  constructor(id: number) {
    super(`DfE pull ${id} was approved or discarded meanwhile.`);
  }
}

export class PlanChanged extends Error {
  constructor() {
    super('The stored figures changed since the dry run; run the dry run again and check the new report.');
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function runLoad(db: Db, catalogue: Catalogue, request: LoadRequest): Promise<LoadReport> {
  const listLimit = request.listLimit ?? 500;
  const indicators = new Map(catalogue.indicators.map((i) => [i.id, i] as const));
  const sha256 = await sha256File(request.path);
  const session = new StagingSession(db, indicators, listLimit);
  let format: LoadFormat | null = null;
  /** Figures computed from the council's returns say so in `# returns-` lines: kept with the load. */
  let provenance: ReturnsProvenance | null = null;
  const report = (extra: Partial<LoadReport> & Pick<LoadReport, 'committed'>): LoadReport => ({
    dryRun: request.dryRun,
    loadId: null,
    fileName: request.fileName,
    sha256,
    format,
    planHash: null,
    counts: {
      rowsRead: session.rowsRead,
      rowsNotUsed: session.rowsNotUsed,
      new: 0,
      changed: 0,
      unchanged: 0,
      errors: session.errorCount,
      warnings: session.warningCount,
    },
    changes: [],
    errors: session.errors,
    warnings: session.warnings,
    listLimit,
    provenance,
    judgements: [],
    toConfirm: session.jumps,
    log: null,
    ...extra,
  });
  // Closed at the end whether or not it was read to the end, so a reader's temporary files go at once.
  let records: AsyncIterator<CsvRecord> | undefined;
  try {
    try {
      const kind = sniff(request.path);
      const geography = readGeography(db);
      if (kind === 'parquet' && !request.allowLait) {
        throw new UnreadableFile(
          "This is a parquet file. Indicate reads only one, DfE's LAIT data set, and only from its own bundled data: load figures as the Indicate template (CSV or Excel) or a DfE file as published.",
        );
      }
      if (kind === 'parquet') {
        // DfE's LAIT data set (data/lait): figures from DfE's own files win over it.
        format = 'lait-parquet';
        session.preferDfeFiles = true;
        await readLaitFile(
          request.path,
          { fileName: request.fileName, indicators: catalogue.indicators, geography },
          session,
        );
      } else {
        const iterator = (records = (
          kind === 'csv' ? csvRecords(request.path) : xlsxRecords(request.path, request.fileName)
        )[Symbol.asyncIterator]());
        let first = await iterator.next();
        // The template may open with comment lines (# ...) explaining itself; the header follows them.
        const comments: string[] = [];
        while (!first.done && (first.value.cells[0] ?? '').trimStart().startsWith('#')) {
          if (comments.length < 500) comments.push(first.value.cells[0]!.trim());
          first = await iterator.next();
        }
        if (first.done) throw new UnreadableFile('The file has no rows.');
        const header = first.value.cells.map((c) => c.trim());
        const rest: AsyncIterable<CsvRecord> = { [Symbol.asyncIterator]: () => iterator };
        if (isTemplateHeader(header)) {
          format = kind === 'csv' ? 'indicate-template-csv' : 'indicate-template-xlsx';
          provenance = readProvenanceLines(comments);
          await readTemplate(
            header,
            rest,
            { fileName: request.fileName, indicators, geography, today: (request.now ?? (() => new Date()))() },
            session,
          );
        } else if (logKindOf(header)) {
          // A service log (the fostering register, the complaints log, the action plan...): loaded whole.
          try {
            return await runLogLoad(db, catalogue, logKindOf(header)!, header, rest, {
              fileName: request.fileName,
              sha256,
              format: kind === 'csv' ? 'service-log-csv' : 'service-log-xlsx',
              loadedBy: request.loadedBy,
              dryRun: request.dryRun,
              expectPlan: request.expectPlan,
              listLimit,
              today: (request.now ?? (() => new Date()))(),
            });
          } catch (error) {
            if (error instanceof LogPlanChanged) throw new PlanChanged();
            throw error;
          }
        } else {
          const served = kind === 'csv' ? dfeIndicatorsFor(header, catalogue.indicators) : [];
          if (served.length === 0) throw new UnreadableFile(unrecognised(header));
          format = 'dfe-csv';
          await readDfeFile(header, rest, { fileName: request.fileName, indicators: served, geography }, session);
        }
      }
      session.finish();
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      session.error({ row: error.row, column: null, message: error.message });
    }
    if (session.errorCount === 0 && session.rowsRead === 0) {
      session.error({ row: null, column: null, message: 'The file has a header but no rows of figures.' });
    }
    if (provenance) checkComputedCouncil(db, session, provenance);
    if (session.errorCount > 0) return report({ committed: false });

    // LAIT republishes DfE's releases: their movements are DfE's, already warned of when a DfE file loads.
    // The council's own figures (a template's) are also held against its last figures: jumps to confirm.
    const councilFigures = format === 'indicate-template-csv' || format === 'indicate-template-xlsx';
    if (!session.preferDfeFiles) session.addMovementWarnings(councilFigures);
    const today = (request.now ?? (() => new Date()))();
    // What the council's own figures will be judged against: read before the commit, as the dry run shows.
    const judgements =
      format === 'dfe-csv' || format === 'lait-parquet' ? [] : previewJudgements(db, catalogue, session, today);
    if (request.dryRun) {
      const plan = session.plan();
      session.addRevisionWarnings(plan.changes);
      return report({ committed: false, ...planFields(plan), counts: countsWith(session, plan), judgements });
    }
    if (session.jumps.length > 0 && !request.confirmJumps) throw new JumpsUnconfirmed(session.jumps.length);
    const now = (request.now ?? (() => new Date()))().toISOString();
    // IMMEDIATE: the write lock is taken before the plan is read, so a write elsewhere (the CLI, another
    // commit) makes this wait for it (busy_timeout) instead of failing on a snapshot it has overtaken.
    const commit = db.$client.transaction(() => {
      const plan = session.plan();
      if (request.expectPlan && request.expectPlan !== plan.planHash) throw new PlanChanged();
      const loadId = Number(
        db.$client
          .prepare(
            `insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, warnings, state, provenance, dfe_release)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', ?, ?)`,
          )
          .run(
            now,
            request.loadedBy,
            request.fileName,
            sha256,
            format,
            session.rowsRead,
            plan.new,
            plan.changed,
            plan.unchanged,
            0,
            provenance === null ? null : JSON.stringify(provenance),
            request.dfeRelease ? JSON.stringify(request.dfeRelease) : null,
          ).lastInsertRowid,
      );
      session.apply(loadId, request.loadedBy, now);
      if (request.approvesPull) {
        const { id, by, at } = request.approvesPull;
        const decided = db.$client
          .prepare(
            `update dfe_pulls set state = 'approved', load_id = ?, decided_by = ?, decided_at = ? where id = ? and state = 'staged'`,
          )
          .run(loadId, by, at, id);
        if (decided.changes !== 1) throw new PullDecided(id);
      }
      audit(db, {
        actor: request.loadedBy,
        action: 'load',
        target: `load ${loadId}`,
        after: {
          fileName: request.fileName,
          sha256,
          format,
          new: plan.new,
          changed: plan.changed,
          unchanged: plan.unchanged,
          ...(request.dfeRelease ? { dfeRelease: request.dfeRelease } : {}),
        },
      });
      return { plan, loadId };
    });
    const committed = commit.immediate();
    markWritten(db);
    session.addRevisionWarnings(committed.plan.changes);
    db.$client.prepare('update loads set warnings = ? where id = ?').run(session.warningCount, committed.loadId);
    return report({
      committed: true,
      loadId: committed.loadId,
      ...planFields(committed.plan),
      counts: countsWith(session, committed.plan),
      judgements,
    });
  } finally {
    await records?.return?.(undefined)?.catch(() => undefined);
    session.dispose();
  }
}

/**
 * Figures computed from returns are the home council's own, from its own returns (core's
 * computedCouncilProblem): an error against the first row otherwise, so nothing is written.
 */
function checkComputedCouncil(db: Db, session: StagingSession, provenance: ReturnsProvenance): void {
  const { homeLa } = readSettings(db);
  const c = db.$client;
  const rows = c
    .prepare(
      `select geography_code, min(row) as row from temp.${session.table}
       where geography_level in ('local-authority', 'local-authority-breakdown', 'target') group by geography_code`,
    )
    .all() as Array<{ geography_code: string; row: number }>;
  const lineage = c
    .prepare('select predecessor_code as predecessor, successor_code as successor from la_lineage')
    .all() as LineageLink[];
  const problem = computedCouncilProblem({
    homeLa,
    returnsCouncil: provenance.council ?? null,
    rowCouncils: rows.map((r) => r.geography_code),
    lineage,
  });
  if (problem) {
    const other = rows.find((r) => r.geography_code !== homeLa);
    session.error({ row: other?.row ?? null, column: other ? 'old_la_code' : null, message: problem });
  }
}

function planFields(plan: { planHash: string; changes: LoadChange[] }) {
  return { planHash: plan.planHash, changes: plan.changes };
}

/** A report's counts: the session's reading and the plan's new, changed and unchanged. */
export function countsWith(
  session: StagingSession,
  plan: { new: number; changed: number; unchanged: number },
): LoadReport['counts'] {
  return {
    rowsRead: session.rowsRead,
    rowsNotUsed: session.rowsNotUsed,
    new: plan.new,
    changed: plan.changed,
    unchanged: plan.unchanged,
    errors: session.errorCount,
    warnings: session.warningCount,
  };
}

function unrecognised(header: string[]): string {
  const shown = header
    .slice(0, 8)
    .map((h) => `"${h.slice(0, 30)}"`)
    .join(', ');
  return `This is neither the Indicate template (it needs the columns indicator, time_period, time_identifier, geographic_level and value), nor one of the service logs (each has its own template on the Loads page), nor a DfE file that the catalogue maps; its first columns are ${shown}.`;
}
