import { SignInSchema } from '@indicate/contracts';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session.ts';
import { ErrorNotice } from '../../components/query-state.tsx';
import { Field } from '../../components/field.tsx';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useTitle } from '../../lib/title.ts';
import { useSignIn } from './api/sign-in.ts';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const session = useSession();
  const { redirect } = route.useSearch();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const signIn = useSignIn();
  useTitle('Sign in');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(SignInSchema, { email, password });
    setProblems(checked.ok ? {} : checked.problems);
    if (!checked.ok) return;
    signIn.mutate(checked.body, {
      // Back to the page that asked for sign-in; the router checks again who may open it.
      onSuccess: () => void router.navigate({ href: redirect ?? '/', replace: true }),
    });
  };
  if (session.user) {
    return (
      <p>
        You are signed in. <Link to="/">Go to the scorecard</Link>.
      </p>
    );
  }
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
        {signIn.isError && <ErrorNotice error={signIn.error} />}
        <Field label="Email address" problem={problems.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label="Password" problem={problems.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button--primary" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </>
  );
}
