/** How an indicator's figure is measured. */
export const UNITS = ['percent', 'count', 'rate-per-10000', 'days', 'score', 'ratio'] as const;
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
    case 'ratio':
      return 1;
    default:
      return null;
  }
}
