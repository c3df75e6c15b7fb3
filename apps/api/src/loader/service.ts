import type { Catalogue, LoadReport, LoadSummary } from '@indicate/contracts';
import { BUSY_MESSAGE, isDatabaseBusy, type Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import type { PackService } from '../packs/service.ts';
import { LoaderBusy, loadOffThread, reapplyOffThread, revertOffThread, WorkerFailed } from './jobs.ts';
import { reapplyLoad } from './reapply.ts';
import { revertLoad, RevertRefused } from './revert.ts';
import { JumpsUnconfirmed, PlanChanged } from './run-load.ts';

/**
 * THE LOAD SERVICE: loading a file, undoing a load and re-applying one, with the rules that go with them
 * (the packs that rely on a load are named before it is undone, and open drafts are marked out of date),
 * used alike by the routes (off the main thread, in the loader's workers) and by the CLI (in its own
 * process). Faults come back as DomainErrors, which errors.ts turns into answers and the CLI into messages.
 */
export class LoadService {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly packs: PackService,
    /** Off the main thread (the server) or in this thread (the CLI, a process of its own). */
    private readonly where: 'worker' | 'here' = 'worker',
    /** Run after a load commits (the other reports keep an action plan's statuses with its load). */
    private readonly afterCommit: (report: LoadReport) => void = () => undefined,
  ) {}

  /** Checks (dry run) or loads a file that has arrived; a file with errors writes nothing and says how many. */
  async load(
    file: string,
    options: {
      fileName: string;
      by: string;
      dryRun: boolean;
      expectPlan?: string | undefined;
      confirmJumps?: boolean | undefined;
    },
  ): Promise<LoadReport> {
    let report: LoadReport;
    try {
      report = await loadOffThread(this.db, this.catalogue, { path: file, ...options, loadedBy: options.by });
    } catch (error) {
      if (error instanceof WorkerFailed) {
        throw new DomainError(
          'unprocessable',
          'unreadable_file',
          `"${options.fileName}" could not be read: ${error.message}; nothing was written.`,
        );
      }
      throw loadProblem(error);
    }
    if (report.committed) {
      try {
        this.afterCommit(report);
      } catch {
        // The load stands; what afterCommit keeps is made again on the next read that needs it.
      }
    }
    if (report.counts.errors > 0) {
      const n = report.counts.errors;
      throw new DomainError(
        'unprocessable',
        'invalid_file',
        `The file has ${n} error${n === 1 ? '' : 's'}; nothing was written.`,
        report,
      );
    }
    return report;
  }

  /**
   * Undoes a load: its figures return to what they were before it, as a load of its own. Refused while
   * committee packs use its figures, naming them, unless `confirm`; then a published pack keeps what it
   * froze and an open draft is marked out of date, to refresh from the data.
   */
  async revert(loadId: number, by: string, confirm: boolean): Promise<LoadSummary> {
    const relying = this.packs.packsUsingLoad(loadId);
    if (relying.length > 0 && !confirm) {
      throw new DomainError(
        'conflict',
        'packs_rely',
        `Committee packs use load ${loadId}'s figures: ${relying
          .map((p) => `${p.state} pack ${p.id} v${p.version} for ${p.la}, ${p.period}`)
          .join(
            '; ',
          )}. Undo it anyway (confirm): a published pack keeps the figures it froze; an open draft is marked out of date, to refresh from the data.`,
        relying,
      );
    }
    try {
      const summary =
        this.where === 'worker' ? await revertOffThread(this.db, loadId, by) : revertLoad(this.db, loadId, by);
      this.packs.markStaleAfterRevert(
        loadId,
        relying.map((p) => p.id),
        by,
      );
      return summary;
    } catch (error) {
      throw loadProblem(error);
    }
  }

  /** Writes an undone load's figures and targets again, as a new load (dry run: the plan only). */
  async reapply(options: {
    loadId: number;
    by: string;
    dryRun: boolean;
    expectPlan?: string | undefined;
  }): Promise<LoadReport> {
    try {
      return this.where === 'worker'
        ? await reapplyOffThread(this.db, this.catalogue, options)
        : reapplyLoad(this.db, this.catalogue, options);
    } catch (error) {
      throw loadProblem(error);
    }
  }
}

/** A loader's refusal, or a database or loader that cannot take the write now (503, may be retried), in domain terms. */
export function loadProblem(error: unknown): unknown {
  if (error instanceof RevertRefused) {
    return new DomainError(error.code === 'not_found' ? 'not_found' : 'conflict', error.code, error.message);
  }
  if (error instanceof PlanChanged) return new DomainError('conflict', 'plan_changed', error.message);
  if (error instanceof JumpsUnconfirmed) return new DomainError('conflict', 'jumps_unconfirmed', error.message);
  if (error instanceof LoaderBusy) return new DomainError('unavailable', 'loader_busy', error.message);
  if (isDatabaseBusy(error)) return new DomainError('unavailable', 'database_busy', BUSY_MESSAGE);
  return error;
}
