/**
 * The fake returns other organisations publish for testing (tests/fixtures/returns/published, each with its
 * licence): Data to Insight's SSDA903 validator set (2017-18, with SWEpisodes and DoLo), their five-year
 * synthetic council (2017-18 to 2021-22) and their CIN validator's census. As an analyst would use them:
 * every table of a set at once. Their genuine faults are reported with DfE's rule numbers; with the children
 * those faults touch taken out, they compute with no error in any file order, and every figure's numerator
 * and denominator equals the independent reference (`reference-rules.ts`) at several quarter ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFromReturns } from './compute.ts';
import { reference } from './reference-rules.ts';
import type { ComputeResult, Finding, ReturnFile } from './types.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../tests/fixtures/returns/published');

function readSet(name: string): ReturnFile[] {
  const out: ReturnFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, entry);
      if (fs.statSync(file).isDirectory()) walk(file);
      else if (/\.(csv|xml)$/i.test(entry))
        out.push({ name: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') });
    }
  };
  walk(path.join(ROOT, name));
  return out;
}

const POPULATION = 52_000;
const compute = (files: ReturnFile[], asAt: string): ComputeResult =>
  computeFromReturns(files, {
    asAt,
    population: [
      { year: Number(asAt.slice(0, 4)) - 1, population: POPULATION },
      { year: Number(asAt.slice(0, 4)), population: POPULATION },
    ],
  });

/** The set without every row of the children its genuine faults (errors, two years' versions that disagree) touch. */
function withoutFaults(files: ReturnFile[], findings: Finding[]): ReturnFile[] {
  const faulty = new Set(
    findings
      .filter((f) => f.severity === 'error' || /disagree/.test(f.message))
      .map((f) => f.child)
      .filter((c): c is string => c !== undefined),
  );
  return files.map((file) => {
    if (!file.name.endsWith('.csv')) return file;
    const [header, ...rows] = file.text.split(/\r?\n/);
    const child = (header ?? '')
      .replace(/^\uFEFF/, '')
      .split(',')
      .indexOf('CHILD');
    const kept = rows.filter((row) => row === '' || !faulty.has(row.split(',')[child] ?? ''));
    return { ...file, text: [header, ...kept].join('\n') };
  });
}

/** Taken out until none is left (only the first 50 findings of a kind in a file name their child). */
function cleaned(files: ReturnFile[], asAt: string): ReturnFile[] {
  let clean = files;
  for (let round = 0; round < 10; round++) {
    const result = compute(clean, asAt);
    if (result.errors.length === 0 && !result.warnings.some((w) => /disagree/.test(w.message))) return clean;
    clean = withoutFaults(clean, [...result.errors, ...result.warnings]);
  }
  throw new Error('the faults did not go in 10 rounds');
}

