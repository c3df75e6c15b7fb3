import { describe, expect, it } from 'vitest';
import { keyMessages, type KeyMessageRow } from './key-messages.ts';

const row = (over: Partial<KeyMessageRow>): KeyMessageRow => ({
  indicatorId: 'x',
  label: 'Re-referrals within 12 months',
  unit: 'percent',
  decimals: 1,
  value: 26.3,
  periodLabel: 'Q2 2026/27',
  ragStatus: 'amber',
  direction: 'similar',
  change: 0.2,
  againstLabel: 'Q1 2026/27',
  ...over,
});

describe('key messages', () => {
  it('names the reds and what got worse, each with its figure and change in percentage points', () => {
    const m = keyMessages([
      row({ indicatorId: 'a', ragStatus: 'red' }),
      row({ indicatorId: 'b', label: 'Assessments in 45 days', direction: 'worse', change: -4, value: 80 }),
      row({ indicatorId: 'c' }),
    ]);
    expect(m.reds).toEqual([{ indicatorId: 'a', words: 'Re-referrals within 12 months (26.3%, Q2 2026/27)' }]);
    expect(m.worse).toEqual([
      {
        indicatorId: 'b',
        words: 'Assessments in 45 days (80.0%, Q2 2026/27; −4.0 percentage points since Q1 2026/27)',
      },
    ]);
  });
  it('names a withheld figure without its value', () => {
    expect(keyMessages([row({ ragStatus: 'red', value: null })]).reds[0]!.words).toBe(
      'Re-referrals within 12 months (Q2 2026/27)',
    );
  });
});
