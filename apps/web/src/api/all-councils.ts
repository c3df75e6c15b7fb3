import { AllCouncilsSchema, type AllCouncils } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client.ts';
import { withQuery } from '../lib/search.ts';

/** What the all-councils view shows: one measure, one year (or the measure's latest), the council to mark. */
export type AllCouncilsChoice = { indicator: string; period?: string | undefined; la: string };

/** GET /api/indicators/:id/all-councils: every council's value of a measure in one year, with rank and quartile. */
export const allCouncilsKeys = {
  all: ['all-councils'] as const,
  one: (c: AllCouncilsChoice) => [...allCouncilsKeys.all, c.indicator, c.period ?? null, c.la] as const,
};

/** The address of the view; with `csv`, the same rows as a spreadsheet-safe download. */
export const allCouncilsUrl = (c: AllCouncilsChoice, format?: 'csv'): string =>
  withQuery(`/api/indicators/${encodeURIComponent(c.indicator)}/all-councils`, {
    period: c.period,
    la: c.la,
    format,
  });

export const getAllCouncils = (c: AllCouncilsChoice, signal?: AbortSignal): Promise<AllCouncils> =>
  getJson(allCouncilsUrl(c), AllCouncilsSchema, signal);

export const allCouncilsQuery = (c: AllCouncilsChoice) =>
  queryOptions({ queryKey: allCouncilsKeys.one(c), queryFn: ({ signal }) => getAllCouncils(c, signal) });

export const useAllCouncils = (c: AllCouncilsChoice) => useQuery(allCouncilsQuery(c));
