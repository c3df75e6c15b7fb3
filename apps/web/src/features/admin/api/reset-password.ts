import { PasswordResetSchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendJson } from '../../../lib/api-client.ts';
import { usersKey } from './get-users.ts';

/** POST /api/users/:id/password: a one-time password the user must change at sign-in (shown once). */
export const resetPassword = (id: number) => sendJson('POST', `/api/users/${id}/password`, PasswordResetSchema);

export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({ mutationFn: resetPassword, onSuccess: () => client.invalidateQueries({ queryKey: usersKey }) });
}
