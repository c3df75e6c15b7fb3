/**
 * Revert benchmark: `pnpm bench:revert [figures]`. Loads a synthetic
 * template of N figures (default 20,000), loads a revision of every one of them, then reverts the
 * revision (N figures restored) and the first load (N figures removed), printing each time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/config.ts';
import { revertLoad } from '../src/loader/revert.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { openStore } from '../src/store.ts';
import { writeSyntheticTemplate } from './generate.ts';

const figures = Number(process.argv[2] ?? 20_000);
const dataDir = path.join(REPO_ROOT, 'data');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-bench-'));
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
  const store = openStore({ dbPath: path.join(work, 'revert.sqlite'), dataDir });
  const las = store.db.$client.prepare('select old_la_code from local_authorities').pluck().all() as string[];
  const load = async (seed: number) => {
    const file = path.join(work, `figures-${seed}.csv`);
    await writeSyntheticTemplate(file, figures, las, seed);
    const report = await runLoad(store.db, store.catalogue, {
      path: file,
      fileName: path.basename(file),
      loadedBy: 'bench',
      dryRun: false,
    });
    if (!report.committed) throw new Error(`did not load: ${report.errors[0]?.message}`);
    return report.loadId!;
  };
  const first = await load(1);
  const second = await load(2);
  let started = performance.now();
  const restored = revertLoad(store.db, second, 'bench');
  console.log(
    `revert of ${figures} revised figures: ${seconds(performance.now() - started)} s (${restored.rowsChanged} restored)`,
  );
  started = performance.now();
  const removed = revertLoad(store.db, first, 'bench');
  console.log(
    `revert of ${figures} new figures: ${seconds(performance.now() - started)} s (${removed.rowsRemoved} removed)`,
  );
  store.db.$client.close();
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
