import type {
  AssessmentOut,
  Catalogue,
  FigureOut,
  Indicator,
  IndicatorDetail,
  IndicatorList,
  IndicatorRef,
  LaRef,
  LocalAuthorities,
  Neighbours,
  Periods,
  Scorecard,
  ScorecardRow,
  Series,
  Summary,
} from '@indicate/contracts';
import {
  assess,
  countOverview,
  isException,
  overviewParagraphs,
  type OverviewRow,
  benchmarkPeriodFor,
  cutPointsRevealHidden,
  publicAssessment,
  publicNeighbourComparison,
  publicFigure,
  type Assessment,
  type HiddenInputs,
  benchmarkRuleText,
  MIN_LAS_FOR_NATIONAL,
  monthSpan,
  neighbourAggregate,
  neighbourModelFor,
  parsePeriodId,
  periodId,
  periodRef,
  polarityText,
  previousPeriod,
  ragRuleText,
  isSmallNumber,
  samePeriodLastYear,
  symbolMeaning,
  unitScale,
  type Period,
  type SnMethod,
  type SourcedReading,
} from '@indicate/core';
import { readSettings } from '../auth/settings.ts';
import { DomainError } from '../domain-error.ts';
import { neighbourReadings, periodOf, readingOf, StoreReads, type LaRow, type ObservationRow } from './store-reads.ts';

const SPARKLINE_POINTS = 8;

/** `full`: a signed-in reader; `public`: an anonymous visitor under public read (see core/disclosure.ts). */
export type View = 'full' | 'public';

/**
 * The read side: turns stored figures into what the committee reads. Every judgement (quartile,
 * neighbour average, direction, RAG) is made by @indicate/core's `assess`; this only gathers its inputs.
 */
export class ReadService {
  readonly reads: StoreReads;
  private readonly indicators: Map<string, Indicator>;
  private readonly themes: Map<string, Catalogue['themes'][number]>;
  private readonly modelYears: number[];

  constructor(
    private readonly db: ConstructorParameters<typeof StoreReads>[0],
    private readonly catalogue: Catalogue,
  ) {
    this.reads = new StoreReads(db);
    this.indicators = new Map(catalogue.indicators.map((i) => [i.id, i]));
    this.themes = new Map(catalogue.themes.map((t) => [t.id, t]));
    this.modelYears = this.reads.neighbourModels();
  }

  // --- parameters -------------------------------------------------------------------------------------

  indicator(id: string): Indicator {
    const indicator = this.indicators.get(id);
    if (!indicator) {
      throw new DomainError(
        'not_found',
        'unknown_indicator',
        `There is no indicator "${id}"; GET /api/indicators lists them.`,
      );
    }
    return indicator;
  }

  la(code: string): LaRow {
    const la = this.reads.la(code);
    if (!la) {
      throw new DomainError(
        'not_found',
        'unknown_local_authority',
        `There is no local authority with code ${code}; GET /api/local-authorities lists them.`,
      );
    }
    return la;
  }

  theme(id: string | undefined): string | null {
    if (id === undefined) return null;
    if (!this.themes.has(id)) {
      throw new DomainError(
        'invalid',
        'invalid_request',
        `Invalid query parameter theme: "${id}" is not a theme; use one of: ${[...this.themes.keys()].join(', ')}.`,
      );
    }
    return id;
  }

  /** The period asked for, or the LA's latest quarter (else latest period) when none is given. */
  period(la: LaRow, id: string | undefined): Period {
    if (id === undefined) {
      const latest = this.latestPeriod(la.old_la_code);
      if (!latest)
        throw new DomainError('not_found', 'no_figures', `${la.name} (${la.old_la_code}) has no figures loaded yet.`);
      return latest;
    }
    const kind = this.reads.periodKindFor(la.old_la_code, id);
    const parsed = parsePeriodId(id, kind);
    if (!parsed.ok)
      throw new DomainError('invalid', 'invalid_request', `Invalid query parameter period: ${parsed.message}.`);
    if (!kind) {
      throw new DomainError(
        'not_found',
        'no_figures',
        `${la.name} (${la.old_la_code}) has no figures for ${periodRef(parsed.period).longLabel}; GET /api/periods?la=${la.old_la_code} lists the periods it has.`,
      );
    }
    return parsed.period;
  }

