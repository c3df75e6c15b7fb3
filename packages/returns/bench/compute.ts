/**
 * Benchmark of reading, validating and computing from returns, in Node:
 *
 *   node --import tsx packages/returns/bench/compute.ts [--skip-national] [--national-heap MB]
 *
 * Large county (LARGE_COUNTY_PRESET: 2,000 children looked after, about 10,000 episodes and 6,000 referrals
 * over three years), as the browser computes it: in a fresh Node process holding every file's text,
 * `readReturns` then `computeFromReturns` with units, median of 5 runs. Target: under 1 s.
 *
 * National size (NATIONAL_PRESET: 80,000 children looked after, about 577 MB of files), as a batch computes
 * it: the files are generated and written to a temporary folder by one process, then a fresh process reads
 * them from disk one at a time (`fs.readFileSync`, `ReturnsReader.add`, the text let go), and computes with
 * `units: false`; then again reading each file in 64 KB parts (`ReturnsReader.open`). Peak RSS is
 * `process.memoryUsage().rss` sampled every 50 ms by a worker thread (the main thread is busy throughout)
 * and the kernel's high-water mark, `process.resourceUsage().maxRSS`; the larger is the one judged.
 * Targets: under 30 s and under 1 GB. Both ways run with Node's default heap limit; the first is run again with
 * the old-generation heap capped (`--max-old-space-size`, 768 MB unless `--national-heap` says otherwise), as
 * a batch with a memory budget would run it: left to itself V8 lets garbage grow to up to four times the live
 * data before collecting it, so the default-heap peak varies from run to run. Where the memory goes: Node
 * itself about 80 MB; the data read about 245 MB (CIN 122, Episodes 61, Header 34, OC2, OC3 and Missing 27);
 * each child's care while computing 35 MB; the rest is garbage not yet collected, above all each file's text
 * when read whole (up to 126 MB for one census, in V8's large-object space, freed only by a full collection),
 * which reading in parts avoids: 64 KB parts die young.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LARGE_COUNTY_PRESET, NATIONAL_PRESET, generateReturns, type GenerateOptions } from '../src/generate.ts';
import { compute, computeFromReturns, readReturns, ReturnsReader } from '../src/index.ts';
import type { ReturnFile } from '../src/types.ts';

const MB = 1024 * 1024;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const self = fileURLToPath(import.meta.url);

/** Samples the process's RSS every 50 ms from a worker thread; `peak()` is the highest seen (bytes). */
function rssSampler(): { peak: () => number; stop: () => Promise<number> } {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  shared[0] = process.memoryUsage.rss();
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData.buffer);
     const flag = new Int32Array(workerData.buffer, 8, 1);
     while (Atomics.load(flag, 0) === 0) {
       const rss = process.memoryUsage.rss();
       if (rss > peak[0]) peak[0] = rss;
       Atomics.wait(flag, 0, 0, 50);
     }`,
    { eval: true, workerData: { buffer: shared.buffer } },
  );
  const flag = new Int32Array(shared.buffer, 8, 1);
  const sample = () => Math.max(shared[0] as number, process.memoryUsage.rss());
  return {
    peak: sample,
    stop: async () => {
      const peak = sample();
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await worker.terminate();
      return peak;
    },
  };
}

interface CountyMeasured {
  read: number[];
  compute: number[];
  rssBefore: number;
  peakRss: number;
  errors: number;
  cic: number | null;
}

/** In a child process: the county's files held as text, then readReturns and computeFromReturns (with units). */
function measureCounty(dir: string, asAt: string, runs: number): CountyMeasured {
  const files: ReturnFile[] = readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const m: CountyMeasured = { read: [], compute: [], rssBefore, peakRss, errors: 0, cic: null };
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

interface BatchMeasured {
  read: number;
  compute: number;
  rssStart: number;
  /** Sampled peak RSS by the end of reading, and by the end of computing. */
  peakRead: number;
  peakRss: number;
  maxRss: number;
  errors: number;
  cic: number | null;
}

/** A file in 64 KB parts, decoded as UTF-8 (a character cut between two parts is put together). */
function addInParts(reader: ReturnsReader, path: string, name: string): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    const decoder = new StringDecoder('utf8');
    const file = reader.open(name);
    for (let got = readSync(fd, buffer); got > 0; got = readSync(fd, buffer)) {
      file.write(decoder.write(buffer.subarray(0, got)));
    }
    file.write(decoder.end());
    file.end();
  } finally {
    closeSync(fd);
  }
}

/** In a fresh process: the files read from disk one at a time, then computed without units. */
async function measureBatch(dir: string, asAt: string, parts: boolean): Promise<BatchMeasured> {
  const rssStart = process.memoryUsage.rss();
  const sampler = rssSampler();
  const t0 = performance.now();
  const reader = new ReturnsReader();
  for (const name of readdirSync(dir).sort()) {
    if (parts) addInParts(reader, join(dir, name), name);
    else reader.add({ name, text: readFileSync(join(dir, name), 'utf8') });
  }
  const { data, findings } = reader.finish();
  const read = (performance.now() - t0) / 1000;
  const peakRead = sampler.peak();
  const t1 = performance.now();
  const result = compute(data, { asAt, units: false }, findings);
  const computeSeconds = (performance.now() - t1) / 1000;
  const peakRss = await sampler.stop();
  return {
    read,
    compute: computeSeconds,
    rssStart,
    peakRead,
    peakRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    errors: result.errors.length,
    cic: result.figures.find((f) => f.indicator === 'cic-count')?.value ?? null,
  };
}

/** In a separate process, so its memory is nobody's measurement: the files written to `dir`; prints their MB. */
function generateInto(dir: string, preset: GenerateOptions): number {
  let bytes = 0;
  for (const file of generateReturns(preset)) {
    writeFileSync(join(dir, file.name), file.text);
    bytes += Buffer.byteLength(file.text);
  }
  return bytes / MB;
}

function spawnSelf(args: string[], nodeArgs: string[] = []): string {
  const child = spawnSync(process.execPath, [...nodeArgs, ...process.execArgv, self, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`${args[0]}: the child process failed (${child.status ?? child.signal})`);
  return child.stdout;
}

const presets: Record<string, GenerateOptions> = { county: LARGE_COUNTY_PRESET, national: NATIONAL_PRESET };

const command = process.argv[2];
if (command === '--generate') {
  const [dir, preset] = process.argv.slice(3) as [string, string];
  process.stdout.write(JSON.stringify(generateInto(dir, presets[preset] as GenerateOptions)));
  process.exit(0);
}
if (command === '--measure-county') {
  const [dir, asAt, runs] = process.argv.slice(3) as [string, string, string];
  process.stdout.write(JSON.stringify(measureCounty(dir, asAt, Number(runs))));
  process.exit(0);
}
if (command === '--measure-batch') {
  const [dir, asAt, parts] = process.argv.slice(3) as [string, string, string];
  process.stdout.write(JSON.stringify(await measureBatch(dir, asAt, parts === 'parts')));
  process.exit(0);
}

interface Row {
  /** The returns computed (no errors, the count generated): else the time measures nothing. */
  computed: boolean;
  name: string;
  mb: number;
  seconds: number;
  read: number;
  peakMb: number;
  note: string;
  targetSeconds: number;
  targetMb?: number;
}

const rows: Row[] = [];
const argValue = (flag: string) => {
  const at = process.argv.indexOf(flag);
  return at === -1 ? undefined : process.argv[at + 1];
};
const heapMb = Number(argValue('--national-heap') ?? 768);

{
  const dir = mkdtempSync(join(tmpdir(), 'indicate-returns-bench-'));
  try {
    const mb = Number(spawnSelf(['--generate', dir, 'county']));
    const m = JSON.parse(spawnSelf(['--measure-county', dir, LARGE_COUNTY_PRESET.asAt, '5'])) as CountyMeasured;
    if (m.errors) console.warn(`large county: ${m.errors} errors`);
    if (m.cic !== LARGE_COUNTY_PRESET.childrenLookedAfter) console.warn(`large county: cic-count ${m.cic}`);
    rows.push({
      // Returns with errors compute nothing: a time for them measures nothing and meets no target.
      computed: m.errors === 0 && m.cic === LARGE_COUNTY_PRESET.childrenLookedAfter,
      name: 'large county',
      mb,
      seconds: med(m.compute),
      read: med(m.read),
      peakMb: m.peakRss / MB,
      note: `median of ${m.compute.length}, units kept, texts held (${(m.rssBefore / MB).toFixed(0)} MB before)`,
      targetSeconds: 1,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!process.argv.includes('--skip-national')) {
  const dir = mkdtempSync(join(tmpdir(), 'indicate-returns-bench-'));
  try {
    const t = performance.now();
    const mb = Number(spawnSelf(['--generate', dir, 'national']));
    console.log(
      `national files generated and written: ${mb.toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
    const runs: [string, boolean, string[]][] = [
      ['national', false, []],
      ['national, 64 KB parts', true, []],
      [`national, heap ${heapMb} MB`, false, [`--max-old-space-size=${heapMb}`]],
    ];
    for (const [name, parts, nodeArgs] of runs) {
      const m = JSON.parse(
        spawnSelf(['--measure-batch', dir, NATIONAL_PRESET.asAt, parts ? 'parts' : 'whole'], nodeArgs),
      ) as BatchMeasured;
      if (m.errors) console.warn(`${name}: ${m.errors} errors`);
      if (m.cic !== NATIONAL_PRESET.childrenLookedAfter) console.warn(`${name}: cic-count ${m.cic}`);
      const peak = Math.max(m.peakRss, m.maxRss);
      rows.push({
        computed: m.errors === 0 && m.cic === NATIONAL_PRESET.childrenLookedAfter,
        name,
        mb,
        seconds: m.read + m.compute,
        read: m.read,
        peakMb: peak / MB,
        note:
          `units: false, ${parts ? '64 KB parts' : 'readFileSync per file'}; peak by end of read ` +
          `${(m.peakRead / MB).toFixed(0)} MB, sampled ${(m.peakRss / MB).toFixed(0)}, maxRSS ` +
          `${(m.maxRss / MB).toFixed(0)}, at start ${(m.rssStart / MB).toFixed(0)}`,
        targetSeconds: 30,
        targetMb: 1024,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cols: [string, number][] = [
  ['run', 24],
  ['input MB', 10],
  ['read s', 9],
  ['total s', 9],
  ['peak RSS MB', 13],
  ['target', 22],
  ['met', 6],
];
const line = (cells: string[]) =>
  cells.map((c, i) => (i ? c.padStart((cols[i] as [string, number])[1]) : c.padEnd(24))).join('');
console.log('\n' + line(cols.map(([c]) => c)));
for (const r of rows) {
  const ok = r.computed && r.seconds < r.targetSeconds && (r.targetMb === undefined || r.peakMb < r.targetMb);
  if (!ok) process.exitCode = 1;
  const target = `< ${r.targetSeconds} s${r.targetMb ? `, < ${r.targetMb} MB` : ''}`;
  console.log(
    line([
      r.name,
      r.mb.toFixed(1),
      r.read.toFixed(3),
      r.seconds.toFixed(3),
      r.peakMb.toFixed(0),
      target,
      ok ? 'yes' : 'NO',
    ]),
  );
}
console.log('');
for (const r of rows) console.log(`${r.name}: ${r.note}`);
console.log(
  '\nCounty: total = computeFromReturns (read, validate, compute). National: total = read (ReturnsReader) + ' +
    'validate and compute (compute, units: false); peak RSS is the larger of the 50 ms samples and maxRSS.',
);
