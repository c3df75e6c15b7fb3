import { formatFigure } from './format.ts';
import { directionOfTravel, type Direction, type Polarity } from './direction.ts';
import { neighbourAggregate, type NeighbourReading, type SnMethod } from './neighbours.ts';
import type { BenchmarkYear } from './benchmark-year.ts';
import { longLabel, monthSpan, periodId, shortLabel, type Period, type PeriodKind } from './period.ts';
import { nationalQuartile, quartileWords, type Band, type CutPoints } from './quartile.ts';
import { proposeRag, ragLabel, targetStanding, type RagRule, type RagStatus, type Tolerance } from './rag.ts';
import { numericValue, symbolMeaning, type Reading } from './symbols.ts';
import { unitScale, type Unit } from './units.ts';

/**
 * One figure judged against everything the committee compares it with: England, the region, the
 * statistical neighbours, the national quartile, the target, the previous period and the same period
 * last year, and the RAG status that follows. Pure: the caller reads the store, this decides.
 */

/**
 * A year counts as an all-LA release when at least this many LAs have a figure for it (England has 153);
 * below it, a quartile or neighbour average would be computed from a handful of councils' own loads.
 */
export const MIN_LAS_FOR_NATIONAL = 100;

export type PeriodRef = { id: string; kind: PeriodKind; label: string; longLabel: string };

const refs = new Map<string, PeriodRef>();

/** A period as the API shows it; labels are built once per distinct period and shared (treat as read-only). */
export function periodRef(period: Period): PeriodRef {
  const id = periodId(period);
  const key = `${period.kind} ${id}`;
  let ref = refs.get(key);
  if (!ref) {
    ref = { id, kind: period.kind, label: shortLabel(period), longLabel: longLabel(period) };
    refs.set(key, ref);
  }
  return ref;
}

/** A benchmark figure as stored: from a DfE release, or as a committee paper published it. */
export type SourcedReading = {
  reading: Reading;
  period: Period;
  basis: 'dfe' | 'published';
  sourceRef: string;
};

/**
 * Which benchmark inputs a figure is judged with, one rule for the scorecard, the series and the
 * neighbours chart: the all-LA year counts as national only with at least MIN_LAS_FOR_NATIONAL LAs, and
 * only then are quartiles and the neighbour average computed; England is the benchmark year's figure, else
 * one published for the figure's own period; a published neighbour average is the one printed beside the
 * figure, else one for the benchmark year.
 */
export function chooseBenchmarkInputs<T>(candidates: {
  allLaCount: number;
  modelYear: number | null;
  england: { atBenchmark: T | undefined; atPeriod: T | undefined };
  publishedNeighbours: { atPeriod: T | undefined; atBenchmark: T | undefined };
}): { national: boolean; neighbourModelYear: number | null; england: T | null; publishedNeighbours: T | null } {
  const national = candidates.allLaCount >= MIN_LAS_FOR_NATIONAL;
  return {
    national,
    neighbourModelYear: national ? candidates.modelYear : null,
    england: candidates.england.atBenchmark ?? candidates.england.atPeriod ?? null,
    publishedNeighbours: candidates.publishedNeighbours.atPeriod ?? candidates.publishedNeighbours.atBenchmark ?? null,
  };
}

/**
 * The figure a direction of travel compares with. `otherKind`: the latest earlier figure of another kind of
 * period (a DfE year before a council's first quarter), so "New" is said only when there is truly none.
 */
export type Earlier = {
  period: Period;
  reading: Reading | null;
  exists: boolean;
  anyEarlier: boolean;
  otherKind?: { period: Period; reading: Reading | null } | null;
};

