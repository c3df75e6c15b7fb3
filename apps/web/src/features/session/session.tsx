import { SessionSchema, type Role, type Session } from '@indicate/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, getJson, sendJson, setCsrfToken, SIGNED_OUT_EVENT } from '../../lib/api-client.ts';

export { SessionSchema, type Session, type Role };

export const ROLE_NAMES: Record<Role, string> = {
  viewer: 'Viewer (scrutiny member)',
  'service-lead': 'Service lead (head of service)',
  analyst: 'Analyst',
  admin: 'Admin',
};

/** Who is signed in; keeps the CSRF token for writes in step. */
export function useSession() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['session'],
    queryFn: async ({ signal }) => {
      const session = await getJson('/api/session', SessionSchema, signal);
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 60_000,
  });
  useEffect(() => {
    const ended = () => void client.invalidateQueries({ queryKey: ['session'] });
    window.addEventListener(SIGNED_OUT_EVENT, ended);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, ended);
  }, [client]);
  return query;
}

/** A new person (or none): drop every cached answer except the session itself. */
function forgetEverythingBut(client: QueryClient, session: Session): void {
  client.setQueryData(['session'], session);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson('DELETE', '/api/session', SessionSchema),
    onSuccess: (session) => {
      setCsrfToken(null);
      forgetEverythingBut(client, session);
    },
  });
}

export function SignInPage({ session }: { session: Session }) {
  const client = useQueryClient();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => sendJson('POST', '/api/session', SessionSchema, { email, password }),
    onSuccess: (next) => {
      setCsrfToken(next.csrfToken);
      forgetEverythingBut(client, next);
    },
  });
  useEffect(() => {
    document.title = 'Sign in: Indicate';
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const error = signIn.error instanceof ApiError ? signIn.error.message : signIn.error ? String(signIn.error) : null;
  return (
    <>
      <h1>Sign in</h1>
      <p>The figures describe vulnerable children, so this dashboard is for signed-in council staff and councillors.</p>
      {session.noUsersYet && (
        <div className="notice">
          <h2>No one can sign in yet</h2>
          <p>Create the first admin from a terminal in the project folder, then sign in here:</p>
          <pre>
            <code>pnpm cli user add --email you@example.org --role admin</code>
          </pre>
          <p>It prints a generated password once.</p>
        </div>
      )}
      <form className="sign-in" onSubmit={submit} noValidate>
        {error && (
          <div role="alert" className="notice notice--error">
            <p>{error}</p>
          </div>
        )}
        <label htmlFor={`${id}-email`}>Email address</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <div className="actions">
          <button type="submit" className="button--primary" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </>
  );
}
