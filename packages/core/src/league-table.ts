import { cutPointsRevealHidden } from './disclosure.ts';
import { bandFor, cutPoints as cutPointsOf, type Band, type CutPoints } from './quartile.ts';
import type { Polarity } from './direction.ts';

/**
 * LAIT's "all councils" table for one measure and one year: every council's value with its rank and
 * quartile, computed as the scorecard computes them (DfE's type-7 quartiles, ties sharing the best rank),
 * and what the public view may show of it (ADR 0009):
 *
 * - a hidden (small-number) value is shown as suppressed, with no band;
 * - no rank is shown at all when any value is hidden: ranks place the hidden value between two shown ones;
 * - cut points are withheld when one equals a hidden value;
 * - region and England totals are the disclosure plan's (disclosure-plan.ts): a count rounded to 10, or
 *   withheld when a council counted in it is.
 */

export type LeagueEntry = { code: string; regionCode: string; value: number | null; hidden: boolean };

export type LeagueRow = { code: string; value: number | null; hidden: boolean; rank: number | null; band: Band | null };

export type LeagueTable = {
  rows: LeagueRow[];
  cutPoints: CutPoints | null;
  counted: number;
  missing: number;
};

export function leagueTable(
  entries: readonly LeagueEntry[],
  measure: { polarity: Polarity; quartile: boolean },
  view: 'full' | 'public',
): LeagueTable {
  const values = entries.flatMap((e) => (e.value === null ? [] : [e.value]));
  const ranked = measure.polarity !== 'none' && measure.quartile;
  const cuts = ranked ? cutPointsOf(values) : null;
  const polarity = measure.polarity === 'none' ? null : measure.polarity;
  const isPublic = view === 'public';
  const hiddenValues = entries.flatMap((e) => (e.hidden && e.value !== null ? [e.value] : []));
  const anyHidden = isPublic && hiddenValues.length > 0;
  const rows = entries.map((e): LeagueRow => {
    const hide = isPublic && e.hidden;
    if (e.value === null || hide)
      return { code: e.code, value: hide ? null : e.value, hidden: hide, rank: null, band: null };
    const better = polarity === 'low' ? (v: number) => v < e.value! : (v: number) => v > e.value!;
    return {
      code: e.code,
      value: e.value,
      hidden: false,
      rank: ranked && polarity && !anyHidden ? 1 + values.filter(better).length : null,
      band: cuts && polarity ? bandFor(e.value, cuts, polarity) : null,
    };
  });
  return {
    rows,
    cutPoints: isPublic && cutPointsRevealHidden(cuts, hiddenValues) ? null : cuts,
    counted: values.length,
    missing: entries.length - values.length,
  };
}
