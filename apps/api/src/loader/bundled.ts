import fs from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '@indicate/contracts';
import type { Db } from '../db/client.ts';
import { runLoad, sha256File } from './run-load.ts';

export const BUNDLED_BY = 'bundled data (first start)';

/**
 * The bundled files, in load order: the DfE files the catalogue maps, then LAIT's data set (whose figures
 * never replace a DfE file's), then the council's own figures, then the worked example's service logs.
 */
export function bundledFiles(catalogue: Catalogue, dataDir: string): string[] {
  const dfe = [...new Set(catalogue.indicators.flatMap((i) => (i.dfe ? [i.dfe.file] : [])))].map((f) =>
    path.join(dataDir, 'dfe', f),
  );
  const localDir = path.join(dataDir, 'local');
  const local = fs.existsSync(localDir)
    ? fs
        .readdirSync(localDir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => path.join(localDir, f))
    : [];
  const lait = path.join(dataDir, 'lait', 'bds_long_0.parquet');
  const laitFiles = catalogue.indicators.some((i) => i.lait) && fs.existsSync(lait) ? [lait] : [];
  // The worked example of the service logs behind the other reports (fostering, complaints, the action plan).
  const logsDir = path.join(dataDir, 'examples', 'reports');
  const logs = fs.existsSync(logsDir)
    ? fs
        .readdirSync(logsDir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => path.join(logsDir, f))
    : [];
  return [...dfe, ...laitFiles, ...local, ...logs];
}

export class BundledDataError extends Error {}

/**
 * Loads each bundled file once, through the same loader analysts use. A file whose exact content was
 * loaded before (even if someone has since reverted it on purpose) is not loaded again.
 */
export async function loadBundledData(
  db: Db,
  catalogue: Catalogue,
  dataDir: string,
): Promise<{ loaded: Array<{ file: string; loadId: number; rows: number }>; skipped: string[] }> {
  const loaded: Array<{ file: string; loadId: number; rows: number }> = [];
  const skipped: string[] = [];
  const seen = db.$client.prepare('select 1 from loads where sha256 = ? and reverts_load_id is null limit 1');
  for (const file of bundledFiles(catalogue, dataDir)) {
    const name = path.relative(dataDir, file);
    if (seen.get(await sha256File(file))) {
      skipped.push(name);
      continue;
    }
    const report = await runLoad(db, catalogue, {
      path: file,
      fileName: name,
      loadedBy: BUNDLED_BY,
      dryRun: false,
      listLimit: 20,
      allowLait: true,
      // The bundled figures are the council's own papers' and DfE's: their movements are real.
      confirmJumps: true,
    });
    if (!report.committed || report.loadId === null) {
      const first = report.errors.slice(0, 5).map((e) => `row ${e.row ?? '-'}, ${e.column ?? '-'}: ${e.message}`);
      throw new BundledDataError(
        `Bundled file ${name} cannot be loaded (${report.counts.errors} errors):\n  ${first.join('\n  ')}`,
      );
    }
    loaded.push({ file: name, loadId: report.loadId, rows: report.counts.new + report.counts.changed });
  }
  return { loaded, skipped };
}
