import { describe, expect, it } from 'vitest';
import { parseBreakdown, readBreakdownKey, withheldGroups } from './breakdowns.ts';

describe('breakdowns', () => {
  it('reads a dimension and group, and names the fault otherwise', () => {
    expect(parseBreakdown('placement-provider', 'own')).toMatchObject({ ok: true, key: { group: 'own' } });
    expect(parseBreakdown('placement-provider', 'unknown')).toMatchObject({ ok: true });
    expect(parseBreakdown('provider', 'own')).toMatchObject({
      ok: false,
      message: expect.stringContaining('breakdown "provider" is not one of age-band'),
    });
    expect(parseBreakdown('sex', 'x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('male, female, unknown'),
    });
    expect(readBreakdownKey('age-band:1-4')?.group.label).toBe('Aged 1 to 4');
    expect(readBreakdownKey('nonsense')).toBeNull();
  });

  it('withholds small groups, and one more when a single withheld group could be worked back from the whole', () => {
    const total = { value: 60, numerator: null, denominator: null };
    const counts = (pairs: Array<[string, number]>) =>
      pairs.map(([group, value]) => ({ group, value, numerator: null, denominator: null }));
    // 3 is small; 60 - 40 - 17 would give it back, so 17 (the next smallest) goes too.
    expect(
      [
        ...withheldGroups(
          counts([
            ['own', 40],
            ['private', 17],
            ['other', 3],
          ]),
          total,
          'count',
          5,
        ),
      ].sort(),
    ).toEqual(['other', 'private']);
    // Two small groups do not hide each other: 60 - 53 = 7 says they are 3 and 4, or 2 and 5... each at least
    // 2. So a group that is not small goes too, and the remainder (60) leaves each free from 0 to 4.
    expect(
      [
        ...withheldGroups(
          counts([
            ['own', 53],
            ['private', 4],
            ['other', 3],
          ]),
          total,
          'count',
          5,
        ),
      ].sort(),
    ).toEqual(['other', 'own', 'private']);
    // Issue 21's attack: two withheld groups whose remainder is 0 showed both were 0.
    expect(
      [
        ...withheldGroups(
          counts([
            ['own', 41],
            ['private', 19],
            ['other', 0],
            ['unknown', 0],
          ]),
          total,
          'count',
          5,
        ),
      ].sort(),
    ).toEqual(['other', 'private', 'unknown']);
    expect(
      withheldGroups(
        counts([
          ['own', 30],
          ['private', 30],
        ]),
        total,
        'count',
        5,
      ).size,
    ).toBe(0);
    // With the whole withheld, every group goes.
    expect(
      withheldGroups(
        counts([
          ['own', 3],
          ['private', 1],
        ]),
        { value: 4, numerator: null, denominator: null },
        'count',
        5,
      ).size,
    ).toBe(2);
    // A percentage whose complement is small is withheld (98% of 50 shows one child).
    const pct = [
      { group: 'male', value: 98, numerator: 49, denominator: 50 },
      { group: 'female', value: 50, numerator: 20, denominator: 40 },
      { group: 'unknown', value: 50, numerator: 10, denominator: 20 },
    ];
    expect([...withheldGroups(pct, { value: 70, numerator: 79, denominator: 110 }, 'percent', 5)].sort()).toEqual([
      'male',
      'unknown',
    ]);
  });
});