  private latestPeriod(laCode: string): Period | null {
    const periods = this.reads.periods(laCode);
    const quarter = periods.find((p) => p.period_kind === 'financial-quarter');
    const latest = quarter ?? periods[0];
    return latest ? periodOf(latest) : null;
  }

  // --- building blocks --------------------------------------------------------------------------------

  private laRef(la: LaRow): LaRef {
    return { code: la.old_la_code, newCode: la.new_la_code, name: la.name };
  }

  indicatorRef(indicator: Indicator): IndicatorRef {
    return {
      id: indicator.id,
      label: indicator.label,
      shortLabel: indicator.shortLabel,
      theme: indicator.theme,
      themeLabel: this.themes.get(indicator.theme)?.label ?? indicator.theme,
      unit: indicator.unit,
      decimals: indicator.decimals,
      polarity: indicator.polarity,
    };
  }

  /** The suppression threshold now (an admin setting). */
  threshold(): number {
    return readSettings(this.db).suppressionThreshold;
  }

  private small(
    indicator: Indicator,
    f: { value: number | null; numerator: number | null; denominator: number | null } | undefined | null,
  ): boolean {
    return f ? isSmallNumber(f, indicator.unit, this.threshold()) : false;
  }

  private figureOut(row: ObservationRow, indicator: Indicator, view: View): FigureOut {
    const figure = this.storedFigure(row, indicator);
    return view === 'public' ? publicFigure(figure, figure.smallNumber, this.threshold()) : figure;
  }

  private storedFigure(row: ObservationRow, indicator: Indicator): FigureOut {
    const symbol = row.value === null ? row.symbol : null;
    const reading = readingOf(row);
    return {
      period: periodRef(periodOf(row)),
      value: row.value,
      symbol,
      symbolMeaning: reading?.kind === 'symbol' ? symbolMeaning(reading.symbol) : null,
      numerator: row.numerator,
      denominator: row.denominator,
      status: row.status,
      sourceRef: row.source_ref,
      note: row.note,
      loadId: row.load_id,
      smallNumber: this.small(indicator, row),
      suppressed: false,
    };
  }

  private sourced(row: ObservationRow | undefined): SourcedReading | null {
    const reading = readingOf(row);
    if (!row || !reading) return null;
    return {
      reading,
      period: periodOf(row),
      basis: row.format === 'dfe-csv' ? 'dfe' : 'published',
      sourceRef: row.source_ref,
    };
  }

  /**
   * Judges one of the LA's figures against everything it is compared with, and in the public view
   * withholds what would reveal a small number (core/disclosure.ts decides what).
   */
  private assessRow(indicator: Indicator, la: LaRow, row: ObservationRow, method: SnMethod, view: View): AssessmentOut {
    const { assessment, hidden } = this.assessWithInputs(indicator, la, row, method);
    return view === 'public' ? publicAssessment(assessment, hidden) : assessment;
  }

