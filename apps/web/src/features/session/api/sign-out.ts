import { SessionSchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { startSession } from '../../../api/session.ts';
import { sendJson } from '../../../lib/api-client.ts';

/** DELETE /api/session: signs out; answered with the signed-out session. */
export const signOut = () => sendJson('DELETE', '/api/session', SessionSchema);

/** Signs out, forgets what this person could see, and checks again who may see the page on screen. */
export function useSignOut() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: signOut,
    onSuccess: async (session) => {
      startSession(client, session);
      await router.invalidate();
    },
  });
}
