import { absenceReason, numericValue, type Reading } from './symbols.ts';

/** `high`: higher is better; `low`: lower is better; `none`: context only, no judgement. */
export type Polarity = 'high' | 'low' | 'none';

export type Direction = 'better' | 'worse' | 'similar' | 'higher' | 'lower' | 'same' | 'new';

export type DirectionResult =
  { direction: Direction; change: number | null; reason: string } | { direction: null; change: null; reason: string };

const LABELS: Record<Direction, string> = {
  better: 'Better',
  worse: 'Worse',
  similar: 'Similar',
  higher: 'Higher',
  lower: 'Lower',
  same: 'Same',
  new: 'New',
};

export function directionLabel(direction: Direction): string {
  return LABELS[direction];
}

// Differences like 0.1 + 0.2 - 0.3 must not fall either side of a threshold by rounding noise.
const EPSILON = 1e-9;

/**
 * Compares the latest value with an earlier one (the previous data point, or the same period last
 * year). A change no bigger than the indicator's `similarThreshold` (in the indicator's own units,
 * inclusive: the papers call 76% against 75% "similar" with a threshold of 1) is Similar, or Same
 * for an indicator without polarity. With no earlier value the indicator is New.
 */
export function directionOfTravel(input: {
  current: Reading | null;
  previous: Reading | null;
  polarity: Polarity;
  similarThreshold: number;
}): DirectionResult {
  const current = numericValue(input.current);
  if (current === null) {
    return {
      direction: null,
      change: null,
      reason: `No direction: the latest figure has ${absenceReason(input.current)}.`,
    };
  }
  if (input.previous == null) {
    return { direction: 'new', change: null, reason: 'New: there is no earlier figure to compare with.' };
  }
  const previous = numericValue(input.previous);
  if (previous === null) {
    return {
      direction: null,
      change: null,
      reason: `No direction: the earlier figure has ${absenceReason(input.previous)}.`,
    };
  }
  const change = current - previous;
  const within = Math.abs(change) <= input.similarThreshold + EPSILON;
  if (input.polarity === 'none') {
    const direction: Direction = within ? 'same' : change > 0 ? 'higher' : 'lower';
    return { direction, change, reason: explain(direction, change, input.similarThreshold, 'no polarity') };
  }
  const improved = input.polarity === 'high' ? change > 0 : change < 0;
  const direction: Direction = within ? 'similar' : improved ? 'better' : 'worse';
  const polarityWords = input.polarity === 'high' ? 'higher is better' : 'lower is better';
  return { direction, change, reason: explain(direction, change, input.similarThreshold, polarityWords) };
}

function explain(direction: Direction, change: number, threshold: number, polarityWords: string): string {
  const size = Number(Math.abs(change).toFixed(6));
  const moved = change === 0 ? 'unchanged' : `${change > 0 ? 'up' : 'down'} ${size}`;
  if (direction === 'similar' || direction === 'same') {
    return `${LABELS[direction]}: ${moved}, within the threshold of ${threshold} (${polarityWords}).`;
  }
  return `${LABELS[direction]}: ${moved}, beyond the threshold of ${threshold} (${polarityWords}).`;
}

/**
 * Better, worse or similar: the one rule the scorecard's direction, the pack's paragraphs, Appendix A and
 * "What changed" all use (directionOfTravel with the indicator's "similar" threshold). Null where there is
 * no judgement: no polarity, or a value missing.
 */
export function changeVerdict(input: {
  polarity: Polarity;
  similarThreshold: number;
  before: number | null;
  after: number | null;
}): 'better' | 'worse' | 'similar' | null {
  if (input.polarity === 'none' || input.before === null || input.after === null) return null;
  const { direction } = directionOfTravel({
    current: { kind: 'value', value: input.after },
    previous: { kind: 'value', value: input.before },
    polarity: input.polarity,
    similarThreshold: input.similarThreshold,
  });
  return direction === 'better' || direction === 'worse' || direction === 'similar' ? direction : null;
}
