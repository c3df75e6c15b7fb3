import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer, tempDir } from './support/server.ts';

/**
 * One real first start (`npm start`'s server on a new database: migrations, reference data, DfE's files,
 * LAIT's 620,000 values, the council's papers), stopped cleanly; each test's server starts on a copy of
 * its database. start.test.ts still times and checks first starts of its own.
 */
export default async function setup(project: TestProject) {
  const dir = tempDir();
  const dbPath = path.join(dir, 'first-start.sqlite');
  const server = await startServer({ DB_PATH: dbPath });
  await server.stop();
  project.provide('firstStartDb', dbPath);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
