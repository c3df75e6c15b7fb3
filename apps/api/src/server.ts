import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { BundledDataError, loadBundledData } from './loader/bundled.ts';
import { removeStaleUploadDirs } from './loader/temp.ts';
import { CatalogueError } from './reference/catalogue.ts';
import { openStore } from './store.ts';
import { userCount } from './auth/users.ts';

/** Owns the process: environment, database, logger, listening and a graceful close. */
async function main(): Promise<void> {
  const config = readConfig();
  let store;
  try {
    store = openStore({ dbPath: config.dbPath, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof CatalogueError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let bundled;
  try {
    bundled = await loadBundledData(store.db, store.catalogue, config.dataDir);
  } catch (error) {
    if (error instanceof BundledDataError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await buildApp({
    store,
    webDist: config.webDist,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    // The optional daily DfE check (an admin setting, off by default) is looked at hourly.
    dfeCheckTickMs: 60 * 60 * 1000,
  });
  // A slow client cannot hold a connection open for ever: headers within 30 s, the whole request (a file
  // upload included; POST /api/loads has its own deadline too) within two minutes, and a connection
  // with nothing moving on it is closed after two minutes.
  app.server.headersTimeout = 30_000;
  app.server.requestTimeout = 120_000;
  app.server.setTimeout(120_000);
  const stale = removeStaleUploadDirs();
  if (stale > 0) app.log.info(`Removed ${stale} temporary upload folder(s) left by a stopped process`);
  const { seed } = store;
  app.log.info(
    seed.seeded
      ? `Loaded reference data: ${seed.indicators} indicators, ${seed.localAuthorities} local authorities, ${seed.statNeighbourSets} statistical-neighbour sets`
      : 'Reference data already up to date',
  );
  for (const l of bundled.loaded) app.log.info(`Loaded bundled ${l.file}: ${l.rows} figures (load ${l.loadId})`);
  if (bundled.loaded.length === 0) app.log.info(`Bundled data already loaded (${bundled.skipped.length} files)`);

  const close = async (signal: string) => {
    app.log.info(`${signal} received, closing`);
    await app.close();
    store.db.$client.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  // Printed plainly as well as logged, so a newcomer sees where to go.
  console.log(`\nIndicate is running at http://${shown}:${port}/  (database: ${config.dbPath})\n`);
  if (userCount(store.db) === 0) {
    console.log(
      'No one can sign in yet. Create the first admin in another terminal:\n' +
        '  pnpm cli user add --email you@example.org --role admin\n' +
        '(it prints a generated password once; pipe one in instead with: echo "…" | pnpm cli user add …)\n',
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
