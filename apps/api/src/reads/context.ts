import type { Catalogue, FigureOut, Indicator, IndicatorRef, LaRef } from '@indicate/contracts';
import {
  disclosurePlan,
  isWithheldAtSource,
  relatedMeasures,
  type DisclosurePlan,
  type MeasureRelation,
  type PlanFigure,
  benchmarkYearFor,
  effectiveRagRule,
  isSmallNumber,
  MIN_LAS_FOR_NATIONAL,
  periodId,
  periodRef,
  publicFigure,
  symbolMeaning,
  type BenchmarkYear,
  type Period,
  type RagRule,
  type RagRuleChoice,
  type SourcedReading,
} from '@indicate/core';
import { readSettings } from '../auth/settings.ts';
import { readRagRuleChoices } from '../dashboard/rag-rules.ts';
import { readScorecardSet } from '../dashboard/scorecard-set.ts';
import type { Db } from '../db/client.ts';
import { periodOf, readingOf, StoreReads, type LaRow, type ObservationRow } from './store-reads.ts';

/** `full`: a signed-in reader; `public`: an anonymous visitor under public read (see core/disclosure.ts). */
export type View = 'full' | 'public';

type Counts = { value: number | null; numerator: number | null; denominator: number | null };

/**
 * What every read question shares: the store, the catalogue by id, the neighbour model years, the
 * suppression threshold, and the small conversions from stored rows to the contract's shapes.
 */
export class ReadContext {
  readonly reads: StoreReads;
  readonly indicators: Map<string, Indicator>;
  readonly themes: Map<string, Catalogue['themes'][number]>;
  readonly modelYears: number[];
  private thresholdAt = { version: '', value: 5 };
  private setAt: { version: string; indicators: Indicator[] } = { version: '', indicators: [] };
  private rulesAt: { version: string; choices: Record<string, RagRuleChoice> } = { version: '', choices: {} };
  private allLaAt: { version: string; periods: Map<string, Period[]> } = { version: '', periods: new Map() };
  private plansAt: { version: string; plans: Map<string, DisclosurePlan> } = { version: '', plans: new Map() };
  private readonly related = new Map<string, { measures: string[]; relations: MeasureRelation[] }>();
  private councilRegions: Map<string, string> | null = null;

  /** `today`: the date "is due" and "was due" are judged on (a test may fix it). */
  constructor(
    readonly db: Db,
    readonly catalogue: Catalogue,
    readonly today: () => Date = () => new Date(),
  ) {
    this.reads = new StoreReads(db);
    this.indicators = new Map(catalogue.indicators.map((i) => [i.id, i]));
    this.themes = new Map(catalogue.themes.map((t) => [t.id, t]));
    this.modelYears = this.reads.neighbourModels();
  }

  /** The suppression threshold now (an admin setting, read once per data version: a change is audited). */
  threshold(): number {
    const version = this.reads.dataVersion();
    if (this.thresholdAt.version !== version) {
      this.thresholdAt = { version, value: readSettings(this.db).suppressionThreshold };
    }
    return this.thresholdAt.value;
  }

  /** The scorecard set now (a change is audited, so it is read once per data version). */
  scorecardSet(): Indicator[] {
    const version = this.reads.dataVersion();
    if (this.setAt.version !== version) {
      this.setAt = { version, indicators: readScorecardSet(this.db, this.catalogue).indicators };
    }
    return this.setAt.indicators;
  }

  /** The analysts' RAG rule choices now (a change is audited, so read once per data version). */
  ragRuleChoices(): Record<string, RagRuleChoice> {
    const version = this.reads.dataVersion();
    if (this.rulesAt.version !== version) this.rulesAt = { version, choices: readRagRuleChoices(this.db) };
    return this.rulesAt.choices;
  }

  /** The rule an indicator is judged by: an analyst's choice, else the catalogue's (core's effectiveRagRule). */
  ragRule(indicator: Indicator): RagRule {
    return effectiveRagRule(indicator, this.ragRuleChoices()[indicator.id]);
  }

  /** The indicator's periods with all-LA figures loaded (read once per data version). */
  allLaPeriods(indicator: Indicator): Period[] {
    const version = this.reads.dataVersion();
    if (this.allLaAt.version !== version) this.allLaAt = { version, periods: new Map() };
    let periods = this.allLaAt.periods.get(indicator.id);
    if (!periods) {
      periods = this.reads.allLaPeriods(indicator.id, MIN_LAS_FOR_NATIONAL).map(periodOf);
      this.allLaAt.periods.set(indicator.id, periods);
    }
    return periods;
  }

  /** Which DfE year a figure of this period is benchmarked against (core's benchmarkYearFor). */
  benchmarkYear(indicator: Indicator, period: Period): BenchmarkYear {
    return benchmarkYearFor({
      period,
      nationalPeriods: this.allLaPeriods(indicator),
      nextUpdate: indicator.lait?.nextUpdate ?? null,
      today: this.today(),
    });
  }