  private assessWithInputs(
    indicator: Indicator,
    la: LaRow,
    row: ObservationRow,
    method: SnMethod,
  ): { assessment: Assessment; hidden: HiddenInputs } {
    const period = periodOf(row);
    const benchmark = benchmarkPeriodFor(period);
    const benchmarkId = periodId(benchmark);
    const code = la.old_la_code;
    const id = indicator.id;

    const england =
      this.reads.figure(id, 'national', 'E92000001', benchmarkId) ??
      this.reads.figure(id, 'national', 'E92000001', row.period_id);
    const region = this.reads.figure(id, 'regional', la.region_code, benchmarkId);

    const all = this.reads.allLaFigures(id, benchmark);
    const isNational = all.length >= MIN_LAS_FOR_NATIONAL;
    const byCode = new Map(all.map((f) => [f.code, f]));
    const modelYear = neighbourModelFor(benchmark, this.modelYears);
    const neighbours = isNational && modelYear !== null ? this.reads.neighbours(code, modelYear) : [];

    const target = this.reads.target(id, code, row.period_id);
    const override = this.reads.override(id, code, row.period_id);
    const previous = previousPeriod(period);
    const lastYear = samePeriodLastYear(period);
    const earlierRows = {
      previous: this.reads.figure(id, 'local-authority', code, periodId(previous)),
      lastYear: this.reads.figure(id, 'local-authority', code, periodId(lastYear)),
    };
    const earlier = (p: Period, found: ObservationRow | undefined) => ({
      period: p,
      reading: readingOf(found),
      exists: found !== undefined,
      anyEarlier: this.reads.hasEarlier(id, code, period.kind, monthSpan(period).last),
    });

    const regionSourced = this.sourced(region);
    const assessment = assess({
      indicator: {
        polarity: indicator.polarity,
        similarThreshold: indicator.similarThreshold,
        rag: indicator.rag,
        unit: indicator.unit,
      },
      figure: { period, reading: readingOf(row), publishedQuartile: row.published_quartile },
      benchmarkPeriod: benchmark,
      england: this.sourced(england),
      region: regionSourced ? { ...regionSourced, code: la.region_code, name: la.region_name } : null,
      allLas: isNational
        ? { values: all.map(readingOf), others: all.filter((f) => f.code !== code).map(readingOf) }
        : null,
      neighbours:
        isNational && modelYear !== null ? { modelYear, readings: neighbourReadings(neighbours, byCode) } : null,
      publishedNeighbours: this.sourced(
        this.reads.figure(id, 'stat-neighbours', code, row.period_id) ??
          this.reads.figure(id, 'stat-neighbours', code, benchmarkId),
      ),
      target: target
        ? {
            value: target.value,
            tolerance:
              target.tolerance_kind && target.tolerance_amount !== null
                ? { kind: target.tolerance_kind, amount: target.tolerance_amount }
                : null,
            sourceRef: target.source_ref,
          }
        : null,
      previous: earlier(previous, earlierRows.previous),
      lastYear: earlier(lastYear, earlierRows.lastYear),
      method,
      override: override
        ? { status: override.status, reason: override.reason, by: override.overridden_by, at: override.overridden_at }
        : null,
    });
    const hiddenValues = all.filter((f) => f.value !== null && this.small(indicator, f)).map((f) => f.value!);
    const hidden: HiddenInputs = {
      figure: this.small(indicator, row),
      previous: this.small(indicator, earlierRows.previous),
      lastYear: this.small(indicator, earlierRows.lastYear),
      neighbours: neighbours.some((n) => this.small(indicator, byCode.get(n.neighbour_code))),
      cutPoints: cutPointsRevealHidden(assessment.quartile?.cutPoints ?? null, hiddenValues),
    };
    return { assessment, hidden };
  }

  /**
   * Whether the public may not see the LA's figure for this indicator and period: a small number, or no
   * such indicator (then there is nothing to show either).
   */
  isWithheld(indicatorId: string, laCode: string, periodIdValue: string): boolean {
    const indicator = this.indicators.get(indicatorId);
    if (!indicator) return true;
    return this.small(indicator, this.reads.figure(indicator.id, 'local-authority', laCode, periodIdValue));
  }

  /** The LA's figure for exactly this period, judged; a 404 naming what is missing otherwise. */
  figureAt(indicatorId: string, laCode: string, periodIdParam: string) {
    const indicator = this.indicator(indicatorId);
    const la = this.la(laCode);
    const period = this.period(la, periodIdParam);
    const row = this.reads.figure(indicator.id, 'local-authority', la.old_la_code, periodId(period));
    if (!row) {
      throw new DomainError(
        'not_found',
        'no_figure',
        `${la.name} has no figure for ${indicator.shortLabel} in ${periodRef(period).label}.`,
      );
    }
    return { indicator, la, period, assessment: this.assessRow(indicator, la, row, 'mean', 'full') };
  }

  // --- endpoints ---------------------------------------------------------------------------------------

  indicatorDetail(indicator: Indicator): IndicatorDetail {
    const theme = this.themes.get(indicator.theme);
    return {
      ...this.indicatorRef(indicator),
      definition: indicator.definition,
      whyItMatters: indicator.whyItMatters ?? null,
      outcome: theme?.outcome ?? '',
      periodType: indicator.periodType,
      similarThreshold: indicator.similarThreshold,
      source: indicator.source,
      rag: indicator.rag,
      ragRuleText: ragRuleText(indicator.rag, indicator.polarity),
      polarityText: polarityText(indicator.polarity),
      nationalBenchmark: indicator.nationalBenchmark,
      dfe: indicator.dfe
        ? {
            file: indicator.dfe.file,
            filters: indicator.dfe.filters,
            value: indicator.dfe.value,
            note: indicator.dfe.note ?? null,
          }
        : null,
    };
  }

