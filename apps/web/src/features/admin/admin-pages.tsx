import { AUDIT_ACTIONS, AuditRowSchema, CreatedUserSchema, SettingsSchema, UserSchema } from '@indicate/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ErrorNotice, QueryState } from '../../components/status.tsx';
import { getJson, sendJson } from '../../lib/api-client.ts';
import { dateTime } from '../../lib/dates.ts';
import { navigate, withQuery, type Location } from '../../lib/router.tsx';
import { useThemes } from '../scorecard/api.ts';
import { ROLE_NAMES, type Role } from '../session/session.tsx';

const AuditSchema = z.array(AuditRowSchema);

export function UsersPage() {
  const client = useQueryClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => getJson('/api/users', z.array(UserSchema), signal),
  });
  const id = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [themes, setThemes] = useState<string[]>([]);
  const catalogueThemes = useThemes();
  const create = useMutation({
    mutationFn: () =>
      sendJson('POST', '/api/users', CreatedUserSchema, { email, name: name || undefined, role, themes }),
    onSuccess: () => {
      setEmail('');
      setName('');
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const change = useMutation({
    mutationFn: (input: { id: number; disabled: boolean }) =>
      sendJson('PATCH', `/api/users/${input.id}`, UserSchema, { disabled: input.disabled }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  useEffect(() => {
    document.title = 'Users: Indicate';
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <h1>Users</h1>
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
        <label htmlFor={`${id}-email`}>Email address</label>
        <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <label htmlFor={`${id}-name`}>Name (optional)</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {Object.entries(ROLE_NAMES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {role === 'service-lead' && (
          <fieldset>
            <legend>Themes they lead</legend>
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
      <QueryState query={users} what="users">
        {(list) => (
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
              {list.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.email}</th>
                  <td>{ROLE_NAMES[user.role]}</td>
                  <td>{user.themes.join(', ') || '–'}</td>
                  <td>
                    {user.disabled ? 'Disabled' : 'Active'}{' '}
                    <button type="button" onClick={() => change.mutate({ id: user.id, disabled: !user.disabled })}>
                      {user.disabled ? 'Enable' : 'Disable'}
                      <span className="visually-hidden"> {user.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {change.isError && <ErrorNotice error={change.error} />}
    </>
  );
}

export function AuditPage({ location }: { location: Location }) {
  const action = location.search.get('action') ?? '';
  const id = useId();
  const url = withQuery('/api/audit', { action: action || undefined, limit: '500' });
  const audit = useQuery({ queryKey: ['audit', action], queryFn: ({ signal }) => getJson(url, AuditSchema, signal) });
  useEffect(() => {
    document.title = 'Audit log: Indicate';
  }, []);
  const actions = AUDIT_ACTIONS;
  return (
    <>
      <h1>Audit log</h1>
      <p>Every change and every sign-in, newest first. It cannot be edited.</p>
      <div className="controls">
        <div className="control">
          <label htmlFor={`${id}-action`}>Action</label>
          <select
            id={`${id}-action`}
            value={action}
            onChange={(e) => navigate(withQuery('/audit', { action: e.target.value || undefined }))}
          >
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <p>
          <a href={withQuery('/api/audit', { action: action || undefined, limit: '5000', format: 'csv' })}>
            Download as CSV
          </a>
        </p>
      </div>
      <QueryState query={audit} what="audit log">
        {(rows) => (
          <div className="table-scroll">
            <table className="data-table">
              <caption>{rows.length} entries</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">On</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{dateTime.format(new Date(r.at))}</td>
                    <td>{r.actor}</td>
                    <td>{r.action}</td>
                    <td>{r.target}</td>
                    <td className="audit-change">
                      {[r.before && `before: ${r.before}`, r.after && `after: ${r.after}`].filter(Boolean).join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}

export function SettingsPage() {
  const client = useQueryClient();
  const id = useId();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => getJson('/api/settings', SettingsSchema, signal),
  });
  const save = useMutation({
    mutationFn: (next: z.infer<typeof SettingsSchema>) => sendJson('PUT', '/api/settings', SettingsSchema, next),
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
  useEffect(() => {
    document.title = 'Settings: Indicate';
  }, []);
  return (
    <>
      <h1>Settings</h1>
      <QueryState query={settings} what="settings">
        {(current) => (
          <form
            className="panel"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              save.mutate({
                publicRead: form.get('publicRead') === 'on',
                suppressionThreshold: Number(form.get('threshold')),
              });
            }}
          >
            {save.isError && <ErrorNotice error={save.error} />}
            {save.isSuccess && (
              <p role="status" className="notice notice--success">
                Settings saved.
              </p>
            )}
            <div className="control--check">
              <input id={`${id}-public`} name="publicRead" type="checkbox" defaultChecked={current.publicRead} />
              <label htmlFor={`${id}-public`}>
                Public read: anyone may see the scorecard and indicator pages without signing in, with small numbers
                suppressed
              </label>
            </div>
            <label htmlFor={`${id}-threshold`}>
              Suppression threshold (counts below it are shown as “fewer than …”)
            </label>
            <input
              id={`${id}-threshold`}
              name="threshold"
              type="number"
              min={1}
              max={100}
              defaultValue={current.suppressionThreshold}
            />
            <div className="actions">
              <button type="submit" className="button--primary" disabled={save.isPending}>
                Save settings
              </button>
            </div>
          </form>
        )}
      </QueryState>
    </>
  );
}
