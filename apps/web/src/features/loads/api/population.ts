import { ReturnsPopulationSchema } from '@indicate/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/returns/population: the council's children aged 0 to 17 by year, for the rate per 10,000. */
export const usePopulation = (la: string) =>
  useQuery({
    queryKey: ['returns-population', la],
    queryFn: ({ signal }) => getJson(`/api/returns/population?la=${la}`, ReturnsPopulationSchema, signal),
    staleTime: Infinity,
  });
