import { UserSchema, type UserChange } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { usersKey } from './get-users.ts';

/** PATCH /api/users/:id with a body checked against UserChangeSchema; answered with the changed user. */
export const changeUser = ({ id, ...change }: UserChange & { id: number }) =>
  sendJson('PATCH', `/api/users/${id}`, UserSchema, change);

export function useChangeUser() {
  const client = useQueryClient();
  return useMutation({ mutationFn: changeUser, onSuccess: () => client.invalidateQueries({ queryKey: usersKey }) });
}
