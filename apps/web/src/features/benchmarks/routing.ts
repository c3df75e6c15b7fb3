import {
  AllCouncilsQuerySchema,
  CompareQuerySchema,
  IndicatorParamsSchema,
  type LocalAuthorities,
} from '@indicate/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { allCouncilsQuery } from '../../api/all-councils.ts';
import { compareQuery } from '../../api/compare.ts';
import { indicatorsQuery } from '../../api/indicators.ts';
import { localAuthoritiesQuery } from '../../api/local-authorities.ts';
import { scorecardSetQuery } from '../../api/scorecard-set.ts';
import { sessionQuery } from '../../api/session.ts';
import { hasEveryCouncil } from '../../lib/every-council.ts';
import { withQuery } from '../../lib/search.ts';

/**
 * The all-councils and compare pages' addresses (read with the API's own schemas) and their loaders: each
 * puts its defaults in the address, so a page can be shared, and fills the query cache before it renders.
 */

export const AllCouncilsSearchSchema = z.object({
  indicator: IndicatorParamsSchema.shape.id.optional(),
  period: AllCouncilsQuerySchema.shape.period,
  la: AllCouncilsQuerySchema.shape.la,
});
export type AllCouncilsSearch = z.output<typeof AllCouncilsSearchSchema>;

/** Comma-separated in the address (`?la=855,830&indicator=a,b`), lists on the page. */
export const CompareSearchSchema = z.object({
  la: CompareQuerySchema.shape.la.optional(),
  indicator: CompareQuerySchema.shape.indicator.optional(),
});
export type CompareSearch = z.output<typeof CompareSearchSchema>;

/** The address of a comparison: the lists written comma-separated. */
export const compareSearch = (las: readonly string[], indicators: readonly string[]) => ({
  la: las.join(','),
  indicator: indicators.join(','),
});

/** A council and its statistical neighbours under DfE's latest model, nearest first. */
export function withNeighbours(las: LocalAuthorities, code: string): string[] {
  const council = las.localAuthorities.find((l) => l.code === code);
  const latest = council?.neighbourModels.reduce<(typeof council.neighbourModels)[number] | null>(
    (best, model) => (best === null || model.modelYear > best.modelYear ? model : best),
    null,
  );
  return [code, ...(latest ? [...latest.neighbours].sort((a, b) => a.rank - b.rank).map((n) => n.code) : [])];
}

export async function loadAllCouncils(queryClient: QueryClient, deps: AllCouncilsSearch): Promise<void> {
  const lists = [queryClient.prefetchQuery(indicatorsQuery), queryClient.prefetchQuery(localAuthoritiesQuery)];
  if (!deps.indicator || !deps.la) {
    // The home council (a setting) and the first measure of the scorecard set that DfE publishes for
    // every council: put in the address.
    const la = deps.la ?? (await queryClient.ensureQueryData(sessionQuery)).homeLa.code;
    let indicator = deps.indicator;
    if (!indicator) {
      const [set, list] = await Promise.all([
        queryClient.ensureQueryData(scorecardSetQuery),
        queryClient.ensureQueryData(indicatorsQuery),
      ]);
      const published = new Set(list.indicators.filter(hasEveryCouncil).map((i) => i.id));
      indicator =
        set.indicators.find((i) => published.has(i.id))?.id ?? list.indicators.find((i) => published.has(i.id))?.id;
    }
    throw redirect({ href: withQuery('/all-councils', { indicator, period: deps.period, la }), replace: true });
  }
  await Promise.all([
    ...lists,
    queryClient.prefetchQuery(allCouncilsQuery({ indicator: deps.indicator, period: deps.period, la: deps.la })),
  ]);
}

export async function loadCompare(queryClient: QueryClient, deps: CompareSearch): Promise<void> {
  const lists = [queryClient.prefetchQuery(indicatorsQuery), queryClient.prefetchQuery(localAuthoritiesQuery)];
  if (!deps.la || !deps.indicator) {
    // The home council with its ten statistical neighbours, and the scorecard set's first two measures.
    const [session, las, set] = await Promise.all([
      queryClient.ensureQueryData(sessionQuery),
      queryClient.ensureQueryData(localAuthoritiesQuery),
      queryClient.ensureQueryData(scorecardSetQuery),
    ]);
    const la = deps.la ?? withNeighbours(las, session.homeLa.code);
    const indicator = deps.indicator ?? set.indicators.slice(0, 2).map((i) => i.id);
    throw redirect({ href: withQuery('/compare', compareSearch(la, indicator)), replace: true });
  }
  await Promise.all([...lists, queryClient.prefetchQuery(compareQuery({ las: deps.la, indicators: deps.indicator }))]);
}
