import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadBundledData } from '../src/loader/bundled.ts';
import { openStore } from '../src/store.ts';
import { REPO_ROOT } from '../src/config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database with the bundled data loaded once for the run, which tests copy (bundledStore). */
    bundledDb: string;
  }
}

/**
 * Loads the bundled data (DfE's files, LAIT's 620,000 values, the council's papers) once per test run
 * through the real loader, as the first start does; tests that need it work on a copy of the file.
 */
const DATA_DIR = path.join(REPO_ROOT, 'data');

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-bundled-'));
  const dbPath = path.join(dir, 'bundled.sqlite');
  const store = openStore({ dbPath, dataDir: DATA_DIR });
  await loadBundledData(store.db, store.catalogue, DATA_DIR);
  store.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  store.db.$client.close();
  project.provide('bundledDb', dbPath);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
