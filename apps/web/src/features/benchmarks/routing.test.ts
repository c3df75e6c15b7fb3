import type { LocalAuthorities } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { compareSearch, CompareSearchSchema, withNeighbours } from './routing.ts';

const neighbour = (code: string, rank: number) => ({ code, name: code, rank, closeness: 'Close' });

const LAS: LocalAuthorities = {
  localAuthorities: [
    {
      code: '830',
      newCode: 'E10000007',
      name: 'Derbyshire',
      regionCode: 'E12000004',
      regionName: 'East Midlands',
      abolished: null,
      neighbourModels: [
        { modelYear: 2025, neighbours: [neighbour('933', 2), neighbour('891', 1), neighbour('935', 3)] },
        { modelYear: 2021, neighbours: [neighbour('888', 1)] },
      ],
    },
    {
      code: '420',
      newCode: 'E06000053',
      name: 'Isles of Scilly',
      regionCode: 'E12000009',
      regionName: 'South West',
      abolished: null,
      neighbourModels: [],
    },
  ],
};

describe("the compare view's default councils", () => {
  it("are the council and its neighbours under DfE's latest model, nearest first", () => {
    expect(withNeighbours(LAS, '830')).toEqual(['830', '891', '933', '935']);
  });

  it('are the council alone when it has no neighbours', () => {
    expect(withNeighbours(LAS, '420')).toEqual(['420']);
  });
});

describe("the compare view's address", () => {
  it('writes the lists comma-separated and reads them back, each once', () => {
    const search = compareSearch(['855', '830'], ['cp-repeat-plans']);
    expect(search).toEqual({ la: '855,830', indicator: 'cp-repeat-plans' });
    expect(CompareSearchSchema.parse({ la: '855,830,855', indicator: 'cp-repeat-plans' })).toEqual({
      la: ['855', '830'],
      indicator: ['cp-repeat-plans'],
    });
  });

  it('refuses more councils than the API compares, in words', () => {
    const many = Array.from({ length: 21 }, (_, i) => String(800 + i)).join(',');
    const result = CompareSearchSchema.safeParse({ la: many, indicator: 'cp-repeat-plans' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must name at most 20 councils');
  });
});
