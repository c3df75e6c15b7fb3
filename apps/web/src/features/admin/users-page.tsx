import { NewUserSchema, ROLE_IDS, type RoleId, type User } from '@indicate/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useThemes } from '../../api/indicators.ts';
import { Field } from '../../components/field.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { ErrorNotice, QueryState } from '../../components/query-state.tsx';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useTitle } from '../../lib/title.ts';
import { ROLE_NAMES } from '../../lib/words.ts';
import { useChangeUser } from './api/change-user.ts';
import { useCreateUser } from './api/create-user.ts';
import { useUsers } from './api/get-users.ts';
import { useResetPassword } from './api/reset-password.ts';

export function UsersPage() {
  const users = useUsers();
  useTitle('Users');
  return (
    <>
      <h1>Users</h1>
      <AddUser />
      <QueryState query={users} what="users">
        {(list) => <UserTable users={list} />}
      </QueryState>
    </>
  );
}

function AddUser() {
  const id = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleId>('viewer');
  const [themes, setThemes] = useState<string[]>([]);
  const [problems, setProblems] = useState<FieldProblems>({});
  const catalogueThemes = useThemes();
  const create = useCreateUser();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(NewUserSchema, {
      email,
      name: name || undefined,
      role,
      // Only a service lead's themes bound what they may write.
      themes: role === 'service-lead' ? themes : [],
    });
    setProblems(checked.ok ? {} : checked.problems);
    if (!checked.ok) return;
    create.mutate(checked.body, {
      onSuccess: () => {
        setEmail('');
        setName('');
      },
    });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add a user</h2>
      {create.isError && <ErrorNotice error={create.error} />}
      {create.data && (
        <div role="status" className="notice notice--success">
          <p>
            Added {create.data.user.email} as {ROLE_NAMES[create.data.user.role]}.
            {create.data.generatedPassword && (
              <>
                {' '}
                Their password, shown only now: <code>{create.data.generatedPassword}</code>
              </>
            )}
          </p>
        </div>
      )}
      <Field label="Email address" problem={problems.email}>
        {(control) => (
          <input {...control} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        )}
      </Field>
      <Field label="Name (optional)" name="Name" problem={problems.name}>
        {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Role" problem={problems.role}>
        {(control) => (
          <select {...control} value={role} onChange={(e) => setRole(e.target.value as RoleId)}>
            {ROLE_IDS.map((value) => (
              <option key={value} value={value}>
                {ROLE_NAMES[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === 'service-lead' && (
        <fieldset>
          <legend>Themes they lead</legend>
          {problems.themes && <p className="field__problem">Themes {problems.themes}</p>}
          {(catalogueThemes.data ?? []).map((theme) => (
            <div key={theme.id} className="control--check">
              <input
                id={`${id}-${theme.id}`}
                type="checkbox"
                checked={themes.includes(theme.id)}
                onChange={(e) =>
                  setThemes(e.target.checked ? [...themes, theme.id] : themes.filter((t) => t !== theme.id))
                }
              />
              <label htmlFor={`${id}-${theme.id}`}>{theme.label}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="button--primary" disabled={create.isPending}>
          Add user
        </button>
      </div>
    </form>
  );
}

function UserTable({ users }: { users: User[] }) {
  const change = useChangeUser();
  const reset = useResetPassword();
  const themes = useThemes();
  const themeLabel = new Map((themes.data ?? []).map((t) => [t.id, t.label]));
  // A role change ends the person's sessions and changes what they may do: asked first, never saved at once.
  const [pending, setPending] = useState<{ user: User; role: RoleId } | null>(null);
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Everyone who can sign in</h2>
      {change.isError && <ErrorNotice error={change.error} />}
      {pending && (
        <div className="notice notice--warning" role="alertdialog" aria-labelledby="role-change-question">
          <p id="role-change-question">
            Change {pending.user.name}&apos;s role from {ROLE_NAMES[pending.user.role]} to {ROLE_NAMES[pending.role]}?
            They are signed out everywhere; the themes they lead are kept.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button--primary"
              onClick={() => {
                change.mutate({ id: pending.user.id, role: pending.role });
                setPending(null);
              }}
            >
              Change the role
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {reset.isError && <ErrorNotice error={reset.error} />}
      {reset.data && (
        <p role="status" className="notice notice--success">
          {reset.data.user.name}&apos;s one-time password, shown only now: <code>{reset.data.generatedPassword}</code>.
          Give it to them in person or by phone; they choose their own when they sign in with it.
        </p>
      )}
      <ScrollRegion label="Users">
        <table className="data-table">
          <caption className="visually-hidden">Everyone who can sign in, with their role and themes</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Themes they lead</th>
              <th scope="col">Status</th>
              <th scope="col">Password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.name}</th>
                <td>{user.email}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                    Role of {user.name}
                  </label>
                  <select
                    id={`role-${user.id}`}
                    value={pending?.user.id === user.id ? pending.role : user.role}
                    onChange={(e) => setPending({ user, role: e.target.value as RoleId })}
                  >
                    {ROLE_IDS.map((value) => (
                      <option key={value} value={value}>
                        {ROLE_NAMES[value]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {user.role === 'service-lead' ? (
                    <details>
                      <summary>
                        {user.themes.map((t) => themeLabel.get(t) ?? t).join(', ') || 'None yet'}
                        <span className="visually-hidden">: change the themes {user.name} leads</span>
                      </summary>
                      <fieldset>
                        <legend className="visually-hidden">Themes {user.name} leads</legend>
                        {(themes.data ?? []).map((theme) => (
                          <div key={theme.id} className="control--check">
                            <input
                              id={`themes-${user.id}-${theme.id}`}
                              type="checkbox"
                              checked={user.themes.includes(theme.id)}
                              onChange={(e) =>
                                change.mutate({
                                  id: user.id,
                                  themes: e.target.checked
                                    ? [...user.themes, theme.id]
                                    : user.themes.filter((t) => t !== theme.id),
                                })
                              }
                            />
                            <label htmlFor={`themes-${user.id}-${theme.id}`}>{theme.label}</label>
                          </div>
                        ))}
                      </fieldset>
                    </details>
                  ) : (
                    <span className="muted">Not a service lead</span>
                  )}
                </td>
                <td>
                  {user.disabled ? 'Disabled' : user.mustChangePassword ? 'Must choose a new password' : 'Active'}{' '}
                  <button type="button" onClick={() => change.mutate({ id: user.id, disabled: !user.disabled })}>
                    {user.disabled ? 'Enable' : 'Disable'}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                </td>
                <td>
                  <button type="button" onClick={() => reset.mutate(user.id)} disabled={reset.isPending}>
                    Reset password<span className="visually-hidden"> of {user.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
