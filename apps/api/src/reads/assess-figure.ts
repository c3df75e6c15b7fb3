import type { Indicator } from '@indicate/contracts';
import {
  ENGLAND_CODE,
  assess,
  chooseBenchmarkInputs,
  cutPointsRevealHidden,
  monthSpan,
  neighbourModelFor,
  parsePeriodId,
  periodId,
  targetFor,
  targetKindsFor,
  previousPeriod,
  publicAssessment,
  samePeriodLastYear,
  type Assessment,
  type HiddenInputs,
  type Period,
  type SnMethod,
} from '@indicate/core';
import type { ReadContext, View } from './context.ts';
import { neighbourReadings, periodOf, readingOf, type LaRow, type ObservationRow } from './store-reads.ts';

export type BenchmarkInputs = ReturnType<typeof gatherBenchmarkInputs>;

/**
 * Everything a figure of this LA for this period is compared with, chosen by core's
 * `chooseBenchmarkInputs`: used alike by the scorecard, the series and the neighbours chart.
 */
export function gatherBenchmarkInputs(ctx: ReadContext, indicator: Indicator, la: LaRow, period: Period) {
  const year = ctx.benchmarkYear(indicator, period);
  const benchmark = year.period;
  const benchmarkId = periodId(benchmark);
  const ownId = periodId(period);
  const end = monthSpan(period).last;
  const id = indicator.id;
  const code = la.old_la_code;
  const all = ctx.reads.allLaFigures(id, benchmark);
  // A comparator a paper published applies to later periods of its kind until a newer one arrives.
  const publishedFor = (level: 'national' | 'stat-neighbours', place: string) =>
    ctx.reads.figure(id, level, place, ownId) ??
    (year.national ? undefined : ctx.reads.latestPublished(id, level, place, period.kind, end));
  const chosen = chooseBenchmarkInputs({
    allLaCount: all.length,
    modelYear: neighbourModelFor(benchmark, ctx.modelYears),
    england: {
      atBenchmark: ctx.reads.figure(id, 'national', ENGLAND_CODE, benchmarkId),
      atPeriod: publishedFor('national', ENGLAND_CODE),
    },
    publishedNeighbours: {
      atPeriod: publishedFor('stat-neighbours', code),
      atBenchmark: ctx.reads.figure(id, 'stat-neighbours', code, benchmarkId),
    },
  });
  const byCode = new Map(all.map((f) => [f.code, f]));
  const neighbours = chosen.neighbourModelYear !== null ? ctx.reads.neighbours(code, chosen.neighbourModelYear) : [];
  return {
    benchmark,
    year,
    all,
    byCode,
    national: chosen.national,
    /** The neighbour model used (2021 or 2025 groupings), or null when no national year is loaded. */
    modelYear: chosen.neighbourModelYear,
    neighbours,
    england: chosen.england,
    region: ctx.reads.figure(id, 'regional', la.region_code, benchmarkId),
    publishedNeighbours: chosen.publishedNeighbours,
  };
}

/** The council's target that applies to a figure of this period (core's targetFor: carried forward until replaced). */
export function targetApplying(ctx: ReadContext, indicator: Indicator, laCode: string, period: Period) {
  // Targets are stored by period id only: read as the kinds that may apply (an id such as 2010-11 is a year
  // here, not November 2010).
  const kinds = targetKindsFor(period.kind);
  const candidates = ctx.reads.targets(indicator.id, laCode).flatMap((t) => {
    for (const kind of kinds) {
      const parsed = parsePeriodId(t.period_id, kind);
      if (parsed.ok) return [{ period: parsed.period, target: t }];
    }
    return [];
  });
  return targetFor(period, candidates);
}

/**
 * Judges one of the LA's figures against everything it is compared with (core's `assess`), and says which
 * of those inputs are hidden from the public (core's disclosure rules decide what that withholds).
 */
