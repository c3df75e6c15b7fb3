import { SettingsSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/settings: public read and the suppression threshold. */
export const settingsKey = ['settings'] as const;

export const getSettings = (signal?: AbortSignal) => getJson('/api/settings', SettingsSchema, signal);

export const settingsQuery = queryOptions({ queryKey: settingsKey, queryFn: ({ signal }) => getSettings(signal) });

export const useSettings = () => useQuery(settingsQuery);
