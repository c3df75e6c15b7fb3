import type { Polarity } from './direction.ts';
import { numericValue, type Reading } from './symbols.ts';

/**
 * National quartiles as DfE's LAIT computes them: over every LA's value for the period (missing and
 * suppressed left out), cut points at the 0/25/50/75/100% quantiles with linear interpolation
 * (R's type 7, Excel's QUARTILE.INC). Band 1 is always the best quarter, whatever the polarity.
 */

export type CutPoints = { min: number; q25: number; q50: number; q75: number; max: number };
export type Band = 1 | 2 | 3 | 4;

/** Quantile by linear interpolation between order statistics (R type 7). `sorted` ascending, non-empty. */
export function quantileType7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const low = sorted[lo]!;
  return low + (h - lo) * (sorted[hi]! - low);
}

export function cutPoints(values: readonly number[]): CutPoints | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0]!,
    q25: quantileType7(sorted, 0.25),
    q50: quantileType7(sorted, 0.5),
    q75: quantileType7(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
  };
}

/**
 * LAIT's banding. Lower-is-better: band 1 if value <= Q25, 2 if <= Q50, 3 if <= Q75, else 4.
 * Higher-is-better: band 1 if value > Q75, 2 if > Q50, 3 if > Q25, else 4. (The asymmetry at the
 * cut points is LAIT's, kept on purpose.)
 */
export function bandFor(value: number, cuts: CutPoints, polarity: 'high' | 'low'): Band {
  if (polarity === 'low') {
    if (value <= cuts.q25) return 1;
    if (value <= cuts.q50) return 2;
    if (value <= cuts.q75) return 3;
    return 4;
  }
  if (value > cuts.q75) return 1;
  if (value > cuts.q50) return 2;
  if (value > cuts.q25) return 3;
  return 4;
}

/** The range a band covers, written best end first. */
function bandRange(band: Band, cuts: CutPoints, polarity: 'high' | 'low'): { bestEnd: number; worstEnd: number } {
  const ascending = [cuts.min, cuts.q25, cuts.q50, cuts.q75, cuts.max];
  if (polarity === 'low') return { bestEnd: ascending[band - 1]!, worstEnd: ascending[band]! };
  return { bestEnd: ascending[5 - band]!, worstEnd: ascending[4 - band]! };
}

export type QuartilePosition = {
  band: Band;
  /**
   * `high` when the value sits in the better half of its band's range (nearer the next better band),
   * `low` in the worse half; the committee's "high in the second quartile". The midpoint counts as high.
   */
  positionInBand: 'high' | 'low';
  cutPoints: CutPoints;
  /** 1 = best; tied values share the best rank among them (1, 2, 2, 4). */
  rank: number;
  /** How many LAs had a usable value. */
  outOf: number;
  /** How many LAs were left out as missing or suppressed. */
  excluded: number;
  /** The cut point of the next better band and how far the value is from it; null in band 1. */
  nextBand: { band: Band; cutPoint: number; distance: number } | null;
};

export type QuartileResult = { ok: true; quartile: QuartilePosition } | { ok: false; reason: string };

/**
 * Where `value` stands among `allValues` (every LA's reading for the same period, normally including
 * this LA's own). Polarity `none` has no quartile.
 */
export function nationalQuartile(input: {
  value: Reading | null;
  allValues: readonly (Reading | null)[];
  polarity: Polarity;
  /**
   * When `value` is not one of `allValues` (a quarter's local figure placed against the latest DfE year),
   * the other LAs' values for that year: the rank is then among them and this one. Cut points always come
   * from `allValues`, so they are DfE's.
   */
  others?: readonly (Reading | null)[];
}): QuartileResult {
  if (input.polarity === 'none') return { ok: false, reason: 'No quartile: this indicator has no polarity.' };
  const value = numericValue(input.value);
  if (value === null) return { ok: false, reason: 'No quartile: this figure has no value to place.' };
  const usable = input.allValues.map(numericValue).filter((v): v is number => v !== null);
  const cuts = cutPoints(usable);
  if (cuts === null) return { ok: false, reason: 'No quartile: no national values for this period.' };

  const polarity = input.polarity;
  const band = bandFor(value, cuts, polarity);
  const range = bandRange(band, cuts, polarity);
  const midpoint = (range.bestEnd + range.worstEnd) / 2;
  const inBetterHalf = polarity === 'low' ? value <= midpoint : value >= midpoint;
  const better = (v: number) => (polarity === 'low' ? v < value : v > value);
  const rankedAgainst = input.others ? input.others.map(numericValue).filter((v): v is number => v !== null) : usable;

  return {
    ok: true,
    quartile: {
      band,
      positionInBand: inBetterHalf ? 'high' : 'low',
      cutPoints: cuts,
      rank: 1 + rankedAgainst.filter(better).length,
      outOf: input.others ? rankedAgainst.length + 1 : usable.length,
      excluded: (input.others ?? input.allValues).length - rankedAgainst.length,
      nextBand:
        band === 1
          ? null
          : { band: (band - 1) as Band, cutPoint: range.bestEnd, distance: Math.abs(value - range.bestEnd) },
    },
  };
}

const ORDINALS = ['top', 'second', 'third', 'fourth'] as const;

/** "second quartile" in the committee's words; band 1 is the "top quartile". */
export function quartileWords(band: Band): string {
  return `${ORDINALS[band - 1]} quartile`;
}
