import { formatFigure, type Unit } from '@indicate/core';

/** Writes an indicator's figures the committee's way (its unit and decimals); an absent figure is ''. */
export function figureFormat(indicator: { unit: Unit; decimals: number }): (value: number | null) => string {
  // The contract carries the unit as the catalogue's text; the catalogue is validated against UNITS at start-up.
  return (value) => formatFigure(value, indicator.unit, indicator.decimals);
}

/**
 * "35 of 250": the parts a percentage was computed from, in thousands. A rate is not written as a fraction
 * (66 per 10,000 is not "1,024 of 156,155"), so other units give none.
 */
export function partsOf(
  figure: { numerator: number | null; denominator: number | null },
  unit: Unit = 'percent',
): string | null {
  if (unit !== 'percent' || figure.numerator === null || figure.denominator === null) return null;
  return `${figure.numerator.toLocaleString('en-GB')} of ${figure.denominator.toLocaleString('en-GB')}`;
}

/**
 * Where a figure comes from, in words for councillors: DfE's published figures, or the council's own
 * performance report for its period. The loader's reference (file and line) is for analysts.
 */
export function sourceWords(sourceRef: string, periodLabel: string): string {
  if (/^(dfe|lait)\//.test(sourceRef)) return `DfE's published figures for ${periodLabel}`;
  return `The council's ${periodLabel} performance report`;
}
