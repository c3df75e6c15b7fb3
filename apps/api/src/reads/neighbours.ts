import type { Neighbours } from '@indicate/contracts';
import {
  monthSpan,
  neighbourAggregate,
  periodRef,
  publicNeighbourComparison,
  symbolMeaning,
  unitScale,
  type SnMethod,
} from '@indicate/core';
import { gatherBenchmarkInputs } from './assess-figure.ts';
import type { ReadContext, View } from './context.ts';
import { indicatorParam, laParam, periodParam } from './parameters.ts';
import { neighbourReadings, periodOf } from './store-reads.ts';

/**
 * The ten neighbours' figures for a bar chart, with the LA, England and the aggregate: the same benchmark
 * inputs the scorecard judges the LA's figure with (gatherBenchmarkInputs).
 */
export function neighbours(
  ctx: ReadContext,
  indicatorId: string,
  laCode: string,
  periodIdParam: string | undefined,
  method: SnMethod,
  view: View,
): Neighbours {
  const indicator = indicatorParam(ctx, indicatorId);
  const la = laParam(ctx, laCode);
  const asked = periodParam(ctx, la, periodIdParam);
  const own = ctx.reads.latestFigure(indicator.id, la.old_la_code, monthSpan(asked).last, indicator.periodType);
  const period = own ? periodOf(own) : asked;
  const b = gatherBenchmarkInputs(ctx, indicator, la, period);
  const readings = neighbourReadings(b.neighbours, b.byCode);
  const aggregate = b.national ? neighbourAggregate(readings, method, unitScale(indicator.unit) ?? 1) : null;
  const atBenchmark = b.byCode.get(la.old_la_code);
  const comparison: Neighbours = {
    indicator: ctx.indicatorRef(indicator),
    la: ctx.laRef(la),
    period: periodRef(period),
    benchmarkPeriod: periodRef(b.benchmark),
    benchmarkRule: b.year.rule,
    modelYear: b.modelYear,
    method,
    self: own
      ? {
          value: own.value,
          symbol: own.value === null ? own.symbol : null,
          period: periodRef(period),
          smallNumber: view === 'public' ? ctx.withheld(indicator, own) : ctx.small(indicator, own),
        }
      : null,
    selfAtBenchmark: atBenchmark
      ? {
          value: atBenchmark.value,
          symbol: atBenchmark.value === null ? atBenchmark.symbol : null,
          smallNumber:
            view === 'public'
              ? ctx.withheldAt(indicator, b.benchmark, la.old_la_code, atBenchmark)
              : ctx.small(indicator, atBenchmark),
        }
      : null,
    england: b.england
      ? {
          value:
            view === 'public'
              ? ctx.publicTotal(indicator, periodOf(b.england), b.england.geography_code, b.england.value)
              : b.england.value,
          symbol: b.england.value === null ? b.england.symbol : null,
        }
      : null,
    aggregate: aggregate
      ? { value: aggregate.value, basis: 'computed', reason: aggregate.reason }
      : b.publishedNeighbours
        ? { value: b.publishedNeighbours.value, basis: 'published', reason: null }
        : {
            value: null,
            basis: 'computed',
            reason: `No all-LA figures for ${periodRef(b.benchmark).label} and no published neighbour average.`,
          },
    neighbours: b.neighbours.map((n, i) => {
      const f = b.byCode.get(n.neighbour_code);
      const reading = readings[i]!.reading;
      return {
        code: n.neighbour_code,
        name: n.name ?? n.neighbour_code,
        rank: n.rank,
        closeness: n.closeness,
        value: f?.value ?? null,
        symbol: f && f.value === null ? f.symbol : null,
        smallNumber:
          view === 'public' && f
            ? ctx.withheldAt(indicator, b.benchmark, n.neighbour_code, f)
            : ctx.small(indicator, f),
        reason:
          reading === null
            ? `No figure loaded for ${periodRef(b.benchmark).label}.`
            : reading.kind === 'symbol'
              ? symbolMeaning(reading.symbol)
              : null,
      };
    }),
  };
  return view === 'public' ? publicNeighbourComparison(comparison, ctx.threshold()) : comparison;
}