export function assessFigure(
  ctx: ReadContext,
  indicator: Indicator,
  la: LaRow,
  row: ObservationRow,
  method: SnMethod,
): { assessment: Assessment; hidden: () => HiddenInputs } {
  const period = periodOf(row);
  const code = la.old_la_code;
  const id = indicator.id;
  const b = gatherBenchmarkInputs(ctx, indicator, la, period);
  const chosenTarget = targetApplying(ctx, indicator, code, period);
  const target = chosenTarget?.target;
  const override = ctx.reads.override(id, code, row.period_id);
  const previous = previousPeriod(period);
  const lastYear = samePeriodLastYear(period);
  const previousRow = ctx.reads.figure(id, 'local-authority', code, periodId(previous));
  const lastYearRow = ctx.reads.figure(id, 'local-authority', code, periodId(lastYear));
  const anyEarlier = ctx.reads.hasEarlier(id, code, period.kind, monthSpan(period).last);
  // Only asked when there is no earlier figure of this kind: what came before it, if anything.
  const before = anyEarlier
    ? undefined
    : ctx.reads.latestEarlierOtherKind(id, code, period.kind, monthSpan(period).first);
  const earlier = (p: Period, found: ObservationRow | undefined) => ({
    period: p,
    reading: readingOf(found),
    exists: found !== undefined,
    anyEarlier,
    // A small number is never quoted in words (the public view would read it in the reason).
    otherKind:
      before && !ctx.withheld(indicator, before) ? { period: periodOf(before), reading: readingOf(before) } : null,
  });
  const region = ctx.sourced(b.region);
  const assessment = assess({
    indicator: {
      polarity: indicator.polarity,
      similarThreshold: indicator.similarThreshold,
      rag: ctx.ragRule(indicator),
      unit: indicator.unit,
      quartile: indicator.quartile,
      decimals: indicator.decimals,
    },
    figure: { period, reading: readingOf(row), publishedQuartile: row.published_quartile },
    benchmark: b.year,
    england: ctx.sourced(b.england),
    region: region ? { ...region, code: la.region_code, name: la.region_name } : null,
    allLas: b.national
      ? { values: b.all.map(readingOf), others: b.all.filter((f) => f.code !== code).map(readingOf) }
      : null,
    neighbours:
      b.modelYear !== null ? { modelYear: b.modelYear, readings: neighbourReadings(b.neighbours, b.byCode) } : null,
    publishedNeighbours: ctx.sourced(b.publishedNeighbours),
    target: target
      ? {
          value: target.value,
          tolerance:
            target.tolerance_kind && target.tolerance_amount !== null
              ? { kind: target.tolerance_kind, amount: target.tolerance_amount }
              : null,
          sourceRef: target.source_ref,
          setFor: chosenTarget.own ? null : chosenTarget.period,
        }
      : null,
    previous: earlier(previous, previousRow),
    lastYear: earlier(lastYear, lastYearRow),
    method,
    override: override
      ? { status: override.status, reason: override.reason, by: override.overridden_by, at: override.overridden_at }
      : null,
  });
  // Which inputs the public may not see (core's disclosure plan decides), worked out only when asked: a
  // signed-in reader's view needs none of it.
  const hidden = (): HiddenInputs => {
    const at = (code: string, f: (typeof b.all)[number] | undefined) =>
      f !== undefined && ctx.withheldAt(indicator, b.benchmark, code, f);
    const hiddenValues = b.all.filter((f) => f.value !== null && at(f.code, f)).map((f) => f.value!);
    const total = (row: ObservationRow | null | undefined) =>
      row && row.value !== null
        ? { value: ctx.publicTotal(indicator, periodOf(row), row.geography_code, row.value) }
        : undefined;
    const hidden: HiddenInputs = {
      figure: ctx.withheld(indicator, row),
      previous: ctx.withheld(indicator, previousRow),
      lastYear: ctx.withheld(indicator, lastYearRow),
      neighbours: b.neighbours.some((n) => at(n.neighbour_code, b.byCode.get(n.neighbour_code))),
      cutPoints: cutPointsRevealHidden(assessment.quartile?.cutPoints ?? null, hiddenValues),
      england: total(b.england),
      region: total(b.region),
    };
    return hidden;
  };
  return { assessment, hidden };
}

/** A figure judged as this view may see it. */
export function assessedFor(
  ctx: ReadContext,
  indicator: Indicator,
  la: LaRow,
  row: ObservationRow,
  method: SnMethod,
  view: View,
): Assessment {
  const { assessment, hidden } = assessFigure(ctx, indicator, la, row, method);
  return view === 'public' ? publicAssessment(assessment, hidden()) : assessment;
}
