import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBundledData } from '../loader/bundled.ts';
import { REPO_ROOT } from '../config.ts';
import { openStore } from '../store.ts';
import { auditStore, loadExampleReturns } from './audit-store.ts';

/**
 * `pnpm audit:disclosure`: builds a database from the bundled data (as the first start does) and the
 * example returns, and runs the disclosure audit over it (src/audit/disclosure-audit.ts). Prints what it
 * checked and every exposure; exits 1 if there is one. Takes a few minutes (LAIT's load is most of it).
 */
async function main(): Promise<number> {
  const dataDir = path.join(REPO_ROOT, 'data');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-disclosure-audit-'));
  try {
    const store = openStore({ dbPath: path.join(dir, 'audit.sqlite'), dataDir });
    const started = performance.now();
    await loadBundledData(store.db, store.catalogue, dataDir);
    await loadExampleReturns(store, dataDir);
    const loaded = performance.now();
    const report = await auditStore(store);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `Disclosure audit (threshold ${report.threshold}): ${report.tables} tables, ${report.withheld} withheld cells bounded ` +
        `by ${report.solved * 2} linear programmes in ${seconds(performance.now() - loaded)} (data loaded in ${seconds(loaded - started)}).`,
    );
    for (const table of report.inconsistent) console.log(`Not audited (the true figures break a relation): ${table}`);
    if (report.exposures.length === 0) {
      console.log('No withheld cell can be narrowed to fewer whole numbers than the threshold.');
      return 0;
    }
    console.log(`${report.exposures.length} withheld cells are exposed:`);
    for (const e of report.exposures.slice(0, 200)) {
      console.log(`  ${e.cell}: could only be ${e.interval.map((v) => v.toFixed(2)).join(' to ')}`);
    }
    return 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
