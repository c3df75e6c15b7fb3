import { describe, expect, it } from 'vitest';
import { cutPoints, nationalQuartile, quantileType7, quartileWords } from './quartile.ts';
import { symbolReading, valueReading, type Reading } from './symbols.ts';

const readings = (values: number[]): Reading[] => values.map(valueReading);
const ONE_TO_NINE = readings([1, 2, 3, 4, 5, 6, 7, 8, 9]); // Q25 = 3, Q50 = 5, Q75 = 7

function quartile(value: number, polarity: 'high' | 'low', all: Array<Reading | null> = ONE_TO_NINE) {
  const result = nationalQuartile({ value: valueReading(value), allValues: all, polarity });
  if (!result.ok) throw new Error(result.reason);
  return result.quartile;
}

describe('cut points: R type 7 / Excel QUARTILE.INC', () => {
  it('interpolates between order statistics', () => {
    // Excel: QUARTILE.INC({1,2,3,4}, 1..3) = 1.75, 2.5, 3.25
    expect(cutPoints([4, 1, 3, 2])).toEqual({ min: 1, q25: 1.75, q50: 2.5, q75: 3.25, max: 4 });
    expect(cutPoints([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ min: 1, q25: 3, q50: 5, q75: 7, max: 9 });
    expect(quantileType7([10, 20], 0.25)).toBe(12.5);
  });

  it('handles a single value and an empty set', () => {
    expect(cutPoints([5])).toEqual({ min: 5, q25: 5, q50: 5, q75: 5, max: 5 });
    expect(cutPoints([])).toBeNull();
  });
});

describe('national quartile band (1 = best)', () => {
  // Each boundary is tested on both sides: an off-by-one or a flipped comparison fails here.
  it.each([
    [2.9, 1],
    [3, 1], // lower is better: on Q25 is still the top quartile
    [3.01, 2],
    [5, 2],
    [5.01, 3],
    [7, 3],
    [7.01, 4],
  ])('lower is better: %d is in band %d', (value, band) => {
    expect(quartile(value, 'low').band).toBe(band);
  });

  it.each([
    [7.01, 1],
    [7, 2], // higher is better: on Q75 is NOT the top quartile (LAIT uses >)
    [5.01, 2],
    [5, 3],
    [3.01, 3],
    [3, 4],
    [1, 4],
  ])('higher is better: %d is in band %d', (value, band) => {
    expect(quartile(value, 'high').band).toBe(band);
  });

  it('has no quartile without polarity, without a value, or without national values', () => {
    expect(nationalQuartile({ value: valueReading(5), allValues: ONE_TO_NINE, polarity: 'none' })).toEqual({
      ok: false,
      reason: 'No quartile: this indicator has no polarity.',
    });
    expect(nationalQuartile({ value: symbolReading('c'), allValues: ONE_TO_NINE, polarity: 'low' })).toEqual({
      ok: false,
      reason: 'No quartile: this figure has no value to place.',
    });
    expect(nationalQuartile({ value: valueReading(5), allValues: [], polarity: 'low' })).toEqual({
      ok: false,
      reason: 'No quartile: no national values for this period.',
    });
  });

  it('leaves suppressed and missing national values out, and counts them', () => {
    // If 'c' were read as a number (0, or DfE's dashboard's negative codes) the cut points would move.
    const all = [...ONE_TO_NINE, symbolReading('c'), symbolReading('x'), null];
    const q = quartile(5, 'low', all);
    expect(q.cutPoints).toEqual({ min: 1, q25: 3, q50: 5, q75: 7, max: 9 });
    expect(q.outOf).toBe(9);
    expect(q.excluded).toBe(3);
  });

  it('places a single LA by the same rule (all cut points equal)', () => {
    const alone = readings([5]);
    expect(quartile(5, 'low', alone).band).toBe(1);
    // LAIT's strict ">" for higher-is-better puts a lone or fully tied value in band 4.
    expect(quartile(5, 'high', alone).band).toBe(4);
  });
});

describe('rank (1 = best, ties share the best rank)', () => {
  const all = readings([1, 2, 2, 4]);
  it.each<[number, 'high' | 'low', number]>([
    [1, 'low', 1],
    [2, 'low', 2],
    [4, 'low', 4],
    [4, 'high', 1],
    [2, 'high', 2],
    [1, 'high', 4],
  ])('%d (%s is better) ranks %d of 4', (value, polarity, rank) => {
    const q = quartile(value, polarity, all);
    expect(q.rank).toBe(rank);
    expect(q.outOf).toBe(4);
  });
});

describe('position in band and distance to the next better band', () => {
  it.each<[number, 'high' | 'low', 'high' | 'low', number | null, number | null]>([
    // lower is better, band 2 spans 3..5 with 3 the better end; midpoint 4 counts as high
    [3.5, 'low', 'high', 3, 0.5],
    [4, 'low', 'high', 3, 1],
    [4.5, 'low', 'low', 3, 1.5],
    // higher is better, band 2 spans 5..7 with 7 the better end
    [6.5, 'high', 'high', 7, 0.5],
    [5.5, 'high', 'low', 7, 1.5],
    // band 1 has no better band
    [2, 'low', 'high', null, null],
    [8.5, 'high', 'high', null, null],
    // fourth quartile, lower is better: next band's cut point is Q75
    [8, 'low', 'high', 7, 1],
  ])('%d (%s is better): %s in its band, next cut %s at distance %s', (value, polarity, position, cut, distance) => {
    const q = quartile(value, polarity);
    expect(q.positionInBand).toBe(position);
    expect(q.nextBand?.cutPoint ?? null).toBe(cut);
    expect(q.nextBand?.distance ?? null).toBe(distance);
    if (q.nextBand) expect(q.nextBand.band).toBe(q.band - 1);
  });
});

describe('quartileWords', () => {
  it('uses the committee words', () => {
    expect(quartileWords(1)).toBe('top quartile');
    expect(quartileWords(4)).toBe('fourth quartile');
  });
});
