import type { PasswordChange } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionKey } from '../../../api/session.ts';
import { sendJson } from '../../../lib/api-client.ts';

/** PUT /api/session/password: the signed-in user's own change; 204, then the session is read again. */
export const changePassword = (body: PasswordChange) => sendJson('PUT', '/api/session/password', z.null(), body);

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => client.invalidateQueries({ queryKey: sessionKey }),
  });
}
