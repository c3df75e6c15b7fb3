import type { FastifyInstance, InjectOptions } from 'fastify';
import { createUser, type Role } from '../src/auth/users.ts';
import type { Store } from '../src/store.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Creates a user with the given role and signs in through the real POST /api/session; returns an inject
 * that sends the session cookie and, on writes, the CSRF token, as the dashboard does.
 */
export async function signIn(app: FastifyInstance, store: Store, role: Role, options: { themes?: string[] } = {}) {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await createUser(store.db, { email, role, password: TEST_PASSWORD, themes: options.themes });
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  const inject = (options: InjectOptions | string) => {
    const o: InjectOptions = typeof options === 'string' ? { method: 'GET', url: options } : options;
    const headers: Record<string, string> = { ...(o.headers as Record<string, string>), cookie };
    if (o.method && o.method !== 'GET' && o.method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
    return app.inject({ ...o, headers });
  };
  return { email, cookie, csrfToken, inject };
}