  indicatorList(themeId: string | undefined): IndicatorList {
    const theme = this.theme(themeId);
    return {
      themes: this.catalogue.themes.map((t) => ({ id: t.id, label: t.label, outcome: t.outcome })),
      indicators: this.catalogue.indicators
        .filter((i) => theme === null || i.theme === theme)
        .map((i) => this.indicatorDetail(i)),
    };
  }

  series(indicatorId: string, laCode: string, method: SnMethod, view: View = 'full'): Series {
    const indicator = this.indicator(indicatorId);
    const la = this.la(laCode);
    return {
      indicator: this.indicatorRef(indicator),
      la: this.laRef(la),
      method,
      points: this.reads.series(indicator.id, la.old_la_code).map((row) => ({
        figure: this.figureOut(row, indicator, view),
        assessment: this.assessRow(indicator, la, row, method, view),
      })),
    };
  }

  scorecard(
    laCode: string,
    periodIdParam: string | undefined,
    options: { theme?: string; exceptionsOnly: boolean; newOnly: boolean; method: SnMethod; view?: View },
  ): Scorecard {
    const view = options.view ?? 'full';
    const la = this.la(laCode);
    const theme = this.theme(options.theme);
    const period = this.period(la, periodIdParam);
    const span = monthSpan(period);
    const rows: ScorecardRow[] = [];
    const notReported: Scorecard['notReported'] = [];
    for (const indicator of this.catalogue.indicators) {
      if (theme !== null && indicator.theme !== theme) continue;
      const row = this.reads.latestFigure(indicator.id, la.old_la_code, span.last, indicator.periodType);
      if (!row) {
        notReported.push({
          indicator: this.indicatorRef(indicator),
          reason: `No figure for ${la.name} is loaded for ${periodRef(period).label} or before.`,
        });
        continue;
      }
      const isNew = row.period_end >= span.first;
      if (options.newOnly && !isNew) continue;
      // In the public view the filter sees only the public status, so the rows it keeps reveal nothing.
      const assessment = this.assessRow(indicator, la, row, options.method, view);
      if (options.exceptionsOnly && !isException(assessment.rag.status)) continue;
      const sparkline = this.reads
        .recentValues(indicator.id, la.old_la_code, row.period_kind, row.period_end, SPARKLINE_POINTS)
        .reverse()
        .map((r) => ({
          id: r.period_id,
          label: periodRef(periodOf(r)).label,
          value: view === 'public' && this.small(indicator, r) ? null : r.value,
          smallNumber: this.small(indicator, r),
        }));
      rows.push({
        indicator: this.indicatorRef(indicator),
        figure: this.figureOut(row, indicator, view),
        isNew,
        assessment,
        sparkline,
      });
    }
    return {
      la: this.laRef(la),
      period: periodRef(period),
      method: options.method,
      filters: { theme, exceptionsOnly: options.exceptionsOnly, newOnly: options.newOnly },
      rows,
      notReported,
    };
  }

  /** The overview counts, made from the rows the caller may see (so the public counts reveal nothing). */
  summary(laCode: string, periodIdParam: string | undefined, method: SnMethod, view: View = 'full'): Summary {
    const card = this.scorecard(laCode, periodIdParam, { exceptionsOnly: false, newOnly: false, method, view });
    const counts = countOverview(card.rows.map(overviewRow));
    const paragraphs = overviewParagraphs(counts, card.period.label);
    return { la: card.la, period: card.period, ...counts, paragraphs, sentence: paragraphs.join(' ') };
  }

