import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, inject } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { buildApp, type AppOptions } from '../src/app.ts';
import { openStore, type Store } from '../src/store.ts';

export const DATA_DIR = path.join(REPO_ROOT, 'data');

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A private directory removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh SQLite file with migrations applied and the bundled reference data loaded. */
export function freshStore(dataDir = DATA_DIR): Store & { dbPath: string } {
  const dbPath = path.join(tempDir(), 'indicate.sqlite');
  const store = openStore({ dbPath, dataDir });
  cleanups.push(() => store.db.$client.close());
  return { ...store, dbPath };
}

/**
 * A fresh copy of a database with all the bundled data loaded (DfE's files, LAIT, the council's papers),
 * loaded once per run by the real loader (global-setup.ts).
 */
export function bundledStore(): Store & { dbPath: string } {
  const dbPath = copyOfBundledDb(tempDir());
  const store = openStore({ dbPath, dataDir: DATA_DIR });
  cleanups.push(() => store.db.$client.close());
  return { ...store, dbPath };
}

/** Copies the run's bundled database into `dir` (for a suite that opens it once, in beforeAll). */
export function copyOfBundledDb(dir: string): string {
  const dbPath = path.join(dir, 'indicate.sqlite');
  fs.copyFileSync(inject('bundledDb'), dbPath);
  return dbPath;
}

/**
 * A copy of data/ whose catalogue can be edited; the DfE files are linked, not copied.
 */
export function dataDirWithCatalogue(edit: (yaml: string) => string): string {
  const dir = tempDir();
  fs.symlinkSync(path.join(DATA_DIR, 'dfe'), path.join(dir, 'dfe'));
  fs.symlinkSync(path.join(DATA_DIR, 'lait'), path.join(dir, 'lait'));
  fs.copyFileSync(path.join(DATA_DIR, 'la-lineage.csv'), path.join(dir, 'la-lineage.csv'));
  const yaml = fs.readFileSync(path.join(DATA_DIR, 'indicators.yaml'), 'utf8');
  fs.writeFileSync(path.join(dir, 'indicators.yaml'), edit(yaml));
  return dir;
}

/**
 * The whole app as the server builds it, over a fresh store unless one is given: built, used by the test,
 * and closed after it (before its store is).
 */
export async function testApp(options: Partial<AppOptions> = {}) {
  const store = options.store ?? freshStore();
  const app = await buildApp({ ...options, store });
  cleanups.push(() => app.close());
  return app;
}

/** Loads a template CSV's rows through the real loader and returns the load's id. */
export async function loadFigures(store: Store, csv: string): Promise<number> {
  const file = path.join(tempDir(), 'figures.csv');
  fs.writeFileSync(file, csv.endsWith('\n') ? csv : `${csv}\n`);
  const { runLoad } = await import('../src/loader/run-load.ts');
  const report = await runLoad(store.db, store.catalogue, {
    path: file,
    fileName: 'figures.csv',
    loadedBy: 'seed',
    dryRun: false,
    // Test figures are made up: their jumps from the bundled figures are meant.
    confirmJumps: true,
  });
  if (!report.committed) throw new Error(`test figures not loaded: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return report.loadId!;
}
