import type { AllCouncils } from '@indicate/contracts';
import {
  leagueTable,
  neighbourModelFor,
  parsePeriodId,
  periodRef,
  suppressedWords,
  totalsContaining,
  ENGLAND_CODE as ENGLAND,
  WITHHELD,
  symbolMeaning,
  isDfeSymbol,
} from '@indicate/core';
import { readSettings } from '../auth/settings.ts';
import { DomainError } from '../domain-error.ts';
import type { ReadContext, View } from './context.ts';
import { indicatorParam, laParam } from './parameters.ts';
import { periodOf } from './store-reads.ts';

/** Councils in the same region: Inner and Outer London's boroughs are all London's (core's totalsContaining). */
const broadRegion = (code: string) => totalsContaining(code).at(-2)!;
const sameRegion = (a: string, b: string) => broadRegion(a) === broadRegion(b);

/**
 * LAIT's all-councils view: one measure, one year, every council's value with its rank and quartile
 * (core's leagueTable), the council asked for marked with its statistical neighbours and region, and
 * England and the regions beside; in the public view as core's disclosure rules allow.
 */
export function allCouncils(
  ctx: ReadContext,
  indicatorId: string,
  query: { period?: string | undefined; la?: string | undefined },
  view: View,
): AllCouncils {
  const indicator = indicatorParam(ctx, indicatorId);
  const la = laParam(ctx, query.la ?? readSettings(ctx.db).homeLa);
  const periods = ctx.reads.nationalPeriods(indicator.id);
  if (periods.length === 0) {
    throw new DomainError(
      'not_found',
      'no_figures',
      `No council's figures are loaded for ${indicator.shortLabel}: DfE publishes none for it in the bundled data.`,
    );
  }
  const chosen = query.period === undefined ? periods[0]! : periods.find((p) => p.period_id === query.period);
  if (!chosen) {
    const parsed = parsePeriodId(query.period!);
    if (!parsed.ok)
      throw new DomainError('invalid', 'invalid_request', `Invalid query parameter period: ${parsed.message}.`);
    throw new DomainError(
      'not_found',
      'no_figures',
      `No council's figures for ${indicator.shortLabel} are loaded for ${periodRef(parsed.period).label}; it has ${periods
        .slice(0, 12)
        .map((p) => periodRef(periodOf(p)).label)
        .join(', ')}.`,
    );
  }
  const period = periodOf(chosen);
  const places = ctx.reads.everyPlace(indicator.id, period);
  const las = new Map(ctx.reads.allLas().map((l) => [l.old_la_code, l]));
  const councils = places.filter((p) => p.level === 'local-authority' && las.has(p.code));
  const entries = councils.map((c) => ({
    code: c.code,
    regionCode: las.get(c.code)!.region_code,
    value: c.value,
    hidden: ctx.withheldAt(indicator, period, c.code, c),
  }));
  const table = leagueTable(entries, { polarity: indicator.polarity, quartile: indicator.quartile }, view);
  const modelYear = neighbourModelFor(period, ctx.modelYears);
  const neighbours = new Set(
    modelYear === null ? [] : ctx.reads.neighbours(la.old_la_code, modelYear).map((n) => n.neighbour_code),
  );
  const regionNames = new Map(ctx.reads.regions().map((r) => [r.code, r.name]));
  const meaning = (symbol: string | null) => (symbol && isDfeSymbol(symbol) ? symbolMeaning(symbol) : null);
  // A region's or England's figure as this view may see it (core's disclosure plan: a count rounded to 10,
  // or withheld when a council counted in it is).
  const comparator = (p: (typeof places)[number], name: string) => {
    const value = view === 'public' ? ctx.publicTotal(indicator, period, p.code, p.value) : p.value;
    const shown = value !== null || p.value === null;
    return { code: p.code, name, value, symbol: shown && p.value === null ? p.symbol : null, withheld: !shown };
  };
  const englandRow = places.find((p) => p.level === 'national' && p.code === ENGLAND);
  return {
    indicator: ctx.indicatorRef(indicator),
    period: periodRef(period),
    periods: periods.map((p) => periodRef(periodOf(p))),
    la: ctx.laRef(la),
    neighbourModelYear: modelYear,
    rows: councils
      .map((c, i) => {
        const row = table.rows[i]!;
        const council = las.get(c.code)!;
        const symbol = row.hidden ? 'c' : c.value === null ? c.symbol : null;
        return {
          la: ctx.laRef(council),
          regionCode: council.region_code,
          regionName: council.region_name,
          value: row.value,
          symbol,
          symbolMeaning: row.hidden
            ? ctx.small(indicator, c)
              ? suppressedWords(ctx.threshold())
              : WITHHELD.related
            : meaning(symbol),
          suppressed: row.hidden,
          rank: row.rank,
          band: row.band,
          isCouncil: c.code === la.old_la_code,
          isNeighbour: neighbours.has(c.code),
          inRegion: sameRegion(council.region_code, la.region_code),
        };
      })
      .sort((a, b) => a.la.name.localeCompare(b.la.name)),
    england: englandRow ? comparator(englandRow, 'England') : null,
    regions: places
      .filter((p) => p.level === 'regional')
      .map((p) => comparator(p, regionNames.get(p.code) ?? p.code))
      .sort((a, b) => a.name.localeCompare(b.name)),
    cutPoints: table.cutPoints,
    counted: table.counted,
    missing: table.missing,
  };
}
