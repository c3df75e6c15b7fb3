/**
 * Benchmark of reading, validating and computing from returns, in Node:
 *
 *   node --import tsx packages/returns/bench/compute.ts [--skip-national] [--national-runs N]
 *
 * Generates the large county (LARGE_COUNTY_PRESET: 2,000 children looked after, about 10,000 episodes and
 * 6,000 referrals over three years) and the national size (NATIONAL_PRESET: 80,000 children looked after),
 * writes each to a temporary folder, and measures `computeFromReturns` over it in a fresh Node process that
 * holds nothing but the files' text: time (median of 5 runs for the county, 1 for the national size by
 * default) and peak RSS (process.memoryUsage().rss sampled on every progress call and after each run).
 * Targets: county under 1 s; national under 30 s and 1 GB. The measuring process runs with the default
 * heap limit; `--max-old-space-size=1024` is a stricter test of the 1 GB target (pass it to node here and
 * it is passed on).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LARGE_COUNTY_PRESET, NATIONAL_PRESET, generateReturns, type GenerateOptions } from '../src/generate.ts';
import { computeFromReturns, readReturns } from '../src/index.ts';
import type { ReturnFile } from '../src/types.ts';

const MB = 1024 * 1024;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Measured {
  read: number[];
  compute: number[];
  rssBefore: number;
  peakRss: number;
  errors: number;
  cic: number | null;
}

/** In the child process: read the folder's files, then time readReturns and computeFromReturns. */
function measure(dir: string, asAt: string, runs: number): Measured {
  const files: ReturnFile[] = readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const m: Measured = { read: [], compute: [], rssBefore, peakRss, errors: 0, cic: null };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    readReturns(files, sample);
    m.read.push((performance.now() - t) / 1000);
    sample();
    t = performance.now();
    const result = computeFromReturns(files, { asAt, onProgress: sample });
    m.compute.push((performance.now() - t) / 1000);
    sample();
    m.errors = result.errors.length;
    m.cic = result.figures.find((f) => f.indicator === 'cic-count')?.value ?? null;
  }
  m.peakRss = peakRss;
  return m;
}

if (process.argv[2] === '--measure') {
  const [dir, asAt, runs] = process.argv.slice(3) as [string, string, string];
  process.stdout.write(JSON.stringify(measure(dir, asAt, Number(runs))));
  process.exit(0);
}

interface Row extends Measured {
  name: string;
  children: number;
  mb: number;
  generate: number;
  targetSeconds: number;
  targetMb?: number;
}

function run(name: string, options: GenerateOptions, runs: number, targetSeconds: number, targetMb?: number): Row {
  const t0 = performance.now();
  const files = generateReturns(options);
  const generate = (performance.now() - t0) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'indicate-returns-bench-'));
  let mb = 0;
  try {
    for (const f of files) {
      writeFileSync(join(dir, f.name), f.text);
      mb += f.text.length / MB;
    }
    files.length = 0;
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--measure', dir, options.asAt, String(runs)],
      { encoding: 'utf8', maxBuffer: 16 * MB, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`${name}: the measuring process failed (${child.status ?? child.signal})`);
    const m = JSON.parse(child.stdout) as Measured;
    if (m.errors) console.warn(`${name}: ${m.errors} errors`);
    if (m.cic !== options.childrenLookedAfter) console.warn(`${name}: cic-count ${m.cic}`);
    return { ...m, name, children: options.childrenLookedAfter ?? 0, mb, generate, targetSeconds, targetMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const nationalRunsArg = process.argv.indexOf('--national-runs');
const nationalRuns = nationalRunsArg === -1 ? 1 : Number(process.argv[nationalRunsArg + 1]);
const rows: Row[] = [run('large county', LARGE_COUNTY_PRESET, 5, 1)];
if (!process.argv.includes('--skip-national')) rows.push(run('national', NATIONAL_PRESET, nationalRuns, 30, 1024));

const cols: [string, number][] = [
  ['returns', 14],
  ['CLA', 7],
  ['input MB', 10],
  ['generate s', 12],
  ['read s', 9],
  ['read+validate+compute s', 25],
  ['runs', 6],
  ['files held MB', 15],
  ['peak RSS MB', 13],
];
const line = (cells: string[]) =>
  cells.map((c, i) => (i ? c.padStart((cols[i] as [string, number])[1]) : c.padEnd(14))).join('');
console.log('\n' + line(cols.map(([c]) => c)) + '  target');
for (const r of rows) {
  const ok = med(r.compute) < r.targetSeconds && (r.targetMb === undefined || r.peakRss / MB < r.targetMb);
  const target = `< ${r.targetSeconds} s${r.targetMb ? `, < ${r.targetMb} MB` : ''}`;
  const cells = [
    r.name,
    String(r.children),
    r.mb.toFixed(1),
    r.generate.toFixed(2),
    med(r.read).toFixed(3),
    med(r.compute).toFixed(3),
    String(r.compute.length),
    (r.rssBefore / MB).toFixed(0),
    (r.peakRss / MB).toFixed(0),
  ];
  console.log(line(cells) + `  ${target} ${ok ? 'ok' : 'MISSED'}`);
}
console.log(
  '\nMeasured in a fresh process holding only the files\' text ("files held": its RSS before the first run).\n' +
    'read = readReturns alone; read+validate+compute = computeFromReturns; both medians of the runs.',
);
