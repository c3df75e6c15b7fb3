import type { Store } from '../store.ts';
import path from 'node:path';
import type { PopulationYear } from '@indicate/returns';
import { readCsvObjects } from './csv.ts';

/** ONS mid-year estimates of children aged 0 to 17, by council, as DfE publishes them (data/dfe). */
export const POPULATION_FILE = 'ons_mid-year_population_estimates_2012_to_2024.csv';

const cache = new Map<string, Map<string, PopulationYear[]>>();

/** Every year's population aged 0 to 17 of council `laCode` (old 3-digit code), oldest first; [] if none. */
export function childPopulation(dataDir: string, laCode: string): PopulationYear[] {
  let byLa = cache.get(dataDir);
  if (!byLa) {
    byLa = new Map();
    for (const row of readCsvObjects(path.join(dataDir, 'dfe', POPULATION_FILE))) {
      if (row.geographic_level !== 'Local authority' || row.age_group !== 'Children aged 0 to 17 years') continue;
      const year = Number(row.time_period);
      const population = Number(row.population_estimate);
      if (!Number.isInteger(year) || !Number.isFinite(population) || population <= 0) continue;
      const list = byLa.get(row.old_la_code ?? '') ?? [];
      list.push({ year, population });
      byLa.set(row.old_la_code ?? '', list);
    }
    for (const list of byLa.values()) list.sort((a, b) => a.year - b.year);
    cache.set(dataDir, byLa);
  }
  return byLa.get(laCode) ?? [];
}

/**
 * A council's children aged 0 to 17 by year, with its name, for computing figures from its returns in
 * the browser (the rate per 10,000); null when there is no such council.
 */
export function councilPopulation(store: Store, code: string) {
  const la = store.db.$client
    .prepare('select old_la_code as code, name from local_authorities where old_la_code = ?')
    .get(code) as { code: string; name: string } | undefined;
  if (!la) return null;
  return {
    la: { code: la.code, name: la.name },
    population: childPopulation(store.dataDir, la.code),
    source: "ONS's mid-year estimates of the council's children aged 0 to 17, as DfE publishes them",
  };
}
