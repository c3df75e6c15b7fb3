import type { Catalogue } from '@indicate/contracts';
import { openDatabase, type Db } from './db/client.ts';
import { readCatalogue } from './reference/catalogue.ts';
import { seedReferenceData, type SeedResult } from './reference/seed.ts';

/** `dataDir`: the bundled data (data/), for reference files read on demand (ONS populations). */
export type Store = { db: Db; catalogue: Catalogue; seed: SeedResult; dataDir: string };

/**
 * Opens the database, applies migrations, validates the catalogue and brings the bundled reference
 * data in; everything the API needs before it can answer. Throws CatalogueError on a bad catalogue.
 */
export function openStore(options: { dbPath: string; dataDir: string }): Store {
  const catalogue = readCatalogue(options.dataDir);
  const db = openDatabase(options.dbPath);
  try {
    const seed = seedReferenceData(db, options.dataDir, catalogue);
    return { db, catalogue, seed, dataDir: options.dataDir };
  } catch (error) {
    db.$client.close();
    throw error;
  }
}
