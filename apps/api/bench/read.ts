/**
 * Read API benchmark: `pnpm bench`. Every number is measured in this run, on this machine, and the
 * targets are ratios against baselines taken in the same run, because these machines are noisy.
 *  1. Warm: GET /api/scorecard from the real server (src/server.ts in its own process, production
 *     settings, served from the response cache to a signed-in viewer whose session is checked on every
 *     request; the very command `npm start` runs, node --import tsx src/server.ts) against a bare Fastify
 *     server in a process of its own (bench/bare-server.mjs: plain JavaScript under node with no loader, no
 *     plugins, no hooks, a small constant JSON object). The load generator is wrk (C, one thread, 10 connections),
 *     run as a third process: a generator written in JavaScript spends more time parsing a 6 KB answer
 *     than the server spends sending it, and would measure itself (autocannon: a bare server sending 6 KB
 *     answers 0.15 of its constant route; wrk: 0.9). Three alternating rounds of BENCH_SECONDS each (10 by
 *     default), requests saying Accept-Encoding: gzip, br as browsers do, done twice: both servers on core 0
 *     and wrk on core 1, then the other way round (the result must not hang on the core). wrk comes from
 *     Debian's packages; the benchmark installs it when it is missing.
 *     Target: at least 0.6 of the bare server's requests per second on each core, p99 under 20 ms.
 *     GET /api/health is measured the same way.
 *  2. Cold: the first scorecard request after a load (cache emptied by the new data version), all
 *     indicators, with every bundled LA's history. Target: under 50 ms.
 *  3. The same cold request after ten more years of synthetic history for every LA and indicator is
 *     loaded through the loader. Target: under 1.2 times (2).
 *  4. Cold: Derbyshire's 2024/25 scorecard with a 60-indicator set (the council's 31 and 29 LAIT measures).
 *     Target: under 50 ms.
 *  5. Cold: the all-councils view of one measure for one year. Target: under 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { buildApp } from '../src/app.ts';
import { createUser } from '../src/auth/users.ts';
import { changeScorecardSet } from '../src/dashboard/scorecard-set.ts';
import { REPO_ROOT } from '../src/config.ts';
import { loadBundledData } from '../src/loader/bundled.ts';
import { runLoad } from '../src/loader/run-load.ts';
import { openStore, type Store } from '../src/store.ts';

const dataDir = path.join(REPO_ROOT, 'data');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-bench-read-'));
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const SCORECARD = '/api/scorecard?la=855&period=2018-19-Q1';
const BENCH_PASSWORD = 'a scrutiny member password';

/** Sent with every benchmark request, as every browser sends it; the session cookie is added once signed in. */
const BROWSER_HEADERS: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };

const WRK = '/usr/bin/wrk';
/**
 * On a machine with two or more cores both servers run on one core and wrk on the other, for the bare
 * server and the real one alike (left to the scheduler the bare server's own rate moved between 64k and 89k
 * requests a second from run to run, depending on whether it shared a core with wrk); the warm round is
 * run with the servers on core 0 and again on core 1.
 */
const PIN = os.cpus().length >= 2 && fs.existsSync('/usr/bin/taskset');
const pinned = (core: number, command: string, args: string[]): [string, string[]] =>
  PIN ? ['/usr/bin/taskset', ['-c', String(core), command, ...args]] : [command, args];
/** The core the servers of the current warm round run on; wrk runs on the other. */
let serverCore = 1;

/** wrk from Debian's packages, installed the way `npm test` installs Chromium. */
function ensureWrk(): void {
  if (fs.existsSync(WRK)) return;
  console.log('Installing wrk (the load generator) from Debian packages');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = (...args: string[]) => {
    const result = spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  };
  apt('update');
  apt('install', '-y', 'wrk');
}

