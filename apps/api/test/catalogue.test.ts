import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvObjects } from '../src/reference/csv.ts';
import { CatalogueError, parseCatalogue, readCatalogue } from '../src/reference/catalogue.ts';
import { DATA_DIR } from './helpers.ts';

const catalogue = readCatalogue(DATA_DIR);
const yaml = fs.readFileSync(path.join(DATA_DIR, 'indicators.yaml'), 'utf8');
const dfeDir = path.join(DATA_DIR, 'dfe');

function problemsOf(text: string): string[] {
  try {
    parseCatalogue(text, 'indicators.yaml', dfeDir);
  } catch (error) {
    if (error instanceof CatalogueError) return error.problems;
    throw error;
  }
  throw new Error('the catalogue was accepted');
}

describe('the bundled catalogue', () => {
  it('holds at least 25 indicators, among them every one the committee papers give figures for', () => {
    expect(catalogue.indicators.length).toBeGreaterThanOrEqual(25);
    const ids = catalogue.indicators.map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'cp-reviews-in-timescale',
        'cp-repeat-plans',
        'rereferrals-12-months',
        'assessments-45-days',
        'cp-plans-2-years',
        'cse-referrals',
        'cic-count',
        'cic-rate-per-10000',
        'placements-3-or-more',
        'placement-long-term-stability',
        'care-leavers-suitable-accommodation',
        'care-leavers-eet',
        'health-assessments',
        'dental-checks',
        'sdq-average-score',
        'adoption-a1-days',
        'adoption-a2-days',
        'adoption-a10-days',
        'missing-episodes',
        'return-interviews-completed',
        'return-interviews-72-hours',
      ]),
    );
  });

  it('gets polarity right where the papers state it', () => {
    const polarity = (id: string) => catalogue.indicators.find((i) => i.id === id)?.polarity;
    expect(polarity('placements-3-or-more')).toBe('low');
    expect(polarity('cp-repeat-plans')).toBe('low');
    expect(polarity('sdq-average-score')).toBe('low');
    expect(polarity('adoption-a1-days')).toBe('low');
    expect(polarity('care-leavers-eet')).toBe('high');
    expect(polarity('cse-referrals')).toBe('none');
    expect(polarity('cic-rate-per-10000')).toBe('none');
  });

  // Every DfE mapping must pick exactly one row per LA and year out of the real file, with a number
  // (or a DfE symbol) in the value column; Leicestershire (855) must be there.
  const mapped = catalogue.indicators.filter((i) => i.dfe);
  it.each(mapped.map((i) => [i.id, i] as const))(
    '%s selects one row per LA and year from its DfE file',
    (_, indicator) => {
      const dfe = indicator.dfe!;
      const rows = readCsvObjects(path.join(dfeDir, dfe.file)).filter(
        (row) =>
          row.geographic_level === 'Local authority' && Object.entries(dfe.filters).every(([c, v]) => row[c] === v),
      );
      const keys = rows.map((r) => `${r.time_period}/${r.old_la_code}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(rows.length).toBeGreaterThan(140);
      const leicestershire = rows.filter((r) => r.old_la_code === '855');
      expect(leicestershire.length).toBeGreaterThan(0);
      for (const row of leicestershire) expect(row[dfe.value]).toMatch(/^(\d+(\.\d+)?|c|low|k|u|x|z)$/);
      for (const part of [dfe.numerator, dfe.denominator]) {
        if (part && typeof part !== 'string') {
          const siblings = readCsvObjects(path.join(dfeDir, dfe.file)).filter((row) =>
            Object.entries({ ...dfe.filters, ...part.filters }).every(([c, v]) => row[c] === v),
          );
          expect(siblings.length).toBeGreaterThan(140);
        }
      }
    },
  );
});

describe('a wrong catalogue entry is refused, naming the entry and the field', () => {
  it('a polarity that is not high, low or none', () => {
    const broken = yaml.replace(/(id: cp-repeat-plans[\s\S]*?polarity: )low/, '$1lower');
    expect(problemsOf(broken)).toEqual([
      'indicator "cp-repeat-plans" (entry 2), field "polarity": Invalid option: expected one of "high"|"low"|"none"',
    ]);
  });

  it('a theme that does not exist', () => {
    const broken = yaml.replace(/(id: cse-referrals[\s\S]*?theme: )missing-and-exploitation/, '$1exploitation');
    expect(problemsOf(broken)).toEqual([
      expect.stringMatching(
        /^indicator "cse-referrals" \(entry 6\), field "theme": theme "exploitation" is not one of the catalogue's themes/,
      ),
    ]);
  });

  it('a RAG rule on an indicator without polarity', () => {
    const broken = yaml.replace(/(id: cse-referrals[\s\S]*?rag: )\{ rule: none \}/, '$1{ rule: benchmark }');
    expect(problemsOf(broken)).toEqual([
      'indicator "cse-referrals" (entry 6), field "rag": an indicator with polarity "none" cannot have a RAG rule; use { rule: none }',
      'indicator "cse-referrals" (entry 6), field "rag": the benchmark rule needs a national benchmark (nationalBenchmark: true)',
    ]);
  });

  it('a duplicated id', () => {
    const broken = yaml.replace('id: cp-plans-2-years', 'id: cp-repeat-plans');
    expect(problemsOf(broken)).toEqual([
      'indicator "cp-repeat-plans" (entry 5), field "id": indicator id "cp-repeat-plans" is used twice',
    ]);
  });

  it('a DfE column that is not in the file', () => {
    const broken = yaml.replace('value: CPP_subsequent_percent', 'value: CPP_subsequent_pct');
    expect(problemsOf(broken)).toEqual([
      'indicator "cp-repeat-plans" (entry 2), field "dfe.value": column "CPP_subsequent_pct" is not in d3_cpps_subsequent_plan_2013_to_2025.csv',
    ]);
  });

  it('a LAIT measure that is not in the LAIT dictionary', () => {
    const broken = yaml.replace("lait: { measure: 'PrevRegCPR' }", "lait: { measure: 'PrevRegCPRR' }");
    expect(problemsOf(broken)).toEqual([
      'indicator "cp-repeat-plans" (entry 2), field "lait.measure": "PrevRegCPRR" is not a measure in LAIT\'s data dictionary',
    ]);
  });

  it('a missing required field and an unknown one', () => {
    const broken = yaml.replace(/(id: cic-count[\s\S]*?) {4}decimals: 0\n/, '$1    decimal: 0\n');
    expect(problemsOf(broken)).toEqual([
      'indicator "cic-count" (entry 7), field "decimals": Invalid input: expected number, received undefined',
      'indicator "cic-count" (entry 7): Unrecognized key: "decimal"',
    ]);
  });

  it('text that is not YAML at all', () => {
    expect(problemsOf('version: 1\nthemes: [\n  - broken')).toEqual([
      expect.stringMatching(/^line \d+: not valid YAML/),
    ]);
  });
});

describe("DfE's sources (data/dfe/sources.yaml)", () => {
  it('names where each bundled DfE file comes from, and is read with the catalogue', () => {
    const files = new Set(catalogue.sources.map((s) => s.file));
    for (const indicator of catalogue.indicators) if (indicator.dfe) expect(files.has(indicator.dfe.file)).toBe(true);
    expect(catalogue.sources.find((s) => s.file === 'la_cla_placement_stability.csv')?.dataCatalogueId).toBe(
      '2ad311d1-cedf-4f31-9e0d-cc071b0cb1c2',
    );
  });

  /** A data/dfe of links to the bundled files, with its own sources.yaml (and LAIT beside it, as in data/). */
  function dfeDirWith(sources: string): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'indicate-sources-'));
    fs.symlinkSync(path.join(DATA_DIR, 'lait'), path.join(root, 'lait'));
    const dir = path.join(root, 'dfe');
    fs.mkdirSync(dir);
    for (const file of fs.readdirSync(dfeDir)) {
      if (file !== 'sources.yaml') fs.symlinkSync(path.join(dfeDir, file), path.join(dir, file));
    }
    fs.writeFileSync(path.join(dir, 'sources.yaml'), sources);
    return dir;
  }

  it('stops start-up, naming the indicator, when a DfE file the catalogue reads has no source', () => {
    const text = fs.readFileSync(path.join(dfeDir, 'sources.yaml'), 'utf8');
    const without = text.replace(/ {2}- file: la_cla_placement_stability\.csv[\s\S]*?(?= {2}- file:)/, '');
    expect(without).not.toContain('la_cla_placement_stability.csv');
    expect(() => parseCatalogue(yaml, 'indicators.yaml', dfeDirWith(without))).toThrow(
      /indicator "placements-3-or-more" reads la_cla_placement_stability\.csv, which has no entry here/,
    );
  });

  it('refuses an id that is not a GUID, naming the field', () => {
    const text = fs
      .readFileSync(path.join(dfeDir, 'sources.yaml'), 'utf8')
      .replace('dataCatalogueId: 4cf02bf8-b4c7-46e5-a63e-702b431db15b', 'dataCatalogueId: not-an-id');
    expect(() => parseCatalogue(yaml, 'indicators.yaml', dfeDirWith(text))).toThrow(
      /field "sources\.0\.dataCatalogueId"/,
    );
  });
});
