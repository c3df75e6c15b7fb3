import type { Unit } from './units.ts';

/**
 * Figures written the committee's way: percentages with the indicator's decimals and a % sign, counts
 * with thousands separators, days as whole days, rates per 10,000 and scores with their decimals.
 */
export function formatFigure(value: number | null, unit: Unit, decimals: number): string {
  if (value === null) return '';
  const places = unit === 'days' ? 0 : unit === 'count' ? 0 : decimals;
  const text = new Intl.NumberFormat('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places }).format(
    value,
  );
  switch (unit) {
    case 'percent':
      return `${text}%`;
    case 'days':
      return `${text} days`;
    case 'pounds':
      return `£${text}`;
    default:
      return text;
  }
}

/**
 * The size of a difference between two figures, unsigned: a difference of two percentages is in
 * percentage points ("0.3 percentage points", never "0.3%", which would be a share of the figure); other
 * units as the figure ("12 days", "3"). The one formatter for quartile distances, target gaps and changes.
 */
export function formatDifference(size: number, unit: Unit, decimals: number): string {
  const magnitude = Math.abs(size);
  return unit === 'percent'
    ? `${formatFigure(magnitude, 'score', decimals)} percentage points`
    : formatFigure(magnitude, unit, decimals);
}

/** A change in the indicator's units: "+1.5 percentage points" for a percentage, "−12 days", "+3". */
export function formatChange(change: number, unit: Unit, decimals: number): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${formatDifference(change, unit, decimals)}`;
}

/** What a unit means, for a chart axis or a table heading. */
export function unitWords(unit: Unit): string {
  switch (unit) {
    case 'percent':
      return 'per cent';
    case 'count':
      return 'number';
    case 'rate-per-10000':
      return 'rate per 10,000 children';
    case 'days':
      return 'days';
    case 'score':
      return 'score';
    case 'ratio':
      return 'ratio';
    case 'rate-per-1000':
      return 'rate per 1,000';
    case 'rate-per-100000':
      return 'rate per 100,000';
    case 'pounds':
      return 'pounds (£)';
  }
}

/**
 * Direction of travel in words for print: "Better, −3.0 percentage points since Q4 2017/18"; with no
 * comparison, "Not comparable" and why.
 */
export function directionWords(
  d: { direction: string | null; change: number | null; against: { label: string }; reason: string },
  unit: Unit,
  decimals: number,
): string {
  if (d.direction === null) return `Not comparable: ${d.reason.replace(/^No direction:\s*/i, '').replace(/\.$/, '')}`;
  const word = d.direction.charAt(0).toUpperCase() + d.direction.slice(1);
  if (d.direction === 'new') return `${word}: no earlier figure`;
  const change = d.change === null ? '' : `, ${formatChange(d.change, unit, decimals)}`;
  return `${word}${change} since ${d.against.label}`;
}
