import { describe, expect, it } from 'vitest';
import { revisionNote } from './revisions.ts';

const base = {
  what: 'england' as const,
  place: 'England',
  periodLabel: '2024/25',
  unit: 'percent' as const,
  decimals: 1,
};

describe('revisionNote', () => {
  it('names the figure quoted and DfE’s new one, as the pack printed them', () => {
    expect(revisionNote({ ...base, quoted: 71, now: 70.4 })).toBe(
      'DfE has since revised this figure from 71.0% to 70.4%',
    );
  });
  it('says nothing when the figure is as quoted, or differs only beyond the decimals shown', () => {
    expect(revisionNote({ ...base, quoted: 71, now: 71 })).toBeNull();
    expect(revisionNote({ ...base, quoted: 71.01, now: 70.99 })).toBeNull();
    expect(revisionNote({ ...base, quoted: 71, now: null })).toBeNull();
  });
  it('writes a rate as a rate', () => {
    expect(revisionNote({ ...base, unit: 'rate-per-10000', decimals: 0, quoted: 71, now: 70 })).toBe(
      'DfE has since revised this figure from 71 to 70',
    );
  });
});
