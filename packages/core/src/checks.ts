import { unitScale, type Unit } from './units.ts';

/**
 * Checks a loader makes on one figure before anything is written. Each returns a plain message, or
 * null when the figure passes. The papers' own errors (a numerator over its denominator, a percentage
 * that does not match its parts) are what these catch.
 */

/** Decimal places written in a figure's text ("95.8" has 1), which sets how far it may be rounded. */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export type RatioInput = {
  unit: Unit;
  value: number | null;
  /** Decimal places the value was written with. */
  valueDecimals: number;
  numerator: number | null;
  denominator: number | null;
  /**
   * DfE rounds national and regional counts to the nearest 10 (LA counts are exact), so the check
   * allows each count to be up to this much away from the true one.
   */
  countRounding?: number;
};

export function checkRange(unit: Unit, value: number | null): string | null {
  if (value === null) return null;
  if (unit === 'percent' && (value < 0 || value > 100)) return `a percentage must be between 0 and 100, not ${value}`;
  if ((unit === 'count' || unit === 'rate-per-10000' || unit === 'days') && value < 0) {
    return `a ${unit === 'count' ? 'count' : unit === 'days' ? 'number of days' : 'rate'} cannot be negative (${value})`;
  }
  return null;
}

export function checkCounts(numerator: number | null, denominator: number | null): string | null {
  if (numerator !== null && numerator < 0) return `numerator cannot be negative (${numerator})`;
  if (denominator !== null && denominator < 0) return `denominator cannot be negative (${denominator})`;
  if (numerator !== null && denominator !== null && numerator > denominator) {
    return `numerator (${numerator}) is greater than denominator (${denominator})`;
  }
  return null;
}

/**
 * A percentage or rate must agree with numerator / denominator to within the rounding its written
 * decimals allow (8.3 may stand for 8.25 to 8.35), widened by any rounding of the counts themselves.
 */
export function checkRatio(input: RatioInput): string | null {
  const scale = unitScale(input.unit);
  const { value, numerator, denominator } = input;
  if (scale === null || value === null || numerator === null || denominator === null) return null;
  const slack = input.countRounding ?? 0;
  if (denominator - slack <= 0) return null;
  const halfStep = 0.5 * 10 ** -input.valueDecimals + 1e-9;
  const lowest = (Math.max(0, numerator - slack) / (denominator + slack)) * scale;
  const highest = ((numerator + slack) / (denominator - slack)) * scale;
  if (value + halfStep < lowest || value - halfStep > highest) {
    const computed = (numerator / denominator) * scale;
    return `value ${value} does not match numerator/denominator ${numerator}/${denominator} = ${round(computed, Math.max(2, input.valueDecimals + 1))} beyond rounding`;
  }
  return null;
}

/**
 * Whether a figure moved further since the previous period than this indicator usually does: more than
 * 10 points for a percentage, otherwise more than a quarter of the previous figure (and never within the
 * indicator's "similar" threshold). A warning, not an error: real figures do jump.
 */
export function unusualMovement(input: {
  unit: Unit;
  previous: number;
  current: number;
  similarThreshold: number;
  /** What `previous` is, when not the previous period's figure ("its last figure, for 2024-25"). */
  since?: string;
  /** Decimal places to write the figures with in the message (as they are when not given). */
  decimals?: number;
}): string | null {
  const change = input.current - input.previous;
  const size = Math.abs(change);
  if (size <= input.similarThreshold) return null;
  const usual = input.unit === 'percent' ? 10 : 0.25 * Math.abs(input.previous);
  if (size <= usual) return null;
  const write = (n: number) => (input.decimals === undefined ? String(n) : String(round(n, input.decimals)));
  return `moved from ${write(input.previous)} to ${write(input.current)} since ${input.since ?? 'the previous period'}, more than this indicator usually moves (${input.unit === 'percent' ? '10 points' : '25%'})`;
}

function round(value: number, places: number): number {
  return Number(value.toFixed(places));
}
