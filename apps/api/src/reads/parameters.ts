import type { Indicator } from '@indicate/contracts';
import { parsePeriodId, periodRef, type Period } from '@indicate/core';
import { DomainError } from '../domain-error.ts';
import type { ReadContext } from './context.ts';
import { periodOf, type LaRow } from './store-reads.ts';

/** The read routes' parameters, each resolved or refused with a message naming what is wrong. */

export function indicatorParam(ctx: ReadContext, id: string): Indicator {
  const indicator = ctx.indicators.get(id);
  if (!indicator) {
    throw new DomainError(
      'not_found',
      'unknown_indicator',
      `There is no indicator "${id}"; GET /api/indicators lists them.`,
    );
  }
  return indicator;
}

export function laParam(ctx: ReadContext, code: string): LaRow {
  const la = ctx.reads.la(code);
  if (!la) {
    throw new DomainError(
      'not_found',
      'unknown_local_authority',
      `There is no local authority with code ${code}; GET /api/local-authorities lists them.`,
    );
  }
  return la;
}

export function themeParam(ctx: ReadContext, id: string | undefined): string | null {
  if (id === undefined) return null;
  if (!ctx.themes.has(id)) {
    throw new DomainError(
      'invalid',
      'invalid_request',
      `Invalid query parameter theme: "${id}" is not a theme; use one of: ${[...ctx.themes.keys()].join(', ')}.`,
    );
  }
  return id;
}

/** The LA's periods with a figure in the scorecard set (else with any figure), latest first. */
export function scorecardPeriods(ctx: ReadContext, laCode: string) {
  const inSet = ctx.reads.periodsOf(
    laCode,
    ctx.scorecardSet().map((i) => i.id),
  );
  return inSet.length > 0 ? inSet : ctx.reads.periods(laCode);
}

/**
 * Where the scorecard opens: among the periods with a figure for an indicator of the scorecard set, the
 * LA's latest quarter (the council's own reporting), else its latest financial year (DfE's reporting year,
 * as LAIT gives every council), else its latest period; with none, its latest period of any indicator.
 */
export function latestPeriod(ctx: ReadContext, laCode: string): Period | null {
  const periods = scorecardPeriods(ctx, laCode);
  const latest =
    periods.find((p) => p.period_kind === 'financial-quarter') ??
    periods.find((p) => p.period_kind === 'financial-year') ??
    periods[0];
  return latest ? periodOf(latest) : null;
}

/** The period asked for, or the LA's latest when none is given. */
export function periodParam(ctx: ReadContext, la: LaRow, id: string | undefined): Period {
  if (id === undefined) {
    const latest = latestPeriod(ctx, la.old_la_code);
    if (!latest)
      throw new DomainError('not_found', 'no_figures', `${la.name} (${la.old_la_code}) has no figures loaded yet.`);
    return latest;
  }
  const kind = ctx.reads.periodKindFor(la.old_la_code, id);
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
