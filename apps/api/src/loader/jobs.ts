import { Worker } from 'node:worker_threads';
import type { Catalogue, LoadReport, LoadSummary } from '@indicate/contracts';
import { BUSY_MESSAGE, markWritten, type Db } from '../db/client.ts';
import { JumpsUnconfirmed, PlanChanged, runLoad, type LoadRequest } from './run-load.ts';
import { reapplyLoad, type ReapplyRequest } from './reapply.ts';
import { revertLoad, RevertRefused } from './revert.ts';

/**
 * Loads and reverts for the server, run on worker threads so that parsing a file (a hostile workbook
 * included) and writing tens of thousands of figures never stop the event loop: every other request
 * is answered meanwhile. Each worker opens its own connection to the same WAL database file; when a
 * job ends the server's connection is told (markWritten), so the next read sees the new data version.
 * An in-memory database cannot be shared between threads: there the job runs here, as the CLI does.
 */

export type Job =
  | { kind: 'load'; dbPath: string; catalogue: Catalogue; request: Omit<LoadRequest, 'now'> }
  | { kind: 'revert'; dbPath: string; loadId: number; revertedBy: string }
  | { kind: 'reapply'; dbPath: string; catalogue: Catalogue; request: Omit<ReapplyRequest, 'now'> };

export type JobFailure =
  | { kind: 'plan-changed'; message: string }
  | { kind: 'jumps-unconfirmed'; count: number; message: string }
  | { kind: 'revert-refused'; code: RevertRefused['code']; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'error'; message: string; stack?: string };

export type JobOutcome = { ok: true; value: unknown } | { ok: false; failure: JobFailure };

/** Another connection held the write lock for longer than the busy timeout. */
export class DatabaseBusy extends Error {
  readonly code = 'SQLITE_BUSY';
  constructor() {
    super(BUSY_MESSAGE);
  }
}

/** The worker died under the job (it ran out of its memory allowance, or crashed). */
export class WorkerFailed extends Error {
  constructor(
    message: string,
    readonly outOfMemory: boolean,
  ) {
    super(message);
  }
}

/** More jobs are waiting than the server will queue. */
export class LoaderBusy extends Error {
  constructor() {
    super('The server is busy with other loads; try again in a minute.');
  }
}

/** Two workers: one long load does not hold up a revert or a dry run, and two cores are not oversubscribed. */
const WORKERS = 2;
const MAX_QUEUED = 16;
/** Each worker's heap allowance: a job that needs more fails alone, the server carries on. */
const WORKER_HEAP_MB = 512;
/** An idle worker is stopped after this long; the next job starts a new one (about half a second). */
const IDLE_MS = 60_000;
const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

type Pending = { job: Job; resolve: (value: unknown) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; current: Pending | null; error: Error | null; idle: NodeJS.Timeout | null };

function toError(failure: JobFailure): Error {
  switch (failure.kind) {
    case 'plan-changed':
      return new PlanChanged();
    case 'jumps-unconfirmed':
      return new JumpsUnconfirmed(failure.count);
    case 'revert-refused':
      return new RevertRefused(failure.code, failure.message);
    case 'busy':
      return new DatabaseBusy();
    default: {
      const error = new Error(failure.message);
      if (failure.stack) error.stack = failure.stack;
      return error;
    }
  }
}

class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];

  run(job: Job): Promise<unknown> {
    if (this.queue.length >= MAX_QUEUED) return Promise.reject(new LoaderBusy());
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker (their jobs fail); the pool starts new ones for later jobs. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.current === null);
      if (!slot) {
        if (this.slots.length >= WORKERS) return;
        slot = this.spawn();
      }
      const pending = this.queue.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.current = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, current: null, error: null, idle: null };
    worker.on('message', (outcome: JobOutcome) => {
      const pending = slot.current;
      slot.current = null;
      // An idle worker does not keep the process alive, and is stopped after a while.
      worker.unref();
      slot.idle = setTimeout(() => void worker.terminate(), IDLE_MS).unref();
      if (pending) {
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(toError(outcome.failure));
      }
      this.pump();
    });
    worker.on('error', (error) => {
      slot.error = error;
    });
    worker.on('exit', (code) => {
      if (slot.idle) clearTimeout(slot.idle);
      this.slots.splice(this.slots.indexOf(slot), 1);
      const pending = slot.current;
      slot.current = null;
      if (pending) {
        const outOfMemory = (slot.error as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        pending.reject(
          new WorkerFailed(
            outOfMemory
              ? `the job needed more than the ${WORKER_HEAP_MB} MB of memory a load may use`
              : `the loader worker stopped (${slot.error?.message ?? `exit code ${code}`})`,
            outOfMemory,
          ),
        );
      }
      this.pump();
    });
    this.slots.push(slot);
    return slot;
  }
}

const pool = new WorkerPool();

/** The database file a connection has open, or null for an in-memory database. */
function fileOf(db: Db): string | null {
  return db.$client.memory ? null : db.$client.name;
}

/** runLoad on a worker thread (see above). A commit is visible to the server's next read. */
export async function loadOffThread(
  db: Db,
  catalogue: Catalogue,
  request: Omit<LoadRequest, 'now'>,
): Promise<LoadReport> {
  const dbPath = fileOf(db);
  if (dbPath === null) return runLoad(db, catalogue, request);
  try {
    return (await pool.run({ kind: 'load', dbPath, catalogue, request })) as LoadReport;
  } finally {
    markWritten(db);
  }
}

/** revertLoad on a worker thread. */
export async function revertOffThread(db: Db, loadId: number, revertedBy: string): Promise<LoadSummary> {
  const dbPath = fileOf(db);
  if (dbPath === null) return revertLoad(db, loadId, revertedBy);
  try {
    return (await pool.run({ kind: 'revert', dbPath, loadId, revertedBy })) as LoadSummary;
  } finally {
    markWritten(db);
  }
}

/** reapplyLoad on a worker thread (an undone LAIT load is 600,000 figures). */
export async function reapplyOffThread(
  db: Db,
  catalogue: Catalogue,
  request: Omit<ReapplyRequest, 'now'>,
): Promise<LoadReport> {
  const dbPath = fileOf(db);
  if (dbPath === null) return reapplyLoad(db, catalogue, request);
  try {
    return (await pool.run({ kind: 'reapply', dbPath, catalogue, request })) as LoadReport;
  } finally {
    markWritten(db);
  }
}

/** Stops the loader's worker threads (a graceful shutdown; tests). */
export function closeLoaderWorkers(): Promise<void> {
  return pool.close();
}
