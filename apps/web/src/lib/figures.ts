import { formatFigure, type Unit } from '@indicate/core';

/** Writes an indicator's figures the committee's way (its unit and decimals); an absent figure is ''. */
export function figureFormat(indicator: { unit: Unit; decimals: number }): (value: number | null) => string {
  // The contract carries the unit as the catalogue's text; the catalogue is validated against UNITS at start-up.
  return (value) => formatFigure(value, indicator.unit, indicator.decimals);
}

/** "35 of 250": the parts a ratio was computed from, in thousands. */
export function partsOf(figure: { numerator: number | null; denominator: number | null }): string | null {
  if (figure.numerator === null || figure.denominator === null) return null;
  return `${figure.numerator.toLocaleString('en-GB')} of ${figure.denominator.toLocaleString('en-GB')}`;
}
