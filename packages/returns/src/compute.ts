/**
 * Validates and computes every indicator in `RETURNS_INDICATORS` as at a date. With any error there are no
 * figures: a figure from data known to be wrong would be worse than none.
 */
import { adoptionFigures } from './adoption.ts';
import { careLeaverFigures } from './care-leavers.ts';
import { childrenInNeedFigures } from './children-in-need.ts';
import { ruleContext } from './context.ts';
import { parseIsoDate } from './dates.ts';
import { FindingList } from './findings.ts';
import {
  cicCount,
  cicRate,
  healthFigures,
  longTermStability,
  missingFigures,
  placementsThreeOrMore,
} from './looked-after.ts';
import type { ReturnsData } from './model.ts';
import { readReturns } from './read.ts';
import { validateReturns } from './validate.ts';
import {
  RETURNS_INDICATORS,
  type ComputedFigure,
  type ComputeOptions,
  type ComputeResult,
  type Finding,
  type ReturnFile,
} from './types.ts';

/** Bumped whenever a rule changes; stored with a load as provenance. */
export const RULE_SET_VERSION = '2026-12-2';

/** The figures as they may leave the analyst's machine: no units, no child-level detail. */
export type AggregateFigure = Omit<ComputedFigure, 'units'>;

/** Computes from data already read; `readFindings` are those `readReturns` gave. */
export function compute(
  data: ReturnsData,
  options: ComputeOptions,
  readFindings: readonly Finding[] = [],
): ComputeResult {
  const findings = new FindingList();
  for (const finding of readFindings)
    findings.add(`read-${findings.errors.length + findings.warnings.length}`, finding);
  const d = parseIsoDate(options.asAt);
  if (d === null) {
    findings.add('as-at', {
      severity: 'error',
      field: 'asAt',
      message: `the date to compute at, "${options.asAt}", is not a date written yyyy-mm-dd`,
    });
  }
  validateReturns(data, findings);
  findings.close();
  const base = {
    asAt: options.asAt,
    ...(data.la === undefined ? {} : { la: data.la }),
    errors: findings.errors,
    warnings: findings.warnings,
    ruleSet: RULE_SET_VERSION,
  };
  if (findings.errors.length > 0 || d === null) return { ...base, figures: [] };

  const progress = options.onProgress ?? (() => undefined);
  const ctx = ruleContext(data, d, options.units ?? true);
  progress(0.1);
  const figures: ComputedFigure[] = [];
  const count = cicCount(ctx);
  figures.push(count, cicRate(ctx, count, options.population));
  progress(0.2);
  figures.push(placementsThreeOrMore(ctx), longTermStability(ctx));
  progress(0.4);
  figures.push(...careLeaverFigures(ctx), ...missingFigures(ctx), ...healthFigures(ctx));
  progress(0.6);
  figures.push(...childrenInNeedFigures(ctx));
  progress(0.9);
  figures.push(...adoptionFigures(ctx));
  progress(1);
  const order = new Map<string, number>(RETURNS_INDICATORS.map((id, i) => [id, i]));
  figures.sort((a, b) => (order.get(a.indicator) ?? 0) - (order.get(b.indicator) ?? 0));
  return { ...base, figures };
}

/** Reads, validates and computes. */
export function computeFromReturns(files: readonly ReturnFile[], options: ComputeOptions): ComputeResult {
  const progress = options.onProgress;
  const { data, findings } = readReturns(files, progress && ((done) => progress(done * 0.5)));
  return compute(data, { ...options, onProgress: progress && ((done) => progress(0.5 + done * 0.5)) }, findings);
}

/** The figures without their units: what may be sent, stored or logged. Fields are picked, never spread, so a new child-level field cannot leak. */
export function toAggregates(result: ComputeResult): AggregateFigure[] {
  return result.figures.map((figure) => ({
    indicator: figure.indicator,
    value: figure.value,
    numerator: figure.numerator,
    denominator: figure.denominator,
    ...(figure.reason === undefined ? {} : { reason: figure.reason }),
    rule: figure.rule,
    ...(figure.basis === undefined ? {} : { basis: figure.basis }),
    ...(figure.perYear === undefined ? {} : { perYear: { ...figure.perYear } }),
    breakdowns: figure.breakdowns.map((b) => ({
      dimension: b.dimension,
      group: b.group,
      label: b.label,
      value: b.value,
      numerator: b.numerator,
      denominator: b.denominator,
    })),
  }));
}
