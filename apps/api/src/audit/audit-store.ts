import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSettings } from '../auth/settings.ts';
import { runLoad } from '../loader/run-load.ts';
import { ReadService } from '../reads/service.ts';
import { computeReturns, writeReturnsTemplate } from '../returns-cli.ts';
import type { Store } from '../store.ts';
import { auditDisclosure, viewsOf, type AuditReport } from './disclosure-audit.ts';

/** The example returns the README's tour uses, computed for the home council at the end of June 2025. */
export const EXAMPLE_RETURNS = { folder: path.join('examples', 'returns'), asAt: '2025-06-30' };

/**
 * Loads the example returns' figures (with their breakdowns) into the store as an analyst would (compute,
 * then load the template), for the audit to see the breakdowns the public view shows.
 */
export async function loadExampleReturns(store: Store, dataDir: string): Promise<void> {
  const homeLa = readSettings(store.db).homeLa;
  const run = computeReturns({
    paths: [path.join(dataDir, EXAMPLE_RETURNS.folder)],
    asAt: EXAMPLE_RETURNS.asAt,
    la: homeLa,
    dataDir,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-audit-'));
  try {
    const file = path.join(dir, 'returns-template.csv');
    writeReturnsTemplate(run, file);
    const report = await runLoad(store.db, store.catalogue, {
      path: file,
      fileName: 'returns-template.csv',
      loadedBy: 'disclosure audit',
      dryRun: false,
      // The example returns are a fictional council's: far from the home council's papers, and meant to be.
      confirmJumps: true,
    });
    if (!report.committed) throw new Error(`The example returns did not load: ${JSON.stringify(report.errors)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The audit over everything in the store: every measure's years and every breakdown. */
export function auditStore(store: Store, measures?: readonly string[]): Promise<AuditReport> {
  const service = new ReadService(store.db, store.catalogue);
  const db = store.db.$client;
  const periods = db
    .prepare(
      `select indicator_id as id, period_id as period from observations where geography_level = 'local-authority'
       and breakdown = '' group by indicator_id, period_id having count(*) > 1`,
    )
    .all() as Array<{ id: string; period: string }>;
  const byMeasure = new Map<string, string[]>();
  for (const p of periods) byMeasure.set(p.id, [...(byMeasure.get(p.id) ?? []), p.period]);
  const breakdownKeys = db
    .prepare(
      `select distinct indicator_id as indicatorId, geography_code as la, period_id as period from observations
       where breakdown != '' and geography_level = 'local-authority'`,
    )
    .all() as Array<{ indicatorId: string; la: string; period: string }>;
  return auditDisclosure(viewsOf(service), store.catalogue, {
    threshold: readSettings(store.db).suppressionThreshold,
    periodsOf: (id) => byMeasure.get(id) ?? [],
    breakdownKeys,
    measures: measures ?? [...byMeasure.keys()],
  });
}
