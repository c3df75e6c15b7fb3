/**
 * Loader benchmark: `pnpm bench:load`. Prints times and ratios measured in this run, on this machine.
 *  1. The largest bundled DfE file (care leavers' activity, 3.3 MB) loaded into a fresh database.
 *  2. Loader throughput against a raw better-sqlite3 prepared insert of the same rows in one
 *     transaction (the ceiling), as a ratio: the target is at least 0.25.
 *  3. A generated 1,000,000-row template loaded by the CLI in a child process, with its peak memory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/config.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { openStore } from '../src/store.ts';
import { writeSyntheticTemplate } from './generate.ts';

const dataDir = path.join(REPO_ROOT, 'data');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-bench-'));
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const rowsArg = Number(process.env.BENCH_BIG_ROWS ?? 1_000_000);

function fresh(name: string) {
  return openStore({ dbPath: path.join(work, `${name}.sqlite`), dataDir });
}

async function timeLoad(name: string, file: string) {
  const store = fresh(name);
  const started = performance.now();
  const report = await runLoad(store.db, store.catalogue, {
    path: file,
    fileName: path.basename(file),
    loadedBy: 'bench',
    dryRun: false,
  });
  const ms = performance.now() - started;
  store.db.$client.close();
  if (!report.committed) throw new Error(`${file} did not load: ${report.errors[0]?.message}`);
  return { ms, report };
}

/**
 * The ceiling: the same rows, already split, inserted with one prepared statement in one transaction
 * into the real observations table (same indexes and foreign keys) of a fresh database. No parsing,
 * no validation, no history.
 */
function rawInsert(file: string): number {
  const rows = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(','));
  const store = fresh('raw');
  const db = store.db.$client;
  db.prepare(
    "insert into loads (loaded_at, loaded_by, file_name, sha256, format, rows_read, rows_new, rows_changed, rows_unchanged, state) values ('-', 'bench', '-', '-', '-', 0, 0, 0, 0, 'committed')",
  ).run();
  const insert = db.prepare(
    `insert into observations (indicator_id, geography_level, geography_code, period_id, period_kind, period_end, value, status, source_ref, load_id)
     values (?, 'local-authority', ?, ?, 'financial-quarter', 0, ?, 'final', '-', 1)`,
  );
  const started = performance.now();
  db.transaction(() => {
    for (const r of rows) insert.run(r[0], r[4], `${r[1]}-${r[2]}`, Number(r[5]));
  })();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

async function main() {
  const las = (() => {
    const store = fresh('las');
    const codes = store.db.$client.prepare('select old_la_code from local_authorities').pluck().all() as string[];
    store.db.$client.close();
    return codes;
  })();

  const largest = path.join(dataDir, 'dfe', 'la_care_leavers_activity.csv');
  const dfe = await timeLoad('dfe', largest);
  console.log(
    `1. Largest DfE file (${(fs.statSync(largest).size / 1e6).toFixed(1)} MB, ${dfe.report.counts.rowsRead} rows): ${seconds(dfe.ms)} s (target < 3 s)`,
  );

  const mid = path.join(work, 'throughput.csv');
  const midRows = 200_000;
  await writeSyntheticTemplate(mid, midRows, las);
  const loader = await timeLoad('throughput', mid);
  const raw = rawInsert(mid);
  const ratio = raw / loader.ms;
  console.log(
    `2. ${midRows} template rows: loader ${seconds(loader.ms)} s (${Math.round(midRows / (loader.ms / 1000))} rows/s); ` +
      `raw prepared insert ${seconds(raw)} s (${Math.round(midRows / (raw / 1000))} rows/s); ratio ${ratio.toFixed(2)} (target >= 0.25)`,
  );

  const big = path.join(work, 'big.csv');
  await writeSyntheticTemplate(big, rowsArg, las);
  const started = performance.now();
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `
      const { openStore } = await import(${JSON.stringify(path.join(REPO_ROOT, 'apps/api/src/store.ts'))});
      const { runLoad } = await import(${JSON.stringify(path.join(REPO_ROOT, 'apps/api/src/loader/run-load.ts'))});
      const store = openStore({ dbPath: ${JSON.stringify(path.join(work, 'big.sqlite'))}, dataDir: ${JSON.stringify(dataDir)} });
      const report = await runLoad(store.db, store.catalogue, { path: ${JSON.stringify(big)}, fileName: 'big.csv', loadedBy: 'bench', dryRun: false });
      console.log(JSON.stringify({ committed: report.committed, rows: report.counts.new, maxRssKb: process.resourceUsage().maxRSS }));
    `,
    ],
    { cwd: path.join(REPO_ROOT, 'apps', 'api'), encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const ms = performance.now() - started;
  const result = JSON.parse(out.trim().split('\n').pop()!) as { committed: boolean; rows: number; maxRssKb: number };
  console.log(
    `3. ${rowsArg} template rows (${(fs.statSync(big).size / 1e6).toFixed(0)} MB) in a child process: ${seconds(ms)} s, ` +
      `peak memory ${Math.round(result.maxRssKb / 1024)} MB, ${result.rows} figures committed (targets < 30 s, < 500 MB)`,
  );
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
