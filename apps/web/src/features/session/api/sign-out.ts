import { SessionSchema } from '@indicate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { startSession } from '../../../api/session.ts';
import { sendJson } from '../../../lib/api-client.ts';

/** DELETE /api/session: signs out; answered with the signed-out session. */
export const signOut = () => sendJson('DELETE', '/api/session', SessionSchema);

/**
 * DELETE /api/session/everywhere: every session of this user ends, and every browser remembered for them
 * (the device cookies that spare them the sign-in slowdown) is forgotten.
 */
export const signOutEverywhere = () => sendJson('DELETE', '/api/session/everywhere', SessionSchema);

/** Signs out, forgets what this person could see, and checks again who may see the page on screen. */
export function useSignOut(everywhere = false) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: everywhere ? signOutEverywhere : signOut,
    onSuccess: async (session) => {
      startSession(client, session);
      await router.invalidate();
    },
  });
}
