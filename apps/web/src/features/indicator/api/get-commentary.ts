import { CommentarySchema, type FigureKey } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson } from '../../../lib/api-client.ts';
import { withQuery } from '../../../lib/search.ts';

/** GET /api/commentary: commentary on one figure, newest first (drafts too, for those who write them). */
export const commentaryKey = (key: FigureKey) => ['commentary', key.indicatorId, key.la, key.period] as const;

const CommentaryListSchema = z.array(CommentarySchema);

export const getCommentary = (key: FigureKey, signal?: AbortSignal) =>
  getJson(withQuery('/api/commentary', key), CommentaryListSchema, signal);

export const commentaryQuery = (key: FigureKey) =>
  queryOptions({ queryKey: commentaryKey(key), queryFn: ({ signal }) => getCommentary(key, signal) });

export const useCommentary = (key: FigureKey) => useQuery(commentaryQuery(key));