  small(indicator: Indicator, f: Counts | undefined | null): boolean {
    return f ? isSmallNumber(f, indicator.unit, this.threshold()) : false;
  }

  /** The measures counting the same children as this one, and their relations (core's relatedMeasures). */
  private component(indicatorId: string) {
    let found = this.related.get(indicatorId);
    if (!found) {
      found = relatedMeasures(indicatorId, this.catalogue.relations);
      this.related.set(indicatorId, found);
    }
    return found;
  }

  /**
   * The public view's disclosure plan for an indicator's period: every place's figure of it and of the
   * measures related to it, with primary and secondary suppression (core's disclosurePlan). Made once per
   * data version and kept for every member of the component.
   */
  plan(indicatorId: string, period: Period): DisclosurePlan {
    const version = this.reads.dataVersion();
    if (this.plansAt.version !== version) this.plansAt = { version, plans: new Map() };
    const component = this.component(indicatorId);
    const key = `${[...component.measures].sort().join(' ')}|${periodId(period)}|${period.kind}`;
    let plan = this.plansAt.plans.get(key);
    if (!plan) {
      const figures = new Map<string, Map<string, PlanFigure>>();
      for (const id of component.measures) {
        figures.set(id, new Map(this.reads.everyPlace(id, period).map((p) => [p.code, p])));
      }
      this.councilRegions ??= new Map(this.reads.allLas().map((la) => [la.old_la_code, la.region_code]));
      plan = disclosurePlan({
        measures: component.measures.flatMap((id) => {
          const i = this.indicators.get(id);
          return i ? [{ id, unit: i.unit, decimals: i.decimals }] : [];
        }),
        relations: component.relations,
        figures,
        regionOf: this.councilRegions,
        threshold: this.threshold(),
      });
      if (this.plansAt.plans.size > 5000) this.plansAt.plans.clear();
      this.plansAt.plans.set(key, plan);
    }
    return plan;
  }

  /**
   * Whether the public may not see this figure (core's disclosure plan): a council's small number, one
   * that a related measure would give back, or a region's or England's count with a withheld council in it.
   * Cheap for the usual case: a council figure of a measure with no relations is judged on its own.
   */
  withheld(indicator: Indicator, row: ObservationRow | undefined | null): boolean {
    if (!row || row.breakdown) return row ? this.small(indicator, row) : false;
    const council = row.geography_level === 'local-authority';
    const total = row.geography_level === 'regional' || row.geography_level === 'national';
    if (!council && !total) return false;
    const related = this.component(indicator.id).relations.length > 0;
    if (council && !related) return isWithheldAtSource(row, indicator.unit, this.threshold()) !== null;
    if (total && !related && indicator.unit !== 'count') return false;
    return this.plan(indicator.id, periodOf(row)).withheld(indicator.id, row.geography_code) !== null;
  }

  /** A council figure's withholding when only its code and period are at hand (the all-councils view). */
  withheldAt(indicator: Indicator, period: Period, code: string, figure: PlanFigure): boolean {
    if (this.component(indicator.id).relations.length === 0) {
      return isWithheldAtSource(figure, indicator.unit, this.threshold()) !== null;
    }
    return this.plan(indicator.id, period).withheld(indicator.id, code) !== null;
  }

  /** A region's or England's figure as the public sees it: withheld (null), or a count rounded to 10. */
  publicTotal(indicator: Indicator, period: Period, code: string, value: number | null): number | null {
    if (value === null) return null;
    if (indicator.unit !== 'count' && this.component(indicator.id).relations.length === 0) return value;
    return this.plan(indicator.id, period).publicValue(indicator.id, code);
  }

  laRef(la: LaRow): LaRef {
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

  /** A stored figure as the contract gives it; in the public view as core's disclosure rules allow. */
  figureOut(row: ObservationRow, indicator: Indicator, view: View): FigureOut {
    const reading = readingOf(row);
    const figure: FigureOut = {
      period: periodRef(periodOf(row)),
      value: row.value,
      symbol: row.value === null ? row.symbol : null,
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
    return view === 'public' ? publicFigure(figure, this.withheld(indicator, row), this.threshold()) : figure;
  }

  /** A comparator row as core reads it: DfE's own figure, or one as a paper published it. */
  sourced(row: ObservationRow | undefined | null): SourcedReading | null {
    const reading = readingOf(row ?? undefined);
    if (!row || !reading) return null;
    return {
      reading,
      period: periodOf(row),
      basis: row.format === 'dfe-csv' || row.format === 'lait-parquet' ? 'dfe' : 'published',
      sourceRef: row.source_ref,
    };
  }
}
