import type { Unit } from './units.ts';

/**
 * Small-number suppression, as statistical releases about children do it. A figure is a small number
 * when it is a count below the threshold, or a ratio whose numerator is below it, or whose complement
 * (denominator minus numerator) is below it: showing 98% of 50 would reveal that one child was not
 * counted, so that is suppressed too (secondary suppression).
 */
export function isSmallNumber(
  figure: { value: number | null; numerator: number | null; denominator: number | null },
  unit: Unit,
  threshold: number,
): boolean {
  if (unit === 'count' && figure.value !== null && figure.value < threshold) return true;
  if (figure.numerator !== null && figure.numerator < threshold) return true;
  if (figure.denominator !== null && figure.denominator < threshold) return true;
  if (figure.numerator !== null && figure.denominator !== null && figure.denominator - figure.numerator < threshold) {
    return true;
  }
  return false;
}

export function suppressedWords(threshold: number): string {
  return `not shown: small number (fewer than ${threshold})`;
}
