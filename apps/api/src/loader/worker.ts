import { parentPort } from 'node:worker_threads';
import { connectDatabase, isDatabaseBusy } from '../db/client.ts';
import type { Job, JobFailure, JobOutcome } from './jobs.ts';
import { JumpsUnconfirmed, PlanChanged, runLoad } from './run-load.ts';
import { reapplyLoad } from './reapply.ts';
import { revertLoad, RevertRefused } from './revert.ts';

/**
 * A loader worker thread (started by jobs.ts through worker-entry.mjs): runs loads and reverts, one at
 * a time, each on its own connection to the same database file, so parsing a file and writing its
 * figures never hold up the server's event loop. It waits longer than the server for another writer
 * (nothing is blocked while it waits).
 */
const WORKER_BUSY_TIMEOUT_MS = 30_000;

async function run(job: Job): Promise<unknown> {
  const db = connectDatabase(job.dbPath, WORKER_BUSY_TIMEOUT_MS);
  try {
    if (job.kind === 'load') return await runLoad(db, job.catalogue, job.request);
    if (job.kind === 'reapply') return reapplyLoad(db, job.catalogue, job.request);
    return revertLoad(db, job.loadId, job.revertedBy);
  } finally {
    db.$client.close();
  }
}

function failure(error: unknown): JobFailure {
  if (error instanceof PlanChanged) return { kind: 'plan-changed', message: error.message };
  if (error instanceof JumpsUnconfirmed)
    return { kind: 'jumps-unconfirmed', count: error.count, message: error.message };
  if (error instanceof RevertRefused) return { kind: 'revert-refused', code: error.code, message: error.message };
  if (isDatabaseBusy(error)) return { kind: 'busy', message: (error as Error).message };
  return {
    kind: 'error',
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  };
}

parentPort!.on('message', (job: Job) => {
  run(job).then(
    (value) => parentPort!.postMessage({ ok: true, value } satisfies JobOutcome),
    (error: unknown) => parentPort!.postMessage({ ok: false, failure: failure(error) } satisfies JobOutcome),
  );
});
