import { PasswordChangeSchema } from '@indicate/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useSession } from '../../api/session.ts';
import { Field } from '../../components/field.tsx';
import { ErrorNotice } from '../../components/query-state.tsx';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useTitle } from '../../lib/title.ts';
import { ROLE_NAMES } from '../../lib/words.ts';
import { useSignOut } from '../session/api/sign-out.ts';
import { useChangePassword } from './api/change-password.ts';

/** Your account: who you are signed in as, and a change of password (required after an admin's reset). */
export function AccountPage() {
  const session = useSession();
  const id = useId();
  const navigate = useNavigate();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  useTitle('Your account');
  const user = session.user!;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(PasswordChangeSchema, { current, password });
    const found: FieldProblems = checked.ok ? {} : { ...checked.problems };
    if (password !== again) found.again = 'must be the same as the new password';
    setProblems(found);
    if (!checked.ok || Object.keys(found).length > 0) return;
    change.mutate(checked.body, {
      onSuccess: () => {
        setCurrent('');
        setPassword('');
        setAgain('');
        if (user.mustChangePassword) void navigate({ to: '/' });
      },
    });
  };
  return (
    <>
      <h1>Your account</h1>
      <p>
        Signed in as {user.name} ({user.email}), {ROLE_NAMES[user.role]}.
      </p>
      {user.mustChangePassword && (
        <p className="notice" role="status">
          You signed in with a one-time password from your administrator. Choose your own password to continue.
        </p>
      )}
      <form className="panel" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
        <h2 id={`${id}-heading`}>Change your password</h2>
        {change.isError && <ErrorNotice error={change.error} />}
        {change.isSuccess && (
          <p role="status" className="notice notice--success">
            Your password has been changed. You stay signed in here; other devices are signed out and no longer
            remembered.
          </p>
        )}
        <Field label="Current password" problem={problems.current}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field label="New password (at least 12 characters)" name="The new password" problem={problems.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field label="New password again" name="The new password again" problem={problems.again}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button--primary" disabled={change.isPending}>
            Change password
          </button>
        </div>
      </form>
      <SignOutEverywhere />
    </>
  );
}

/**
 * Ends every session of this user and forgets every browser remembered for them: for a lost laptop, or a
 * shared computer someone forgot to sign out of.
 */
function SignOutEverywhere() {
  const id = useId();
  const signOut = useSignOut(true);
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Sign out everywhere</h2>
      <p>
        Signs you out on every computer and phone, this one included, and forgets every browser remembered for your
        account (a remembered browser is not slowed down when someone else is guessing your password). Use it if you
        lost a device or forgot to sign out somewhere.
      </p>
      {signOut.isError && <ErrorNotice error={signOut.error} />}
      <div className="actions">
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
