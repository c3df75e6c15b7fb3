import fs from 'node:fs';
import path from 'node:path';
import { runLoad } from '../src/loader/run-load.ts';
import { tempDir, type freshStore } from './helpers.ts';

/** Figures and targets loaded through the real loader, for the revert and re-apply tests. */

export const HEADER =
  'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,status,tolerance_kind,tolerance_amount';

export type Store = ReturnType<typeof freshStore>;

/** Loads the rows as one template file named `fileName`; the committed load's id. */
export async function load(store: Store, rows: string[], fileName = 'figures.csv'): Promise<number> {
  const file = path.join(tempDir(), fileName);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  const report = await runLoad(store.db, store.catalogue, { path: file, fileName, loadedBy: 't', dryRun: false });
  if (!report.committed) throw new Error(JSON.stringify(report.errors));
  return report.loadId!;
}

/** Placements 3 or more for council `la` in quarter `quarter` of 2018/19. */
export const fig = (la: string, quarter: number, value: number) =>
  `placements-3-or-more,201819,Financial year Q${quarter},Local authority,${la},${value},,,final,,`;

/** Leicestershire's adoption A2 target for 2012-15. */
export const target = (value: number) => `adoption-a2-days,201215,Three financial years,Target,855,${value},,,final,,`;
