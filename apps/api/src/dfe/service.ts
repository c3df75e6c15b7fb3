import type { Catalogue, DfeOverview, DfePullOutcome, DfeSourceCheck } from '@indicate/contracts';
import { readSettings } from '../auth/settings.ts';
import { BUSY_MESSAGE, isDatabaseBusy, type Db } from '../db/client.ts';
import { DatabaseBusy, LoaderBusy, WorkerFailed } from '../loader/jobs.ts';
import { DomainError } from '../domain-error.ts';
import { checkSources } from './check.ts';
import { DfeRefused, DfeUnreachable } from './client.ts';
import {
  approvePull,
  discardPull,
  getPull,
  heldRelease,
  listPulls,
  pullSource,
  PullRefused,
  recordCheck,
  sourceStatuses,
} from './pull.ts';
import { DownloadMismatch, NotPullable, type DfeEndpoints } from './releases.ts';

/**
 * The DfE data page's and the daily check's one way in (thin routes call it): DfE's faults become domain
 * errors, and one conversation with DfE runs at a time (a burst of "Check now" or "Pull" clicks waits for none
 * and is told so), since each is minutes of DfE's time at worst.
 */
export class DfeService {
  private busy: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    readonly endpoints: DfeEndpoints,
    private readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The sources' files, for the daily check's "a day since every source was last asked". */
  sourceFiles(): string[] {
    return this.catalogue.sources.map((s) => s.file);
  }

  overview(): DfeOverview {
    return {
      sources: sourceStatuses(this.db, this.catalogue),
      dailyCheck: readSettings(this.db).dfeDailyCheck,
      apiUrl: this.endpoints.apiUrl,
      catalogueUrl: this.endpoints.catalogueUrl,
    };
  }

  /** Pullable sources: with an id, and read by some catalogue indicator. */
  pullable(): string[] {
    return this.catalogue.sources
      .filter(
        (s) => (s.apiDataSetId || s.dataCatalogueId) && this.catalogue.indicators.some((i) => i.dfe?.file === s.file),
      )
      .map((s) => s.file);
  }

  private async alone<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.busy)
      throw new DomainError(
        'conflict',
        'dfe_busy',
        `Indicate is already ${this.busy}: wait for it to finish, then try again.`,
      );
    this.busy = what;
    try {
      return await work();
    } catch (error) {
      if (error instanceof DfeUnreachable) throw new DomainError('unavailable', 'dfe_unreachable', error.message);
      if (error instanceof DfeRefused) throw new DomainError('unavailable', 'dfe_refused', error.message);
      if (error instanceof PullRefused)
        throw new DomainError(
          error.status === 404 ? 'not_found' : 'conflict',
          error.status === 404 ? 'unknown_pull' : 'pull_refused',
          error.message,
        );
      if (isDatabaseBusy(error) || error instanceof DatabaseBusy)
        throw new DomainError('unavailable', 'busy', BUSY_MESSAGE);
      if (error instanceof LoaderBusy) throw new DomainError('unavailable', 'busy', error.message);
      if (error instanceof WorkerFailed)
        throw new DomainError(
          'unprocessable',
          'unreadable_file',
          `DfE's file could not be read: ${error.message}; nothing was written.`,
        );
      throw error;
    } finally {
      this.busy = null;
    }
  }

  /** Asks DfE about every source and records what it found ("last checked"). */
  check(): Promise<DfeSourceCheck[]> {
    return this.alone('asking DfE about its releases', async () => {
      const rows = await checkSources(this.catalogue.sources, this.endpoints, (s) => heldRelease(this.db, s));
      const at = this.now();
      this.db.$client.transaction(() => {
        for (const row of rows) recordCheck(this.db, row, at);
      })();
      return rows;
    });
  }

  pull(sources: string[] | undefined, by: string): Promise<DfePullOutcome> {
    const files = sources && sources.length > 0 ? [...new Set(sources)] : this.pullable();
    return this.alone("pulling DfE's releases", async () => {
      const outcome: DfePullOutcome = { pulls: [], refused: [] };
      for (const file of files) {
        try {
          outcome.pulls.push(
            await pullSource(this.db, this.catalogue, file, {
              by,
              endpoints: this.endpoints,
              dataDir: this.dataDir,
              now: this.now,
            }),
          );
        } catch (error) {
          if (error instanceof DfeUnreachable) throw error;
          if (
            error instanceof NotPullable ||
            error instanceof DfeRefused ||
            error instanceof DownloadMismatch ||
            error instanceof PullRefused
          )
            outcome.refused.push({ source: file.slice(0, 200), message: error.message });
          else throw error;
        }
      }
      return outcome;
    });
  }

  list() {
    return listPulls(this.db);
  }

  get(id: number) {
    const pull = getPull(this.db, id);
    if (!pull) throw new DomainError('not_found', 'unknown_pull', `There is no DfE pull ${id}.`);
    return pull;
  }

  /** Approval and discarding take the same turn as checks and pulls: a pull never reads a half-approved state. */
  approve(id: number, planHash: string, by: string) {
    return this.alone(`loading DfE pull ${id}`, () =>
      approvePull(this.db, this.catalogue, id, { by, planHash, now: this.now }),
    );
  }

  discard(id: number, by: string) {
    return this.alone(`setting DfE pull ${id} aside`, async () => discardPull(this.db, id, { by, now: this.now }));
  }
}
