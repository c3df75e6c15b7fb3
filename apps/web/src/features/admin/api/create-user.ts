import { CreatedUserSchema, type NewUser } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { usersKey } from './get-users.ts';

/** POST /api/users with a body checked against NewUserSchema; answered with the user and any generated password. */
export const createUser = (body: NewUser) => sendJson('POST', '/api/users', CreatedUserSchema, body);

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => client.invalidateQueries({ queryKey: usersKey }) });
}
