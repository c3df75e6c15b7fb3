import type { AllCouncilsRow } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import {
  comparatorText,
  compareValueText,
  cutPointSentence,
  markWords,
  rowValueText,
  sortRows,
  sortWords,
  WITHHELD_TOTAL,
} from './words.ts';

const percent = (v: number) => `${v.toFixed(1)}%`;

function row(name: string, changes: Partial<AllCouncilsRow> = {}): AllCouncilsRow {
  return {
    la: { code: name.slice(0, 3), newCode: 'E1', name },
    regionCode: 'E12000004',
    regionName: 'East Midlands',
    value: 10,
    symbol: null,
    symbolMeaning: null,
    suppressed: false,
    rank: 1,
    band: 1,
    isCouncil: false,
    isNeighbour: false,
    inRegion: false,
    ...changes,
  };
}

describe('what a cell without a value says', () => {
  it('says a suppressed value is fewer than the threshold, and a DfE symbol by its meaning', () => {
    expect(rowValueText(row('A', { value: null, suppressed: true, symbol: 'c' }), percent, 5)).toBe(
      'Not shown: small number (fewer than 5)',
    );
    expect(rowValueText(row('A', { value: null, symbol: 'x', symbolMeaning: 'not available' }), percent, 5)).toBe(
      'Not available',
    );
    expect(rowValueText(row('A', { value: 12.34 }), percent, 5)).toBe('12.3%');
  });

  it("says England's withheld count would reveal a suppressed council's, and a council's is suppressed", () => {
    const none = { value: null, symbol: null, suppressed: true };
    expect(compareValueText(none, true, percent, 5)).toBe(WITHHELD_TOTAL);
    expect(compareValueText(none, false, percent, 5)).toBe('Not shown: small number (fewer than 5)');
    expect(compareValueText({ value: null, symbol: 'z', suppressed: false }, false, percent, 5)).toBe('Not applicable');
    expect(
      comparatorText({ code: 'E92000001', name: 'England', value: null, symbol: null, withheld: true }, percent),
    ).toBe("Withheld: it would reveal a suppressed council's figure");
  });
});

describe('markWords', () => {
  it('marks the council, its neighbours and its region in words', () => {
    expect(markWords(row('A', { isCouncil: true, inRegion: true }))).toEqual(['Your council']);
    expect(markWords(row('A', { isNeighbour: true, inRegion: true }))).toEqual([
      'Statistical neighbour',
      'Same region',
    ]);
    expect(markWords(row('A', { inRegion: true }))).toEqual(['Same region']);
    expect(markWords(row('A'))).toEqual([]);
  });
});

describe('cutPointSentence', () => {
  const cuts = { min: 0, q25: 8, q50: 10, q75: 12, max: 18 };

  it('puts a value at a cut point in the band core does: the better one when lower is better', () => {
    expect(cutPointSentence(cuts, 'low', percent)).toBe(
      'Lower is better. Top quartile: 8.0% or lower; second: above 8.0% up to 10.0%; third: above 10.0% up to 12.0%; fourth: above 12.0%. Values run from 0.0% to 18.0%; the middle council (the median) has 10.0%.',
    );
  });

  it('and the worse one when higher is better', () => {
    expect(cutPointSentence(cuts, 'high', percent)).toMatch(
      /^Higher is better\. Top quartile: above 12\.0%; second: above 10\.0% up to 12\.0%; third: above 8\.0% up to 10\.0%; fourth: 8\.0% or lower\./,
    );
  });
});

describe('sortRows', () => {
  const rows = [
    row('Cumbria', { value: null, rank: null, band: null, regionName: 'North West' }),
    row('Barnet', { value: 10, rank: 2, regionName: 'Outer London' }),
    row('Derbyshire', { value: 12, rank: 3, regionName: 'East Midlands' }),
    row('Angus', { value: 5, rank: 1, regionName: 'East Midlands' }),
    row('Bolton', { value: 10, rank: 2, regionName: 'North West' }),
  ];
  const names = (sorted: AllCouncilsRow[]) => sorted.map((r) => r.la.name);

  it('sorts by value either way, with no value last both ways and ties by name', () => {
    expect(names(sortRows(rows, { key: 'value', direction: 'ascending' }))).toEqual([
      'Angus',
      'Barnet',
      'Bolton',
      'Derbyshire',
      'Cumbria',
    ]);
    expect(names(sortRows(rows, { key: 'value', direction: 'descending' }))).toEqual([
      'Derbyshire',
      'Barnet',
      'Bolton',
      'Angus',
      'Cumbria',
    ]);
  });

  it('sorts by name, rank and region', () => {
    expect(names(sortRows(rows, { key: 'name', direction: 'descending' }))).toEqual([
      'Derbyshire',
      'Cumbria',
      'Bolton',
      'Barnet',
      'Angus',
    ]);
    expect(names(sortRows(rows, { key: 'rank', direction: 'ascending' }))[0]).toBe('Angus');
    expect(names(sortRows(rows, { key: 'region', direction: 'ascending' }))).toEqual([
      'Angus',
      'Derbyshire',
      'Bolton',
      'Cumbria',
      'Barnet',
    ]);
  });

  it('says the order in words', () => {
    expect(sortWords({ key: 'value', direction: 'descending' })).toBe('sorted by value, highest first');
    expect(sortWords({ key: 'rank', direction: 'ascending' })).toBe('sorted by rank, best first');
    expect(sortWords({ key: 'name', direction: 'ascending' })).toBe('sorted by council, A to Z');
  });
});
