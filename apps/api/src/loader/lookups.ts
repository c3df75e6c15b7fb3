import type { Db } from '../db/client.ts';

export type LaInfo = { oldLaCode: string; name: string; newLaCodes: Set<string> };

/** The LA register and region codes, read once per load. */
export type Geography = {
  byOldCode: Map<string, LaInfo>;
  byNewCode: Map<string, LaInfo>;
  regions: Map<string, string>;
};

export { ENGLAND_CODE as ENGLAND } from '@indicate/core';

export function readGeography(db: Db): Geography {
  const byOldCode = new Map<string, LaInfo>();
  const byNewCode = new Map<string, LaInfo>();
  const regions = new Map<string, string>();
  const las = db.$client.prepare('select old_la_code, name from local_authorities').all() as Array<{
    old_la_code: string;
    name: string;
  }>;
  for (const la of las)
    byOldCode.set(la.old_la_code, { oldLaCode: la.old_la_code, name: la.name, newLaCodes: new Set() });
  for (const region of db.$client.prepare('select code, name from regions').all() as Array<{
    code: string;
    name: string;
  }>) {
    regions.set(region.code, region.name);
  }
  const codes = db.$client.prepare('select old_la_code, new_la_code from la_code_history').all() as Array<{
    old_la_code: string;
    new_la_code: string;
  }>;
  for (const c of codes) {
    const la = byOldCode.get(c.old_la_code);
    if (!la) continue;
    la.newLaCodes.add(c.new_la_code);
    byNewCode.set(c.new_la_code, la);
  }
  return { byOldCode, byNewCode, regions };
}