  neighbours(
    indicatorId: string,
    laCode: string,
    periodIdParam: string | undefined,
    method: SnMethod,
    view: View = 'full',
  ): Neighbours {
    const indicator = this.indicator(indicatorId);
    const la = this.la(laCode);
    const asked = this.period(la, periodIdParam);
    const own = this.reads.latestFigure(indicator.id, la.old_la_code, monthSpan(asked).last, indicator.periodType);
    const period = own ? periodOf(own) : asked;
    const benchmark = benchmarkPeriodFor(period);
    const all = this.reads.allLaFigures(indicator.id, benchmark);
    const byCode = new Map(all.map((f) => [f.code, f]));
    const modelYear = neighbourModelFor(benchmark, this.modelYears);
    const neighbours = modelYear !== null ? this.reads.neighbours(la.old_la_code, modelYear) : [];
    const isNational = all.length >= MIN_LAS_FOR_NATIONAL;
    const readings = neighbourReadings(neighbours, byCode);
    const aggregate = isNational ? neighbourAggregate(readings, method, unitScale(indicator.unit) ?? 1) : null;
    const published = own
      ? this.reads.figure(indicator.id, 'stat-neighbours', la.old_la_code, own.period_id)
      : undefined;
    const england = this.reads.figure(indicator.id, 'national', 'E92000001', periodId(benchmark));
    const atBenchmark = byCode.get(la.old_la_code);
    const comparison: Neighbours = {
      indicator: this.indicatorRef(indicator),
      la: this.laRef(la),
      period: periodRef(period),
      benchmarkPeriod: periodRef(benchmark),
      benchmarkRule: benchmarkRuleText(period, benchmark),
      modelYear,
      method,
      self: own
        ? {
            value: own.value,
            symbol: own.value === null ? own.symbol : null,
            period: periodRef(period),
            smallNumber: this.small(indicator, own),
          }
        : null,
      selfAtBenchmark: atBenchmark
        ? {
            value: atBenchmark.value,
            symbol: atBenchmark.value === null ? atBenchmark.symbol : null,
            smallNumber: this.small(indicator, atBenchmark),
          }
        : null,
      england: england ? { value: england.value, symbol: england.value === null ? england.symbol : null } : null,
      aggregate: aggregate
        ? { value: aggregate.value, basis: 'computed', reason: aggregate.reason }
        : published
          ? { value: published.value, basis: 'published', reason: null }
          : {
              value: null,
              basis: 'computed',
              reason: `No all-LA figures for ${periodRef(benchmark).label} and no published neighbour average.`,
            },
      neighbours: neighbours.map((n, i) => {
        const f = byCode.get(n.neighbour_code);
        const reading = readings[i]!.reading;
        return {
          code: n.neighbour_code,
          name: n.name ?? n.neighbour_code,
          rank: n.rank,
          closeness: n.closeness,
          value: f?.value ?? null,
          symbol: f && f.value === null ? f.symbol : null,
          smallNumber: this.small(indicator, f),
          reason:
            reading === null
              ? `No figure loaded for ${periodRef(benchmark).label}.`
              : reading.kind === 'symbol'
                ? symbolMeaning(reading.symbol)
                : null,
        };
      }),
    };
    return view === 'public' ? publicNeighbourComparison(comparison, this.threshold()) : comparison;
  }

  periods(laCode: string): Periods {
    const la = this.la(laCode);
    const latest = this.latestPeriod(la.old_la_code);
    return {
      la: this.laRef(la),
      latest: latest ? periodRef(latest) : null,
      periods: this.reads.periods(la.old_la_code).map((p) => ({ ...periodRef(periodOf(p)), indicators: p.indicators })),
    };
  }

  localAuthorities(): LocalAuthorities {
    const byLa = new Map<string, Map<number, Array<{ code: string; name: string; rank: number; closeness: string }>>>();
    for (const n of this.reads.allNeighbours()) {
      const models = byLa.get(n.la_code) ?? new Map();
      byLa.set(n.la_code, models);
      const list = models.get(n.model_year) ?? [];
      models.set(n.model_year, list);
      list.push({ code: n.neighbour_code, name: n.name ?? n.neighbour_code, rank: n.rank, closeness: n.closeness });
    }
    return {
      localAuthorities: this.reads.allLas().map((la) => ({
        ...this.laRef(la),
        regionCode: la.region_code,
        regionName: la.region_name,
        neighbourModels: [...(byLa.get(la.old_la_code) ?? new Map()).entries()].map(([modelYear, neighbours]) => ({
          modelYear,
          neighbours,
        })),
      })),
    };
  }
}

/** What the overview counts of one scorecard row. */
export function overviewRow(r: ScorecardRow): OverviewRow {
  return {
    isNew: r.isNew,
    withheld: r.figure.suppressed,
    direction: r.assessment.vsPrevious.direction,
    quartileBand: r.assessment.quartile?.band ?? null,
    rag: r.assessment.rag.status,
    overridden: r.assessment.rag.override !== null,
  };
}
