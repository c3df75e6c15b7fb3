import { SessionSchema, type SignIn } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startSession } from '../../../api/session.ts';
import { sendJson } from '../../../lib/api-client.ts';

/** POST /api/session with a body checked against SignInSchema; answered with the new session. */
export const signIn = (body: SignIn) => sendJson('POST', '/api/session', SessionSchema, body);

/** Signs in and starts a fresh cache for this person. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({ mutationFn: signIn, onSuccess: (session) => startSession(client, session) });
}
