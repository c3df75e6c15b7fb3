import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  compute,
  quarterEndingOn,
  ReturnsReader,
  RULE_SET_VERSION,
  toAggregates,
  toTemplateCsv,
  type ComputeResult,
  type Finding,
} from '@indicate/returns';
import { computedCouncilProblem, type LineageLink } from '@indicate/core';
import { childPopulation } from './reference/population.ts';

/**
 * `pnpm cli returns compute --as-at YYYY-MM-DD [--la CODE] [--json] [--template OUT.csv] PATH...`: the same
 * computation as the Loads page's "Compute from returns", on the analyst's own machine. Reads each PATH (a
 * file, or a folder of SSDA903 CSVs and CIN XML files), prints the validation report and the figures, and
 * with --template writes the figures as an Indicate template for `pnpm cli load`. Nothing child-level is
 * written to the database or a log: the report goes to the analyst's terminal only.
 */

export class ReturnsUsage extends Error {}

/** Every .csv and .xml file under the paths given, in a stable order. */
export function returnFilesAt(paths: readonly string[]): Array<{ file: string; name: string }> {
  const found: Array<{ file: string; name: string }> = [];
  const walk = (file: string, name: string) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) throw new ReturnsUsage(`${file} does not exist.`);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file).sort()) {
        if (entry.startsWith('.')) continue;
        const inner = path.join(file, entry);
        const innerStat = fs.statSync(inner);
        if (innerStat.isDirectory() || /\.(csv|xml)$/i.test(entry)) walk(inner, path.join(name, entry));
      }
    } else found.push({ file, name });
  };
  for (const p of paths) walk(p, path.basename(p));
  if (found.length === 0) throw new ReturnsUsage('No .csv or .xml files were found at the paths given.');
  return found;
}

export type ReturnsRun = {
  result: ComputeResult;
  la: string | null;
  periodId: string;
  files: Array<{ name: string; sha256: string }>;
};

export function computeReturns(options: {
  paths: readonly string[];
  asAt: string;
  la?: string | undefined;
  dataDir: string;
}): ReturnsRun {
  const quarter = quarterEndingOn(options.asAt);
  if (!quarter.ok) throw new ReturnsUsage(`--as-at: ${quarter.message}.`);
  if (options.la !== undefined && !/^\d{3}$/.test(options.la)) {
    throw new ReturnsUsage(`--la must be a DfE 3-digit council code such as 855, not "${options.la}".`);
  }
  const picked = returnFilesAt(options.paths);
  // One file at a time, in parts: each part hashed and read, and let go before the next (a national set is
  // over half a gigabyte, its CIN censuses over 100 MB each).
  const reader = new ReturnsReader();
  const hashes = picked.map(({ file, name }) => ({ name, sha256: readInParts(reader, file, name) }));
  const { data, findings } = reader.finish();
  // The council: as the CIN census says (Source > LEA), else as asked; its population gives the rate. A
  // --la that is not the census's own council (nor the council that took over its area) is refused: the
  // figures would be another council's under this one's name.
  if (options.la !== undefined && data.la !== undefined) {
    const problem = computedCouncilProblem({
      homeLa: options.la,
      returnsCouncil: data.la,
      rowCouncils: [],
      lineage: readLineage(options.dataDir),
    });
    if (problem) throw new ReturnsUsage(`--la ${options.la}: ${problem}.`);
  }
  const la = options.la ?? data.la ?? null;
  const population = la === null ? [] : childPopulation(options.dataDir, la);
  // The command line never shows who was counted: no units (nor their reasons) are built.
  const result = compute(data, { asAt: options.asAt, population, units: false }, findings);
  return { result, la, periodId: quarter.id, files: hashes };
}

/** The reorganisations in data/la-lineage.csv (predecessor, successor): a few dozen lines. */
function readLineage(dataDir: string): LineageLink[] {
  const file = path.join(dataDir, 'la-lineage.csv');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => /^\d{3}$/.test(cells[0] ?? '') && /^\d{3}$/.test(cells[1] ?? ''))
    .map(([predecessor, successor]) => ({ predecessor: predecessor!, successor: successor! }));
}

