import { describe, expect, it } from 'vitest';
import { FINDINGS_PER_KIND, FindingList } from './findings.ts';

describe('FindingList', () => {
  it('lists each kind a limited number of times, then says how many more', () => {
    const list = new FindingList();
    for (let row = 1; row <= FINDINGS_PER_KIND + 7; row++) {
      list.add('date', { severity: 'error', file: 'e.csv', table: 'Episodes', field: 'DECOM', row, message: 'bad' });
    }
    list.add('date', { severity: 'error', file: 'e.csv', table: 'Episodes', field: 'DEC', row: 1, message: 'bad' });
    list.close();
    expect(list.errors).toHaveLength(FINDINGS_PER_KIND + 2);
    expect(list.errors.at(-1)).toEqual({
      severity: 'error',
      file: 'e.csv',
      table: 'Episodes',
      field: 'DECOM',
      message: `... and 7 more like this (only the first ${FINDINGS_PER_KIND} are listed)`,
    });
  });
});