/** Requests per second and the 99th percentile latency (ms) of one wrk run against a URL. */
async function hammer(url: string, headers: Record<string, string> = BROWSER_HEADERS) {
  const args = ['-t1', '-c10', `-d${duration}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const [command, all] = pinned(1 - serverCore, WRK, [...args, url]);
  const result = spawnSync(command, all, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr}`);
  const out = result.stdout;
  const bad = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const errors = /Socket errors: .*/.exec(out);
  if (bad || errors) throw new Error(`${url}: ${bad?.[0] ?? ''} ${errors?.[0] ?? ''}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]);
  const [, amount, unit] = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out)!;
  const p99 = Number(amount) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  return { rps, p99 };
}

const API_DIR = path.join(REPO_ROOT, 'apps', 'api');

/** Starts a server in its own process group and resolves with its URL, read from its output. */
function startProcess(args: string[], env: Record<string, string>, urlPattern: RegExp) {
  return new Promise<{ url: string; child: ChildProcess }>((resolve, reject) => {
    const [command, all] = pinned(serverCore, process.execPath, args);
    const child = spawn(command, all, {
      cwd: API_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL from ${args.join(' ')}:\n${output}`)), 60_000);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const found = urlPattern.exec(output);
      if (found) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ url: found[1]!.replace(/\/$/, ''), child });
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`)));
  });
}

function stopProcess(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
}

let nudges = 0;
/** A one-row load: a new data version, so the next request computes from the store (a cold request). */
async function nudge(store: Store): Promise<void> {
  nudges += 1;
  const file = path.join(work, `nudge-${nudges}.csv`);
  fs.writeFileSync(
    file,
    `indicator,time_period,time_identifier,geographic_level,old_la_code,value\ncse-referrals,201920,Financial year Q1,Local authority,855,${nudges}\n`,
  );
  const report = await runLoad(store.db, store.catalogue, {
    path: file,
    fileName: 'nudge.csv',
    loadedBy: 'bench',
    dryRun: false,
  });
  if (!report.committed) throw new Error('nudge load failed');
}

/** One cold request (the scorecard unless another URL is given): a one-row load empties the cache, then it is timed. */
async function coldOnce(
  store: Store,
  app: Awaited<ReturnType<typeof buildApp>>,
  cookie: string,
  url = SCORECARD,
): Promise<number> {
  await nudge(store);
  const started = performance.now();
  const response = await app.inject({ url, headers: { cookie } });
  const ms = performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`scorecard ${response.statusCode}: ${response.body.slice(0, 200)}`);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Ten financial years before the bundled data (2000-01 to 2009-10), as the Indicate template: for every
 * indicator the scorecard already reports, every LA's and England's yearly figure, and Leicestershire's
 * quarters. The scorecard's rows stay the same; only the history behind them grows.
 */
function syntheticHistory(store: Store, reported: Set<string>): string {
  const file = path.join(work, 'history.csv');
  const las = (
    store.db.$client.prepare('select old_la_code from local_authorities').all() as Array<{ old_la_code: string }>
  ).map((r) => r.old_la_code);
  const lines = ['indicator,time_period,time_identifier,geographic_level,old_la_code,value'];
  let seed = 7;
  const value = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return 5 + (seed % 900) / 10;
  };
  for (const indicator of store.catalogue.indicators) {
    if (!reported.has(indicator.id)) continue;
    if (indicator.periodType !== 'financial-quarter' && indicator.periodType !== 'financial-year') continue;
    for (let year = 2000; year < 2010; year++) {
      const span = `${year}${String((year + 1) % 100).padStart(2, '0')}`;
      lines.push(`${indicator.id},${span},Financial year,National,,${value().toFixed(1)}`);
      for (const la of las)
        lines.push(`${indicator.id},${span},Financial year,Local authority,${la},${value().toFixed(1)}`);
      if (indicator.periodType === 'financial-quarter') {
        for (let q = 1; q <= 4; q++)
          lines.push(`${indicator.id},${span},Financial year Q${q},Local authority,855,${value().toFixed(1)}`);
      }
    }
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function main() {
  ensureWrk();
  const dbPath = path.join(work, 'read.sqlite');
  const store = openStore({ dbPath, dataDir });
  await loadBundledData(store.db, store.catalogue, dataDir);
  const app = await buildApp({ store });
  // A scrutiny member, signed in through the real route: the scorecard is not public by default.
  await createUser(store.db, { email: 'bench@example.org', role: 'viewer', password: BENCH_PASSWORD });
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'bench@example.org', password: BENCH_PASSWORD },
  });
  BROWSER_HEADERS.cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  const observations = (store.db.$client.prepare('select count(*) as n from observations').get() as { n: number }).n;
  console.log(
    `Read benchmark: ${observations.toLocaleString('en-GB')} observations; wrk -t1 -c10, 3 rounds of ${duration} s${PIN ? '; both servers on one core and wrk on the other, then swapped' : ''}\n`,
  );
  const warm: Array<{ core: number; ratio: number; p99: number }> = [];
  for (const core of PIN ? [0, 1] : [1]) {
    serverCore = core;
    warm.push(await warmRound(dbPath));
  }
  const ratio = Math.min(...warm.map((w) => w.ratio));
  const warmP99 = Math.max(...warm.map((w) => w.p99));
  try {
    // Cold: the same bundled data in a second database, then ten more years of history added to it; the two
    // are measured alternately in this run, so the comparison is not skewed by the machine's drift.
    const rows = (await app.inject({ url: SCORECARD, headers: { cookie: BROWSER_HEADERS.cookie! } })).json() as {
      rows: Array<{ indicator: { id: string } }>;
    };
    const deep = openStore({ dbPath: path.join(work, 'deep.sqlite'), dataDir });
    await loadBundledData(deep.db, deep.catalogue, dataDir);
    const history = syntheticHistory(deep, new Set(rows.rows.map((r) => r.indicator.id)));
    const report = await runLoad(deep.db, deep.catalogue, {
      path: history,
      fileName: 'history.csv',
      loadedBy: 'bench',
      dryRun: false,
    });
    if (!report.committed) throw new Error(`history load failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    const deepApp = await buildApp({ store: deep });
    await createUser(deep.db, { email: 'bench@example.org', role: 'viewer', password: BENCH_PASSWORD });
    const deepSignIn = await deepApp.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'bench@example.org', password: BENCH_PASSWORD },
    });
    const deepCookie = String(deepSignIn.headers['set-cookie']).split(';')[0]!;
    const more = (deep.db.$client.prepare('select count(*) as n from observations').get() as { n: number }).n;
    const times = { bundled: [] as number[], deep: [] as number[] };
    for (let i = 0; i < 25; i++) {
      const bundled = await coldOnce(store, app, BROWSER_HEADERS.cookie!);
      const withHistory = await coldOnce(deep, deepApp, deepCookie);
      if (i >= 4) {
        // The first rounds warm the JIT and prepared statements.
        times.bundled.push(bundled);
        times.deep.push(withHistory);
      }
    }
    const cold = median(times.bundled);
    const colder = median(times.deep);
    console.log(
      `2. Cold scorecard (first request after a load), median of ${times.bundled.length}: ${cold.toFixed(1)} ms (target < 50 ms)`,
    );
    console.log(
      `3. With ten more years of history (${more.toLocaleString('en-GB')} observations): ${colder.toFixed(1)} ms, ` +
        `${(colder / cold).toFixed(2)} times (2) (target < 1.20)`,
    );
    await deepApp.close();
    deep.db.$client.close();

    // A 60-indicator scorecard set (the council's 31 and 29 of LAIT's measures with quartiles) for a council
    // LAIT covers, and the all-councils view of one measure: both cold, as above.
    const laitMeasures = store.catalogue.indicators
      .filter((i) => i.origin === 'lait' && i.quartile && i.periodType === 'financial-year')
      .slice(0, 29);
    const set = [...store.catalogue.indicators.filter((i) => i.origin === 'council'), ...laitMeasures].map((i) => i.id);
    changeScorecardSet(store.db, store.catalogue, set, { email: 'bench@example.org', address: null });
    const wide = '/api/scorecard?la=830&period=2024-25';
    const allCouncils = '/api/indicators/placements-3-or-more/all-councils?la=830&period=2024-25';
    const timesWide = { scorecard: [] as number[], allCouncils: [] as number[] };
    for (let i = 0; i < 25; i++) {
      const a = await coldOnce(store, app, BROWSER_HEADERS.cookie!, wide);
      const b = await coldOnce(store, app, BROWSER_HEADERS.cookie!, allCouncils);
      if (i >= 4) {
        timesWide.scorecard.push(a);
        timesWide.allCouncils.push(b);
      }
    }
    const wideRows = (await app.inject({ url: wide, headers: { cookie: BROWSER_HEADERS.cookie! } })).json() as {
      rows: unknown[];
    };
    const coldWide = median(timesWide.scorecard);
    const coldAll = median(timesWide.allCouncils);
    console.log(
      `4. Cold scorecard of a ${set.length}-indicator set for Derbyshire 2024/25 (${wideRows.rows.length} rows with a figure): ${coldWide.toFixed(1)} ms (target < 50 ms)`,
    );
    console.log(
      `5. Cold all-councils view of one measure (every council, England, regions): ${coldAll.toFixed(1)} ms (target < 50 ms)`,
    );
    const pass = ratio >= 0.6 && warmP99 < 20 && cold < 50 && colder / cold < 1.2 && coldWide < 50 && coldAll < 50;
    console.log(pass ? '\nAll read targets met.' : '\nA read target was missed.');
    process.exitCode = pass ? 0 : 1;
  } finally {
    await app.close();
    store.db.$client.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** One warm round with the servers on `serverCore`: the real server as `npm start` runs it, and the bare baseline. */
async function warmRound(dbPath: string): Promise<{ core: number; ratio: number; p99: number }> {
  // The real server, as `npm start` runs it (its logging included), and the bare baseline: each in its own
  // process, so neither shares the other's event loop or the load generator's.
  const real = await startProcess(
    ['--import', 'tsx', 'src/server.ts'],
    { DB_PATH: dbPath, PORT: '0', LOG_LEVEL: 'info' },
    /running at (http:\/\/[^\s]+)/,
  );
  const bare = await startProcess(['bench/bare-server.mjs'], {}, /(http:\/\/[^\s]+)/);
  try {
    const constantUrl = `${bare.url}/constant`;
    const scorecardUrl = `${real.url}${SCORECARD}`;
    const healthUrl = `${real.url}/api/health`;
    await hammer(constantUrl, {}); // warm-up, discarded
    await hammer(scorecardUrl);
    await hammer(healthUrl, {});
    // Alternating rounds, so drift in the machine's speed falls on all alike.
    const rounds = {
      constant: [] as Array<{ rps: number; p99: number }>,
      scorecard: [] as Array<{ rps: number; p99: number }>,
      health: [] as Array<{ rps: number; p99: number }>,
    };
    for (let round = 0; round < 3; round++) {
      rounds.constant.push(await hammer(constantUrl, { 'accept-encoding': 'gzip, deflate, br' }));
      rounds.scorecard.push(await hammer(scorecardUrl));
      rounds.health.push(await hammer(healthUrl, { 'accept-encoding': 'gzip, deflate, br' }));
    }
    const combine = (runs: Array<{ rps: number; p99: number }>) => ({
      rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length,
      p99: Math.max(...runs.map((r) => r.p99)),
    });
    const constant = combine(rounds.constant);
    const scorecard = combine(rounds.scorecard);
    const health = combine(rounds.health);
    const ratio = scorecard.rps / constant.rps;
    const identity = await hammer(scorecardUrl, { cookie: BROWSER_HEADERS.cookie! });
    const n = (x: number) => Math.round(x).toLocaleString('en-GB');
    const where = PIN ? `servers on core ${serverCore}, wrk on core ${1 - serverCore}` : 'unpinned';
    console.log(
      `1. Warm scorecard (${where}), real server: ${n(scorecard.rps)} req/s (p99 ${scorecard.p99.toFixed(1)} ms)`,
    );
    console.log(
      `   bare Fastify server (plain JavaScript), own process: ${n(constant.rps)} req/s (p99 ${constant.p99.toFixed(1)} ms)`,
    );
    console.log(`   ratio ${ratio.toFixed(2)} (target >= 0.60), p99 ${scorecard.p99.toFixed(1)} ms (target < 20 ms)`);
    console.log(
      `   (a client that does not accept gzip: ${n(identity.rps)} req/s, ratio ${(identity.rps / constant.rps).toFixed(2)})`,
    );
    console.log(
      `   GET /api/health: ${n(health.rps)} req/s (p99 ${health.p99.toFixed(1)} ms), ratio ${(health.rps / constant.rps).toFixed(2)}\n`,
    );
    return { core: serverCore, ratio, p99: scorecard.p99 };
  } finally {
    stopProcess(real.child);
    stopProcess(bare.child);
  }
}

await main();
