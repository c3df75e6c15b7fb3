/** How an indicator's figure is measured. */
export const UNITS = [
  'percent',
  'count',
  'rate-per-10000',
  'days',
  'score',
  'ratio',
  // LAIT's other measures: rates per 1,000 (live births, 15-17 year olds) and 100,000, and money.
  'rate-per-1000',
  'rate-per-100000',
  'pounds',
] as const;
export type Unit = (typeof UNITS)[number];

/**
 * What numerator / denominator is multiplied by to give the figure: pooling statistical neighbours
 * and checking a stated percentage against its parts both need it. Null where a figure is not a ratio
 * of two counts (a count, an average of days or scores).
 */
export function unitScale(unit: Unit): number | null {
  switch (unit) {
    case 'percent':
      return 100;
    case 'rate-per-10000':
      return 10_000;
    case 'rate-per-1000':
      return 1_000;
    case 'rate-per-100000':
      return 100_000;
    case 'ratio':
      return 1;
    default:
      return null;
  }
}
