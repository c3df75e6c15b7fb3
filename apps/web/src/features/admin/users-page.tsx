import { NewUserSchema, ROLE_IDS, type RoleId, type User } from '@indicate/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useThemes } from '../../api/indicators.ts';
import { Field } from '../../components/field.tsx';
import { ErrorNotice, QueryState } from '../../components/query-state.tsx';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useTitle } from '../../lib/title.ts';
import { ROLE_NAMES } from '../../lib/words.ts';
import { useChangeUser } from './api/change-user.ts';
import { useCreateUser } from './api/create-user.ts';
import { useUsers } from './api/get-users.ts';

export function UsersPage() {
  const users = useUsers();
  const change = useChangeUser();
  useTitle('Users');
  return (
    <>
      <h1>Users</h1>
      <AddUser />
      <QueryState query={users} what="users">
        {(list) => (
          <UserTable users={list} onToggle={(user) => change.mutate({ id: user.id, disabled: !user.disabled })} />
        )}
      </QueryState>
      {change.isError && <ErrorNotice error={change.error} />}
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

function UserTable({ users, onToggle }: { users: User[]; onToggle: (user: User) => void }) {
  return (
    <table className="data-table">
      <caption>Everyone who can sign in</caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Themes</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">{user.email}</th>
            <td>{ROLE_NAMES[user.role]}</td>
            <td>{user.themes.join(', ') || '–'}</td>
            <td>
              {user.disabled ? 'Disabled' : 'Active'}{' '}
              <button type="button" onClick={() => onToggle(user)}>
                {user.disabled ? 'Enable' : 'Disable'}
                <span className="visually-hidden"> {user.email}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