/** Reads a file into `reader` in 64 KB parts (a character cut between two is put together); its SHA-256. */
function readInParts(reader: ReturnsReader, file: string, name: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const hash = crypto.createHash('sha256');
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(64 * 1024);
    const parts = reader.open(name);
    for (let got = fs.readSync(fd, buffer); got > 0; got = fs.readSync(fd, buffer)) {
      const bytes = buffer.subarray(0, got);
      hash.update(bytes);
      parts.write(decoder.write(bytes));
    }
    parts.write(decoder.end());
    parts.end();
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/** The `--json` shape the issue gives: aggregates only, with the findings. */
export function returnsJson(run: ReturnsRun) {
  return {
    asAt: run.result.asAt,
    la: run.la,
    ruleSet: run.result.ruleSet,
    figures: toAggregates(run.result).map((f) => ({
      indicator: f.indicator,
      period: run.periodId,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      ...(f.reason ? { reason: f.reason } : {}),
      ...(f.basis ? { basis: f.basis } : {}),
      ...(f.perYear ? { perYear: f.perYear } : {}),
    })),
    errors: run.result.errors,
    warnings: run.result.warnings,
  };
}

function where(f: Finding): string {
  const parts = [
    f.file,
    f.table && f.table !== f.file ? f.table : undefined,
    f.row !== undefined ? `row ${f.row}` : undefined,
    f.child !== undefined ? `child ${f.child}` : undefined,
    f.field,
    f.rule ? `DfE rule ${f.rule}` : undefined,
  ].filter((p): p is string => p !== undefined && p !== '');
  return parts.join(', ');
}

/** The report as the analyst reads it in a terminal. */
export function returnsText(run: ReturnsRun, limit = 50): string {
  const { result } = run;
  const lines: string[] = [
    `Returns: ${run.files.length} file(s), as at ${result.asAt} (quarter ${run.periodId}), council ${run.la ?? 'not stated'}, rule set ${RULE_SET_VERSION}.`,
  ];
  const list = (title: string, findings: Finding[]) => {
    if (findings.length === 0) return;
    lines.push('', `${title} (${findings.length}):`);
    for (const f of findings.slice(0, limit)) lines.push(`  ${where(f)}: ${f.message}`);
    if (findings.length > limit) lines.push(`  ... and ${findings.length - limit} more (--json lists them all)`);
  };
  list('Errors: nothing was computed', result.errors);
  list('Warnings', result.warnings);
  if (result.errors.length === 0) {
    lines.push('', 'Figures:');
    for (const f of toAggregates(result)) {
      const value = f.value === null ? `no figure: ${f.reason ?? ''}` : String(Number(f.value.toFixed(2)));
      const isShare =
        f.value !== null &&
        f.numerator !== null &&
        f.denominator !== null &&
        Math.abs(f.value - (f.numerator * 100) / f.denominator) < 1e-6;
      const counts =
        f.numerator === null || f.denominator === null
          ? ''
          : isShare
            ? ` (${f.numerator} of ${f.denominator})`
            : ` (numerator ${f.numerator}, denominator ${f.denominator})`;
      lines.push(`  ${f.indicator}: ${value}${f.value === null ? '' : counts}${f.basis ? `, over ${f.basis}` : ''}`);
      if (f.perYear) {
        const year = f.perYear;
        const yearValue = year.value === null ? 'no figure' : String(Number(year.value.toFixed(2)));
        lines.push(
          `    the same over ${year.basis}: ${yearValue} (numerator ${year.numerator}, denominator ${year.denominator})`,
        );
      }
    }
  }
  return lines.join('\n');
}

/** Writes the figures as an Indicate template (aggregates and provenance only). */
export function writeReturnsTemplate(run: ReturnsRun, out: string): void {
  if (run.la === null) {
    throw new ReturnsUsage('The returns do not say which council they are: give --la CODE to write a template.');
  }
  const csv = toTemplateCsv(run.result, run.la, {
    asAt: run.result.asAt,
    ruleSet: run.result.ruleSet,
    ...(run.result.la === undefined ? {} : { council: run.result.la }),
    files: run.files,
  });
  fs.writeFileSync(out, csv, { flag: 'wx' });
}
