import type { AllCouncils, AllCouncilsRow, Compare } from '@indicate/contracts';
import { isDfeSymbol, quartileWords, symbolMeaning, type Band } from '@indicate/core';
import { capitalise } from '../../lib/words.ts';

/**
 * The words of the all-councils and compare views: what stands in a cell without a value, how a council is
 * marked, the quartile cut points in a sentence, and the order of the all-councils table.
 */

/** A withheld total: the public view hides a region's or England's count when a council's is suppressed. */
export const WITHHELD_TOTAL = "Withheld: it would reveal a suppressed council's figure";

/** "Not shown: small number (fewer than 5)": a small number the public view does not show. */
export const suppressedText = (threshold: number) => `Not shown: small number (fewer than ${threshold})`;

/** Why a DfE symbol stands where a value would: "Not available", "Not applicable". */
export function symbolText(symbol: string | null): string {
  if (symbol === null) return 'No figure';
  return isDfeSymbol(symbol) ? capitalise(symbolMeaning(symbol)) : `No figure (${symbol})`;
}

/** A council's cell in the all-councils table: its value, or why there is none. */
export function rowValueText(row: AllCouncilsRow, format: (v: number) => string, threshold: number): string {
  if (row.suppressed) return suppressedText(threshold);
  if (row.value !== null) return format(row.value);
  if (row.symbolMeaning) return capitalise(row.symbolMeaning);
  return symbolText(row.symbol);
}

/** A cell of the compare table: a value, or why there is none. */
export function compareValueText(
  value: Compare['measures'][number]['lines'][number]['values'][number],
  isEngland: boolean,
  format: (v: number) => string,
  threshold: number,
): string {
  if (value.value !== null) return format(value.value);
  if (value.suppressed) return isEngland ? WITHHELD_TOTAL : suppressedText(threshold);
  return symbolText(value.symbol);
}

/** England's or a region's value beside the all-councils table. */
export function comparatorText(comparator: AllCouncils['regions'][number], format: (v: number) => string): string {
  if (comparator.withheld) return WITHHELD_TOTAL;
  if (comparator.value !== null) return format(comparator.value);
  return symbolText(comparator.symbol);
}

/** How a council is marked, in words: never by colour alone. */
export function markWords(row: AllCouncilsRow): string[] {
  if (row.isCouncil) return ['Your council'];
  return [...(row.isNeighbour ? ['Statistical neighbour'] : []), ...(row.inRegion ? ['Same region'] : [])];
}

export const quartileText = (band: number | null): string | null =>
  band === null ? null : capitalise(quartileWords(band as Band));

/**
 * The quartile cut points as a sentence, best quartile first, matching core's banding: lower is better puts
 * a value at a cut point in the better band; higher is better puts it in the worse one.
 */
export function cutPointSentence(
  cuts: NonNullable<AllCouncils['cutPoints']>,
  polarity: 'high' | 'low' | 'none',
  format: (v: number) => string,
): string {
  const range = `Values run from ${format(cuts.min)} to ${format(cuts.max)}; the middle council (the median) has ${format(cuts.q50)}.`;
  if (polarity === 'low') {
    return `Lower is better. Top quartile: ${format(cuts.q25)} or lower; second: above ${format(cuts.q25)} up to ${format(cuts.q50)}; third: above ${format(cuts.q50)} up to ${format(cuts.q75)}; fourth: above ${format(cuts.q75)}. ${range}`;
  }
  if (polarity === 'high') {
    return `Higher is better. Top quartile: above ${format(cuts.q75)}; second: above ${format(cuts.q50)} up to ${format(cuts.q75)}; third: above ${format(cuts.q25)} up to ${format(cuts.q50)}; fourth: ${format(cuts.q25)} or lower. ${range}`;
  }
  return `A quarter of councils have ${format(cuts.q25)} or less, and a quarter more than ${format(cuts.q75)}. ${range}`;
}

export type SortKey = 'name' | 'value' | 'rank' | 'region';
export type SortDirection = 'ascending' | 'descending';
export type Sort = { key: SortKey; direction: SortDirection };

/** The table in the order asked for; councils with no value or rank go last either way, then by name. */
export function sortRows(rows: readonly AllCouncilsRow[], sort: Sort): AllCouncilsRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const byName = (a: AllCouncilsRow, b: AllCouncilsRow) =>
    a.la.name.localeCompare(b.la.name, 'en-GB') || a.la.code.localeCompare(b.la.code);
  const numeric = (pick: (r: AllCouncilsRow) => number | null) => (a: AllCouncilsRow, b: AllCouncilsRow) => {
    const x = pick(a);
    const y = pick(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  };
  const compare: Record<SortKey, (a: AllCouncilsRow, b: AllCouncilsRow) => number> = {
    name: (a, b) => sign * byName(a, b),
    value: numeric((r) => r.value),
    rank: numeric((r) => r.rank),
    region: (a, b) => sign * a.regionName.localeCompare(b.regionName, 'en-GB'),
  };
  return [...rows].sort((a, b) => compare[sort.key](a, b) || byName(a, b));
}

const SORT_NAMES: Record<SortKey, string> = { name: 'council', value: 'value', rank: 'rank', region: 'region' };

/** "sorted by value, lowest first": what the caption says of the order. */
export function sortWords(sort: Sort): string {
  const up = sort.direction === 'ascending';
  const order =
    sort.key === 'value'
      ? up
        ? 'lowest first'
        : 'highest first'
      : sort.key === 'rank'
        ? up
          ? 'best first'
          : 'worst first'
        : up
          ? 'A to Z'
          : 'Z to A';
  return `sorted by ${SORT_NAMES[sort.key]}, ${order}`;
}
