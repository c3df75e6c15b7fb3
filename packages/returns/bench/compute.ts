/**
 * Benchmark of reading, validating and computing from returns, in Node:
 *
 *   node --import tsx packages/returns/bench/compute.ts [--national-runs N] [--skip-national]
 *
 * Generates the large county (LARGE_COUNTY_PRESET: 2,000 children looked after) and times
 * computeFromReturns over it (median of 5 runs), then the national size (NATIONAL_PRESET: 80,000 children
 * looked after), timing it and sampling the process's resident memory. Targets: county under 1 s,
 * national under 30 s and 1 GB. Generation is timed too, but is not part of the targets.
 *
 * Memory: RSS includes the generated files themselves (held as strings). Run with
 * `node --max-old-space-size=1024 --import tsx ...` to check the national size fits a 1 GB heap.
 */
import { LARGE_COUNTY_PRESET, NATIONAL_PRESET, generateReturns, type GenerateOptions } from '../src/generate.ts';
import { computeFromReturns } from '../src/index.ts';
import type { ReturnFile } from '../src/types.ts';

const MB = 1024 * 1024;
const skipNational = process.argv.includes('--skip-national');
const nationalRunsArg = process.argv.indexOf('--national-runs');
const nationalRuns = nationalRunsArg === -1 ? 1 : Number(process.argv[nationalRunsArg + 1]);

interface Row {
  name: string;
  children: number;
  files: number;
  mb: number;
  generate: number;
  runs: number[];
  peakRss: number;
  target: string;
  ok: boolean;
}

function sampleRss<T>(fn: () => T): { result: T; peak: number } {
  // A synchronous compute gives the timer no chance to fire, so sample on progress callbacks as well.
  let peak = process.memoryUsage().rss;
  const result = fn();
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, peak };
}

function run(name: string, options: GenerateOptions, runs: number, targetSeconds: number, targetMb?: number): Row {
  const t0 = performance.now();
  let files: ReturnFile[] = generateReturns(options);
  const generate = (performance.now() - t0) / 1000;
  const mb = files.reduce((n, f) => n + f.text.length, 0) / MB;
  const times: number[] = [];
  let peakRss = process.memoryUsage().rss;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const { result, peak } = sampleRss(() =>
      computeFromReturns(files, {
        asAt: options.asAt,
        population: [{ year: 2025, population: 12_000_000 }],
        onProgress: () => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        },
      }),
    );
    times.push((performance.now() - t) / 1000);
    peakRss = Math.max(peakRss, peak);
    if (result.errors.length)
      console.warn(`${name}: ${result.errors.length} errors, first: ${result.errors[0]?.message}`);
    const cic = result.figures.find((f) => f.indicator === 'cic-count');
    if (cic?.value !== options.childrenLookedAfter) console.warn(`${name}: cic-count ${cic?.value}`);
  }
  files = [];
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
  const ok = median < targetSeconds && (targetMb === undefined || peakRss / MB < targetMb);
  return {
    name,
    children: options.childrenLookedAfter ?? 0,
    files: 0,
    mb,
    generate,
    runs: times,
    peakRss,
    target: `< ${targetSeconds} s${targetMb ? `, < ${targetMb} MB` : ''}`,
    ok,
  };
}

const rows: Row[] = [];
rows.push(run('large county', LARGE_COUNTY_PRESET, 5, 1));
if (!skipNational) rows.push(run('national', NATIONAL_PRESET, nationalRuns, 30, 1024));

const pad = (s: string, n: number) => s.padEnd(n);
const padL = (s: string, n: number) => s.padStart(n);
console.log(
  `\n${pad('returns', 14)}${padL('CLA', 8)}${padL('input MB', 10)}${padL('generate s', 12)}${padL('compute s (median)', 20)}${padL('runs', 6)}${padL('peak RSS MB', 13)}  target`,
);
for (const r of rows) {
  const median = [...r.runs].sort((a, b) => a - b)[Math.floor(r.runs.length / 2)] as number;
  console.log(
    `${pad(r.name, 14)}${padL(String(r.children), 8)}${padL(r.mb.toFixed(1), 10)}${padL(r.generate.toFixed(2), 12)}${padL(median.toFixed(3), 20)}${padL(String(r.runs.length), 6)}${padL((r.peakRss / MB).toFixed(0), 13)}  ${r.target} ${r.ok ? 'ok' : 'MISSED'}`,
  );
}
console.log(
  '\nCompute = computeFromReturns (read + validate + compute). Peak RSS is the whole process, generated files included.',
);
