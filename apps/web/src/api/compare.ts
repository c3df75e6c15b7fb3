import { CompareSchema, type Compare } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** What the compare view shows: chosen councils (DfE codes) by chosen measures (catalogue ids), in order. */
export type CompareChoice = { las: readonly string[]; indicators: readonly string[] };

/** GET /api/compare: chosen councils by chosen measures over the years, with England. */
export const compareKeys = {
  all: ['compare'] as const,
  one: (c: CompareChoice) => [...compareKeys.all, c.las.join(','), c.indicators.join(',')] as const,
};

/** The address of the comparison; with `csv`, the same numbers as a spreadsheet-safe download. */
export const compareUrl = (c: CompareChoice, format?: 'csv'): string =>
  withQuery('/api/compare', { la: c.las.join(','), indicator: c.indicators.join(','), format });

export const getCompare = (c: CompareChoice, signal?: AbortSignal): Promise<Compare> =>
  getJson(compareUrl(c), CompareSchema, signal);

export const compareQuery = (c: CompareChoice) =>
  queryOptions({ queryKey: compareKeys.one(c), queryFn: ({ signal }) => getCompare(c, signal) });

export const useCompare = (c: CompareChoice) => useQuery(compareQuery(c));
