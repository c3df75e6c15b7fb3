import { SettingsSchema, type Settings } from '@indicate/contracts';
import { useId, useState } from 'react';
import { useLocalAuthorities } from '../../api/local-authorities.ts';
import { Field } from '../../components/field.tsx';
import { ErrorNotice, QueryState } from '../../components/query-state.tsx';
import { ScorecardTables } from '../../components/scorecard-tables.tsx';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useTitle } from '../../lib/title.ts';
import { usePublicPreview } from './api/get-public-preview.ts';
import { useSettings } from './api/get-settings.ts';
import { useSaveSettings } from './api/save-settings.ts';

export function SettingsPage() {
  const settings = useSettings();
  useTitle('Settings');
  return (
    <>
      <h1>Settings</h1>
      <QueryState query={settings} what="settings">
        {(current) => (
          <>
            <SettingsForm current={current} />
            <PublicPreview la={current.homeLa} />
          </>
        )}
      </QueryState>
    </>
  );
}

function SettingsForm({ current }: { current: Settings }) {
  const id = useId();
  const save = useSaveSettings();
  const las = useLocalAuthorities();
  const [problems, setProblems] = useState<FieldProblems>({});
  return (
    <form
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const checked = checkForm(SettingsSchema, {
          publicRead: form.get('publicRead') === 'on',
          suppressionThreshold: Number(form.get('threshold')),
          homeLa: String(form.get('homeLa') ?? ''),
          serviceName: String(form.get('serviceName') ?? ''),
          dfeDailyCheck: form.get('dfeDailyCheck') === 'on',
        });
        setProblems(checked.ok ? {} : checked.problems);
        if (checked.ok) save.mutate(checked.body);
      }}
    >
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="notice notice--success">
          Settings saved.
        </p>
      )}
      <Field label="Home council: the council the dashboard opens on" name="The home council" problem={problems.homeLa}>
        {(control) => (
          <select {...control} name="homeLa" defaultValue={current.homeLa}>
            {/* Only councils that exist today: a reorganisation's predecessor cannot be the home council. */}
            {(
              las.data?.localAuthorities.filter((la) => la.abolished === null) ?? [
                { code: current.homeLa, name: current.homeLa },
              ]
            ).map((la) => (
              <option key={la.code} value={la.code}>
                {la.name} ({la.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="The service's name, as the header and the committee pack's title print it"
        name="The service's name"
        problem={problems.serviceName}
      >
        {(control) => (
          <input {...control} name="serviceName" type="text" maxLength={80} defaultValue={current.serviceName} />
        )}
      </Field>
      <div className="control--check">
        <input id={`${id}-public`} name="publicRead" type="checkbox" defaultChecked={current.publicRead} />
        <label htmlFor={`${id}-public`}>
          Public read: anyone may see the scorecard and indicator pages without signing in, with small numbers
          suppressed
        </label>
      </div>
      <div className="control--check">
        <input id={`${id}-dfe`} name="dfeDailyCheck" type="checkbox" defaultChecked={current.dfeDailyCheck} />
        <label htmlFor={`${id}-dfe`}>
          Ask DfE once a day whether it has published new figures (the DfE data page shows what it found; nothing is
          loaded until an analyst approves it)
        </label>
      </div>
      <Field
        label="Suppression threshold (counts below it are shown as “fewer than …”)"
        name="The suppression threshold"
        problem={problems.suppressionThreshold}
      >
        {(control) => (
          <input
            {...control}
            name="threshold"
            type="number"
            min={1}
            max={100}
            defaultValue={current.suppressionThreshold}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button--primary" disabled={save.isPending}>
          Save settings
        </button>
      </div>
    </form>
  );
}

/** What an anonymous visitor would see of the home council's scorecard with public read on. */
function PublicPreview({ la }: { la: string }) {
  const [open, setOpen] = useState(false);
  const preview = usePublicPreview(la, open);
  return (
    <details className="panel" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Preview what the public will see</summary>
      <p>
        The home council&apos;s latest scorecard as an anonymous visitor would see it: small numbers suppressed, with
        anything that would give them back, and no names of staff.
      </p>
      {open && (
        <QueryState query={preview} what="public preview">
          {(card) => <ScorecardTables card={card} />}
        </QueryState>
      )}
    </details>
  );
}
