import { LoadSummarySchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/loads: every load, newest first. */
export const loadsKey = ['loads'] as const;

const LoadListSchema = z.array(LoadSummarySchema);

export const getLoads = (signal?: AbortSignal) => getJson('/api/loads', LoadListSchema, signal);

export const loadsQuery = queryOptions({ queryKey: loadsKey, queryFn: ({ signal }) => getLoads(signal) });

export const useLoads = () => useQuery(loadsQuery);
