import type { Catalogue, Indicator } from '@indicate/contracts';
import { periodId, periodRef, type SnMethod } from '@indicate/core';
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';
import { allCouncils } from './all-councils.ts';
import { breakdowns } from './breakdowns.ts';
import { assessedFor } from './assess-figure.ts';
import { indicatorDetail, indicatorList } from './catalogue-reads.ts';
import { compare } from './compare.ts';
import { indicatorFigure } from './figure.ts';
import { ReadContext, type View } from './context.ts';
import { neighbours } from './neighbours.ts';
import { indicatorParam, laParam, periodParam } from './parameters.ts';
import { dataFreshness, localAuthorities, periods } from './reference.ts';
import { scorecard, type ScorecardOptions } from './scorecard.ts';
import { series } from './series.ts';
import { summary } from './summary.ts';

export type { View } from './context.ts';

/**
 * The read side, one question a file: parameters (parameters.ts), a figure's benchmark inputs and its
 * judgement (assess-figure.ts), the scorecard, summary, series, neighbours, catalogue and reference reads.
 * Every judgement is made by @indicate/core; these files gather its inputs. This class is the one door
 * routes and the pack service use.
 */
export class ReadService {
  readonly ctx: ReadContext;

  constructor(db: Db, catalogue: Catalogue, now: () => Date = () => new Date()) {
    this.ctx = new ReadContext(db, catalogue, now);
  }

  get reads() {
    return this.ctx.reads;
  }

  /**
   * What a cached read depends on: the data version, and the month (a benchmark "is due" this month and
   * "was due" the next, with no load in between).
   */
  version(): string {
    // The month is asked of the clock at most once a second: every cached read asks for the version.
    const now = performance.now();
    if (now - this.monthAt.at > 1000) this.monthAt = { at: now, month: this.ctx.today().toISOString().slice(0, 7) };
    return `${this.ctx.reads.dataVersion()}.${this.monthAt.month}`;
  }

  private monthAt = { at: -Infinity, month: '' };

  dataFreshness(view: View = 'full') {
    return dataFreshness(this.ctx, view);
  }

  indicator(id: string): Indicator {
    return indicatorParam(this.ctx, id);
  }

  la(code: string) {
    return laParam(this.ctx, code);
  }

  period(la: ReturnType<ReadService['la']>, id: string | undefined) {
    return periodParam(this.ctx, la, id);
  }

  threshold(): number {
    return this.ctx.threshold();
  }

  indicatorDetail(indicator: Indicator) {
    return indicatorDetail(this.ctx, indicator);
  }

  indicatorList(themeId: string | undefined) {
    return indicatorList(this.ctx, themeId);
  }

  series(indicatorId: string, laCode: string, method: SnMethod, view: View = 'full') {
    return series(this.ctx, indicatorId, laCode, method, view);
  }

  scorecard(laCode: string, periodIdParam: string | undefined, options: ScorecardOptions) {
    return scorecard(this.ctx, laCode, periodIdParam, options);
  }

  summary(laCode: string, periodIdParam: string | undefined, method: SnMethod, view: View = 'full') {
    return summary(this.ctx, laCode, periodIdParam, method, view);
  }

  neighbours(
    indicatorId: string,
    laCode: string,
    periodIdParam: string | undefined,
    method: SnMethod,
    view: View = 'full',
  ) {
    return neighbours(this.ctx, indicatorId, laCode, periodIdParam, method, view);
  }

  allCouncils(
    indicatorId: string,
    query: { period?: string | undefined; la?: string | undefined },
    view: View = 'full',
  ) {
    return allCouncils(this.ctx, indicatorId, query, view);
  }

  figure(
    indicatorId: string,
    query: { la: string; period?: string | undefined },
    method: SnMethod,
    view: View = 'full',
  ) {
    return indicatorFigure(this.ctx, indicatorId, query, method, view);
  }

  breakdowns(indicatorId: string, query: { la: string; period: string }, view: View = 'full') {
    return breakdowns(this.ctx, indicatorId, query, view);
  }

  compare(laCodes: string[], indicatorIds: string[], view: View = 'full') {
    return compare(this.ctx, laCodes, indicatorIds, view);
  }

  periods(laCode: string) {
    return periods(this.ctx, laCode);
  }

  localAuthorities() {
    return localAuthorities(this.ctx);
  }

  /**
   * Whether the public may not see commentary on the LA's figure for this indicator and period: the
   * figure is withheld (core's disclosure plan), or there is no such figure (then there is nothing to show either).
   */
  isWithheld(indicatorId: string, laCode: string, periodIdValue: string): boolean {
    const indicator = this.ctx.indicators.get(indicatorId);
    if (!indicator) return true;
    const figure = this.ctx.reads.figure(indicator.id, 'local-authority', laCode, periodIdValue);
    // No figure under this spelling: nothing public to comment on.
    return figure === undefined || this.ctx.withheld(indicator, figure);
  }

  /** The LA's figure for exactly this period, judged; a 404 naming what is missing otherwise. */
  figureAt(indicatorId: string, laCode: string, periodIdParam: string) {
    const indicator = this.indicator(indicatorId);
    const la = this.la(laCode);
    const period = this.period(la, periodIdParam);
    const row = this.ctx.reads.figure(indicator.id, 'local-authority', la.old_la_code, periodId(period));
    if (!row) {
      throw new DomainError(
        'not_found',
        'no_figure',
        `${la.name} has no figure for ${indicator.shortLabel} in ${periodRef(period).label}.`,
      );
    }
    return { indicator, la, period, assessment: assessedFor(this.ctx, indicator, la, row, 'mean', 'full') };
  }
}
