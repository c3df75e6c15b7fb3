import { absenceReason, numericValue, type Reading } from './symbols.ts';

/**
 * Statistical-neighbour aggregates. DfE's LAIT takes the mean of the ten neighbours' values (our
 * default); DfE's CSC Outcomes and Enablers dashboard takes the median; neither pools numerators, but
 * analysts ask for it, so `pooled` (sum of numerators over sum of denominators) is offered and named.
 */
export const SN_METHODS = ['mean', 'median', 'pooled'] as const;
export type SnMethod = (typeof SN_METHODS)[number];

export type NeighbourReading = {
  /** The neighbour's 3-digit DfE `old_la_code`. */
  laCode: string;
  reading: Reading | null;
  numerator?: number | null;
  denominator?: number | null;
};

export type NeighbourAggregate = {
  method: SnMethod;
  value: number | null;
  /** Codes of the neighbours whose figures went into the value, nearest first. */
  used: string[];
  /** Neighbours left out, with the reason. */
  missing: Array<{ laCode: string; reason: string }>;
  /** Why there is no value, when `value` is null. */
  reason: string | null;
};

export function neighbourAggregate(
  neighbours: readonly NeighbourReading[],
  method: SnMethod = 'mean',
  /** For `pooled`: what the ratio is multiplied by (100 for a percentage, 10,000 for a rate per 10,000). */
  scale = 1,
): NeighbourAggregate {
  const used: NeighbourReading[] = [];
  const missing: Array<{ laCode: string; reason: string }> = [];
  for (const n of neighbours) {
    const problem = method === 'pooled' ? poolingProblem(n) : absenceReason(n.reading);
    if (problem === null) used.push(n);
    else missing.push({ laCode: n.laCode, reason: problem });
  }
  const codes = used.map((n) => n.laCode);
  if (used.length === 0) {
    const reason =
      neighbours.length === 0
        ? 'No statistical neighbours are defined for this authority.'
        : `None of the ${neighbours.length} statistical neighbours has a usable figure.`;
    return { method, value: null, used: codes, missing, reason };
  }
  return { method, value: aggregate(used, method, scale), used: codes, missing, reason: null };
}

function poolingProblem(n: NeighbourReading): string | null {
  if (n.numerator == null || n.denominator == null) return 'no numerator and denominator to pool';
  if (n.denominator <= 0) return 'denominator is zero';
  return null;
}

function aggregate(used: NeighbourReading[], method: SnMethod, scale: number): number {
  if (method === 'pooled') {
    const numerator = used.reduce((sum, n) => sum + n.numerator!, 0);
    const denominator = used.reduce((sum, n) => sum + n.denominator!, 0);
    return (numerator / denominator) * scale;
  }
  const values = used.map((n) => numericValue(n.reading)!);
  if (method === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  return median(values);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