export type AssessmentInput = {
  /** `quartile: false`: the publisher shows no quartiles or ranks for this measure (LAIT's `No_Quartile`). */
  indicator: {
    polarity: Polarity;
    similarThreshold: number;
    rag: RagRule;
    unit: Unit;
    quartile?: boolean;
    /** Places shown, to quote an earlier figure in words. */
    decimals?: number;
  };
  figure: { period: Period; reading: Reading | null; publishedQuartile: number | null };
  /** The benchmark year (benchmarkYearFor). */
  benchmark: BenchmarkYear;
  england: SourcedReading | null;
  region: (SourcedReading & { code: string; name: string }) | null;
  /** Every LA's reading for the benchmark period; null when it is not an all-LA year. */
  allLas: { values: (Reading | null)[]; others: (Reading | null)[] } | null;
  /** The LA's neighbours' readings for the benchmark period, nearest first; null when not an all-LA year. */
  neighbours: { modelYear: number; readings: NeighbourReading[] } | null;
  /** A statistical-neighbour average as a paper published it beside the figure. */
  publishedNeighbours: SourcedReading | null;
  /** `setFor`: the period the target was set for, when it was set for another period and applies to this one. */
  target: { value: number; tolerance: Tolerance | null; sourceRef: string; setFor?: Period | null } | null;
  /** The data point before, and whether the LA has any earlier figure of this kind at all. */
  previous: Earlier;
  lastYear: Earlier;
  method: SnMethod;
  override: { status: RagStatus; reason: string; by: string; at: string } | null;
};

export type ComparatorOut = {
  value: number | null;
  symbol: string | null;
  symbolMeaning: string | null;
  period: PeriodRef;
  basis: 'dfe' | 'published';
  sourceRef: string;
};

export type DirectionOut = {
  direction: Direction | null;
  change: number | null;
  against: PeriodRef;
  reason: string;
};

export type Assessment = {
  benchmarkPeriod: PeriodRef;
  /** The benchmark year in words, with its age: "2024/25, DfE's latest; 2025/26 is due from DfE in November 2026". */
  benchmarkLabel: string;
  benchmarkRule: string;
  england: ComparatorOut | null;
  region: (ComparatorOut & { code: string; name: string }) | null;
  statNeighbours: {
    value: number | null;
    method: SnMethod | 'published';
    basis: 'computed' | 'published';
    period: PeriodRef;
    modelYear: number | null;
    used: string[];
    missing: Array<{ laCode: string; reason: string }>;
    sourceRef: string | null;
  } | null;
  quartile: {
    band: Band;
    words: string;
    basis: 'computed' | 'published';
    period: PeriodRef;
    positionInBand: 'high' | 'low' | null;
    cutPoints: CutPoints | null;
    rank: number | null;
    outOf: number | null;
    nextBand: { band: Band; cutPoint: number; distance: number } | null;
  } | null;
  target: {
    value: number;
    tolerance: Tolerance | null;
    sourceRef: string;
    /** The target, its tolerance and how the figure stands against it, in words (head, then standing). */
    words: string;
    /** The target and its tolerance. */
    head: string;
    /** How the figure stands against it ("missed by 2 percentage points"); null where it cannot be said. */
    standing: string | null;
    /** Set for another period (an earlier quarter, or the year) and applying to this one until replaced: its label. */
    setFor: string | null;
  } | null;
  vsPrevious: DirectionOut;
  vsLastYear: DirectionOut;
  rag: {
    proposed: {
      status: RagStatus | 'none';
      label: string;
      reason: string;
      /** The reason with the trend left out (rag.ts); null where it names none. */
      reasonWithoutTrend: string | null;
      rule: RagRule['rule'];
      ruleText: string;
    };
    override: { status: RagStatus; label: string; reason: string; by: string; at: string } | null;
    status: RagStatus | 'none';
    label: string;
  };
  /** Why each absent benchmark is absent, in words. */
  missing: Partial<Record<'england' | 'region' | 'statNeighbours' | 'quartile' | 'target', string>>;
};

/** A target's words, and the two parts they are made of (rag.ts targetStanding). */
function targetParts(input: Parameters<typeof targetStanding>[0]) {
  const { head, standing } = targetStanding(input);
  return { words: standing ? `${head}: ${standing}` : head, head, standing };
}

