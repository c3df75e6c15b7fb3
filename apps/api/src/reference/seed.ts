import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '@indicate/contracts';
import { eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { CATALOGUE_FILE, CatalogueError, LAIT_DICTIONARY_FILE } from './catalogue.ts';
import {
  LA_REGISTER_FILES,
  LINEAGE_FILE,
  readLineage,
  readLocalAuthorities,
  readRegions,
  readStatNeighbours,
  STAT_NEIGHBOUR_FILES,
} from './local-authorities.ts';

const FINGERPRINT_KEY = 'reference.sha256';

/** Everything the reference data is read from; a change to any of them re-syncs it. */
function referenceFiles(dataDir: string): string[] {
  const dictionary = path.join(dataDir, LAIT_DICTIONARY_FILE);
  return [
    path.join(dataDir, CATALOGUE_FILE),
    ...(fs.existsSync(dictionary) ? [dictionary] : []),
    path.join(dataDir, LINEAGE_FILE),
    ...LA_REGISTER_FILES.map((f) => path.join(dataDir, 'dfe', f)),
    ...STAT_NEIGHBOUR_FILES.map((s) => path.join(dataDir, 'dfe', s.file)),
  ];
}

function fingerprint(files: string[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(path.basename(file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export type SeedResult = { seeded: boolean; localAuthorities: number; statNeighbourSets: number; indicators: number };

/**
 * Brings the catalogue, LA register, lineage and statistical neighbours in the database in line with
 * the bundled files, in one transaction. A second start with the same files writes nothing.
 */
export function seedReferenceData(db: Db, dataDir: string, catalogue: Catalogue): SeedResult {
  const print = fingerprint(referenceFiles(dataDir));
  const stored = db.select().from(t.meta).where(eq(t.meta.key, FINGERPRINT_KEY)).get();
  if (stored?.value === print) return { seeded: false, ...counts(db) };

  const dfeDir = path.join(dataDir, 'dfe');
  const authorities = readLocalAuthorities(dfeDir);
  const regions = readRegions(dfeDir);
  const neighbours = readStatNeighbours(dfeDir);
  const lineage = readLineage(dataDir);
  const known = new Set(authorities.map((a) => a.oldLaCode));
  for (const n of neighbours) {
    for (const code of [n.laCode, n.neighbourCode]) {
      if (!known.has(code))
        throw new Error(`Statistical neighbours (${n.modelYear} model) name LA ${code}, which no DfE file lists`);
    }
  }
  for (const l of lineage) {
    for (const code of [l.predecessorCode, l.successorCode]) {
      if (!known.has(code)) throw new Error(`${LINEAGE_FILE} names LA ${code}, which no DfE file lists`);
    }
  }

  db.transaction((tx) => {
    syncCatalogue(tx as unknown as Db, catalogue);
    for (const region of regions) {
      tx.insert(t.regions)
        .values(region)
        .onConflictDoUpdate({ target: t.regions.code, set: { name: region.name } })
        .run();
    }
    for (const a of authorities) {
      const row = {
        oldLaCode: a.oldLaCode,
        newLaCode: a.newLaCode,
        name: a.name,
        regionCode: a.regionCode,
        regionName: a.regionName,
        firstYear: a.firstYear,
        lastYear: a.lastYear,
      };
      tx.insert(t.localAuthorities)
        .values(row)
        .onConflictDoUpdate({ target: t.localAuthorities.oldLaCode, set: row })
        .run();
    }
    tx.delete(t.laCodeHistory).run();
    for (const a of authorities) {
      for (const h of a.codeHistory)
        tx.insert(t.laCodeHistory)
          .values({ oldLaCode: a.oldLaCode, ...h })
          .run();
    }
    tx.delete(t.laLineage).run();
    for (const l of lineage) tx.insert(t.laLineage).values(l).run();
    tx.delete(t.statNeighbours).run();
    for (const n of neighbours) tx.insert(t.statNeighbours).values(n).run();
    tx.insert(t.meta)
      .values({ key: FINGERPRINT_KEY, value: print })
      .onConflictDoUpdate({ target: t.meta.key, set: { value: print } })
      .run();
  });
  return { seeded: true, ...counts(db) };
}

function syncCatalogue(db: Db, catalogue: Catalogue): void {
  catalogue.themes.forEach((theme, position) => {
    const row = { ...theme, position };
    db.insert(t.themes).values(row).onConflictDoUpdate({ target: t.themes.id, set: row }).run();
  });
  catalogue.indicators.forEach((indicator, position) => {
    const row = {
      id: indicator.id,
      themeId: indicator.theme,
      position,
      label: indicator.label,
      polarity: indicator.polarity,
      periodType: indicator.periodType,
      definition: indicator,
    };
    db.insert(t.indicators).values(row).onConflictDoUpdate({ target: t.indicators.id, set: row }).run();
  });
  // An indicator taken out of the catalogue goes, unless figures are stored for it: those are never
  // dropped silently.
  const ids = catalogue.indicators.map((i) => i.id);
  const removed = db.select({ id: t.indicators.id }).from(t.indicators).where(notInArray(t.indicators.id, ids)).all();
  if (removed.length > 0) {
    const removedIds = removed.map((r) => r.id);
    const held = db
      .select({ id: t.observations.indicatorId, n: sql<number>`count(*)` })
      .from(t.observations)
      .where(inArray(t.observations.indicatorId, removedIds))
      .groupBy(t.observations.indicatorId)
      .all();
    if (held.length > 0) {
      throw new CatalogueError(
        CATALOGUE_FILE,
        held.map(
          (h) =>
            `indicator "${h.id}" was removed from the catalogue but ${h.n} stored figure(s) belong to it; put it back or revert the loads first`,
        ),
      );
    }
    db.delete(t.indicators).where(inArray(t.indicators.id, removedIds)).run();
  }
  const themeIds = catalogue.themes.map((th) => th.id);
  db.delete(t.themes).where(notInArray(t.themes.id, themeIds)).run();
}

function counts(db: Db): Omit<SeedResult, 'seeded'> {
  const one = (query: string) => (db.$client.prepare(query).get() as { n: number }).n;
  return {
    localAuthorities: one('select count(*) as n from local_authorities'),
    statNeighbourSets: one('select count(*) as n from (select distinct model_year, la_code from stat_neighbours)'),
    indicators: one('select count(*) as n from indicators'),
  };
}
