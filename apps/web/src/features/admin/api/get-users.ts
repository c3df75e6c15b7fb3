import { UserSchema } from '@indicate/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson } from '../../../lib/api-client.ts';

/** GET /api/users: everyone who can sign in. */
export const usersKey = ['users'] as const;

const UserListSchema = z.array(UserSchema);

export const getUsers = (signal?: AbortSignal) => getJson('/api/users', UserListSchema, signal);

export const usersQuery = queryOptions({ queryKey: usersKey, queryFn: ({ signal }) => getUsers(signal) });

export const useUsers = () => useQuery(usersQuery);