function comparator(s: SourcedReading): ComparatorOut {
  return {
    value: numericValue(s.reading),
    symbol: s.reading.kind === 'symbol' ? s.reading.symbol : null,
    symbolMeaning: s.reading.kind === 'symbol' ? symbolMeaning(s.reading.symbol) : null,
    period: periodRef(s.period),
    basis: s.basis,
    sourceRef: s.sourceRef,
  };
}

const KIND_WORDS: Record<Period['kind'], string> = {
  'financial-quarter': 'quarter',
  'financial-year': 'year',
  'calendar-year': 'year',
  'academic-year': 'academic year',
  month: 'month',
  'three-financial-years': 'three-year period',
  'three-calendar-years': 'three-year period',
};

function direction(
  input: AssessmentInput,
  earlier: AssessmentInput['previous'],
  indicator: AssessmentInput['indicator'],
): DirectionOut {
  const against = periodRef(earlier.period);
  if (!earlier.exists && earlier.anyEarlier && input.figure.reading !== null) {
    return { direction: null, change: null, against, reason: `No direction: there is no figure for ${against.label}.` };
  }
  const result = directionOfTravel({
    current: input.figure.reading,
    previous: earlier.exists ? earlier.reading : null,
    polarity: indicator.polarity,
    similarThreshold: indicator.similarThreshold,
  });
  const other = earlier.otherKind;
  const otherValue = other ? numericValue(other.reading) : null;
  if (result.direction === 'new' && other && otherValue !== null) {
    // Not new: only the first of its kind. Say what came before it, not compared (a year is not a quarter).
    return {
      direction: null,
      change: null,
      against,
      reason: `No earlier ${KIND_WORDS[input.figure.period.kind]}; ${shortLabel(other.period)} was ${formatFigure(otherValue, indicator.unit, indicator.decimals ?? 1)}.`,
    };
  }
  return { direction: result.direction, change: result.change, against, reason: result.reason };
}