/** Deterministic shuffles (a small linear congruential generator: no clock, no Math.random). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed;
  const next = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function expectEqualToReference(
  result: ComputeResult,
  files: ReturnFile[],
  asAt: string,
  yearOf: (file: string) => number,
) {
  expect(result.errors).toEqual([]);
  const want = reference(files, asAt, POPULATION, 'text', yearOf);
  const got: Record<string, [number | null, number | null]> = {};
  const expected: Record<string, [number | null, number | null]> = {};
  for (const f of result.figures) {
    if (f.indicator === 'cic-rate-per-10000') continue; // the population is the test's, not the set's
    got[f.indicator] = [f.numerator, f.denominator];
    if (f.perYear) got[`${f.indicator}/per-year`] = [f.perYear.numerator, f.perYear.denominator];
  }
  for (const [id, figure] of Object.entries(want)) {
    if (id === 'cic-rate-per-10000') continue;
    // The reference gives no figure for a table the set lacks; the package says why.
    const absent = result.figures.find((f) => f.indicator === id.replace('/per-year', ''))?.reason?.startsWith('No ');
    expected[id] =
      absent && figure.denominator === 0 && figure.numerator === 0
        ? (got[id] as never)
        : [figure.numerator, figure.denominator];
  }
  expect(got).toEqual(expected);
}

describe("Data to Insight's SSDA903 validator fake data (2017-18, every table, SWEpisodes and DoLo)", () => {
  const files = readSet('d2i-903-validator');
  const raw = compute(files, '2018-03-31');

  it('reports its genuine faults with DfE rule numbers, and nothing for its short breaks or current tables', () => {
    const rules = raw.errors.map((e) => e.rule);
    expect(new Set(rules)).toEqual(new Set(['501', '433', '133']));
    expect(raw.errors.filter((e) => e.rule === '433').length).toBe(3);
    // Not one chain error follows a short break that ended the day the episode began.
    const episodes = (files.find((f) => f.name.endsWith('episodes.csv') && !f.name.includes('sw_'))?.text ?? '')
      .split(/\r?\n/)
      .map((row) => row.split(','));
    for (const error of raw.errors.filter((e) => e.rule === '433')) {
      const ofChild = episodes.filter((r) => r[0] === error.child);
      const starts = error.message.match(/starting (\d\d\/\d\d\/\d{4})/)?.[1];
      expect(ofChild.some((r) => (r[3] === 'V3' || r[3] === 'V4') && r[7] === starts)).toBe(false);
    }
    // REC filled on open episodes: warnings with rule 148, never errors.
    expect(raw.warnings.some((w) => w.rule === '148')).toBe(true);
    expect(
      raw.errors.concat(raw.warnings).some((f) => /SWEpisodes|DoLo|sw_episodes|DoLo\.csv/.test(`${f.table} ${f.file}`)),
    ).toBe(false);
  });

  const clean = cleaned(files, '2018-03-31');
  it.each(['2017-09-30', '2017-12-31', '2018-03-31'])(
    'without them, at %s: equal to the reference, in any file order',
    (asAt) => {
      const result = compute(clean, asAt);
      expectEqualToReference(result, clean, asAt, () => 2018);
      expect(result.figures.find((f) => f.indicator === 'cic-count')?.value).toBeGreaterThan(500);
      for (const seed of [1, 2]) expect(compute(shuffled(clean, seed), asAt)).toEqual(result);
    },
  );
});

describe("Data to Insight's five-year synthetic council (2017-18 to 2021-22, files named by the year's start)", () => {
  const files = readSet('d2i-demand-model-5yr');
  // "2017-episodes.csv" is 2017-18: collection year 2018. The test knows it from the set's documentation;
  // the package works it out from the files' own dates.
  const yearOf = (file: string) => Number(/(\d{4})-/.exec(path.basename(file))?.[1]) + 1;
  const raw = compute(files, '2022-03-31');

  it('reports its genuine faults with DfE rule numbers (overlaps, chain breaks, OC3 codes of their year)', () => {
    expect(new Set(raw.errors.map((e) => e.rule))).toEqual(new Set(['501', '433', '132', '133']));
    // F3 and P3 were codes until 2017-18, not after: only the later years' rows are faults.
    const activ = raw.errors.filter((e) => e.rule === '132');
    expect(activ.length).toBeGreaterThan(0);
    expect(activ.some((e) => e.file?.includes('2017-oc3'))).toBe(false);
    expect(
      activ.every((e) => /is not a valid code in collection year 20(18-19|19-20|20-21|21-22)/.test(e.message)),
    ).toBe(true);
  });

  it('gives the same findings and figures (none, for the faults) in any order of its 40 files', () => {
    for (const seed of [3, 4]) expect(compute(shuffled(files, seed), '2022-03-31')).toEqual(raw);
  });

  const clean = cleaned(files, '2022-03-31');
  it.each(['2019-03-31', '2020-09-30', '2021-06-30', '2022-03-31'])(
    'without them, at %s: equal to the reference (OC3 read by the year of the birthday), in any file order',
    (asAt) => {
      const result = compute(clean, asAt);
      expectEqualToReference(result, clean, asAt, yearOf);
      for (const seed of [5, 6]) expect(compute(shuffled(clean, seed), asAt)).toEqual(result);
    },
  );
});

describe("Data to Insight's CIN validator fake census", () => {
  it('computes the CIN figures equal to the reference, and names the council it is for', () => {
    const files = readSet('d2i-cin-validator').filter((f) => f.name.endsWith('fake_CIN_data.xml'));
    const result = compute(files, '2022-03-31');
    expect(result.la).toBe('975');
    expect(result.errors).toEqual([]);
    const want = reference(files, '2022-03-31', POPULATION);
    for (const id of ['rereferrals-12-months', 'assessments-45-days', 'cp-repeat-plans', 'cp-plans-2-years'] as const) {
      const f = result.figures.find((x) => x.indicator === id);
      expect([f?.numerator ?? 0, f?.denominator ?? 0], id).toEqual([want[id]?.numerator, want[id]?.denominator]);
    }
    expect(result.figures.find((x) => x.indicator === 'rereferrals-12-months')?.denominator).toBeGreaterThan(0);
  });
});