export function assess(input: AssessmentInput): Assessment {
  const { indicator, figure } = input;
  const benchmarkPeriod = input.benchmark.period;
  const missing: Assessment['missing'] = {};
  const benchmarkLabel = shortLabel(benchmarkPeriod);

  const england = input.england ? comparator(input.england) : null;
  if (!england) missing.england = `No England figure is loaded for ${benchmarkLabel} or ${shortLabel(figure.period)}.`;
  const region = input.region
    ? { ...comparator(input.region), code: input.region.code, name: input.region.name }
    : null;
  if (!region) missing.region = `No regional figure is loaded for ${benchmarkLabel}.`;

  let statNeighbours: Assessment['statNeighbours'] = null;
  if (input.neighbours) {
    const aggregate = neighbourAggregate(input.neighbours.readings, input.method, unitScale(indicator.unit) ?? 1);
    statNeighbours = {
      value: aggregate.value,
      method: input.method,
      basis: 'computed',
      period: periodRef(benchmarkPeriod),
      modelYear: input.neighbours.modelYear,
      used: aggregate.used,
      missing: aggregate.missing,
      sourceRef: null,
    };
    if (aggregate.value === null) missing.statNeighbours = aggregate.reason ?? 'No neighbour has a usable figure.';
  } else if (input.publishedNeighbours) {
    const published = comparator(input.publishedNeighbours);
    statNeighbours = {
      value: published.value,
      method: 'published',
      basis: 'published',
      period: published.period,
      modelYear: null,
      used: [],
      missing: [],
      sourceRef: published.sourceRef,
    };
  } else {
    missing.statNeighbours = `No all-LA figures for ${benchmarkLabel} and no published neighbour average.`;
  }

  let quartile: Assessment['quartile'] = null;
  let publishedBand: Band | null = null;
  const noQuartiles = indicator.quartile === false;
  const computed =
    input.allLas && !noQuartiles
      ? nationalQuartile({
          value: figure.reading,
          allValues: input.allLas.values,
          others: input.allLas.others,
          polarity: indicator.polarity,
        })
      : null;
  if (computed?.ok) {
    const q = computed.quartile;
    quartile = {
      band: q.band,
      words: quartileWords(q.band),
      basis: 'computed',
      period: periodRef(benchmarkPeriod),
      positionInBand: q.positionInBand,
      cutPoints: q.cutPoints,
      rank: q.rank,
      outOf: q.outOf,
      nextBand: q.nextBand,
    };
  } else if (!noQuartiles && indicator.polarity !== 'none' && figure.publishedQuartile !== null && !computed) {
    publishedBand = figure.publishedQuartile as Band;
    quartile = {
      band: publishedBand,
      words: quartileWords(publishedBand),
      basis: 'published',
      period: periodRef(figure.period),
      positionInBand: null,
      cutPoints: null,
      rank: null,
      outOf: null,
      nextBand: null,
    };
  } else {
    missing.quartile = noQuartiles
      ? 'DfE shows no quartiles or ranks for this measure.'
      : computed && !computed.ok
        ? computed.reason
        : noQuartileReason(indicator.polarity, benchmarkLabel);
  }

  const target = input.target;
  if (!target) missing.target = `No target is set for ${shortLabel(figure.period)}.`;

  const vsPrevious = direction(input, input.previous, indicator);
  const vsLastYear = direction(input, input.lastYear, indicator);

  const rule: RagRule =
    indicator.rag.rule === 'target' && target?.tolerance
      ? { rule: 'target', tolerance: target.tolerance }
      : indicator.rag;
  const proposed = proposeRag({
    rule,
    polarity: indicator.polarity,
    value: figure.reading,
    quartile: computed,
    publishedBand,
    direction: vsPrevious.direction,
    target: target?.value ?? null,
  });
  const override = input.override ? { ...input.override, label: ragLabel(input.override.status) } : null;
  const status = override?.status ?? proposed.status;

  return {
    benchmarkPeriod: periodRef(benchmarkPeriod),
    benchmarkLabel: input.benchmark.label,
    benchmarkRule: input.benchmark.rule,
    england,
    region,
    statNeighbours,
    quartile,
    target: target
      ? {
          value: target.value,
          tolerance: target.tolerance,
          sourceRef: target.sourceRef,
          ...targetParts({
            value: numericValue(figure.reading),
            target: target.value,
            tolerance: target.tolerance,
            polarity: indicator.polarity,
            unit: indicator.unit,
            decimals: indicator.decimals ?? 1,
          }),
          setFor: target.setFor ? shortLabel(target.setFor) : null,
        }
      : null,
    vsPrevious,
    vsLastYear,
    rag: {
      proposed: {
        status: proposed.status,
        label: ragLabel(proposed.status),
        reason: proposed.reason,
        reasonWithoutTrend: proposed.reasonWithoutTrend ?? null,
        rule: proposed.rule,
        ruleText: proposed.ruleText,
      },
      override,
      status,
      label: ragLabel(status),
    },
    missing,
  };
}

function noQuartileReason(polarity: Polarity, benchmarkLabel: string): string {
  if (polarity === 'none') return 'No quartile: this indicator has no polarity.';
  return `No quartile: no all-LA figures for ${benchmarkLabel} and no published quartile.`;
}

/** Which DfE statistical-neighbour model applies to a benchmark year: the latest published by its end. */
export function neighbourModelFor(benchmark: Period, modelYears: readonly number[]): number | null {
  if (modelYears.length === 0) return null;
  const endYear = Math.floor(monthSpan(benchmark).last / 12);
  const sorted = [...modelYears].sort((a, b) => a - b);
  const usable = sorted.filter((year) => year <= endYear);
  return usable.length > 0 ? usable[usable.length - 1]! : sorted[0]!;
}
