import { CommentarySchema, type ScorecardRow } from '@indicate/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { getJson, sendJson } from '../../lib/api-client.ts';
import { dateTime } from '../../lib/dates.ts';
import { withQuery } from '../../lib/router.tsx';
import { useSession } from '../session/session.tsx';
import { ErrorNotice } from '../../components/status.tsx';

const CommentaryListSchema = z.array(CommentarySchema);

/**
 * Commentary on the figure for everyone; for a service lead who leads this indicator's theme, forms to
 * override the RAG with a reason and to set the target; for an analyst, a draft commentary form. The
 * server enforces the same rules.
 */
export function Judgements({ row, la }: { row: ScorecardRow; la: string }) {
  const session = useSession();
  const client = useQueryClient();
  const key = { indicatorId: row.indicator.id, la, period: row.figure.period.id };
  const commentary = useQuery({
    queryKey: ['commentary', key],
    queryFn: ({ signal }) => getJson(withQuery('/api/commentary', key), CommentaryListSchema, signal),
  });
  const user = session.data?.user;
  const leads = user?.role === 'service-lead' && user.themes.includes(row.indicator.theme);
  const mayComment = leads || user?.role === 'analyst';
  const refresh = () => void client.invalidateQueries();
  return (
    <section aria-labelledby="commentary-heading">
      <h2 id="commentary-heading">Commentary</h2>
      {commentary.data && commentary.data.length === 0 && <p>No commentary yet for {row.figure.period.label}.</p>}
      {commentary.data?.map((c) => (
        <p key={c.id}>
          {c.text}{' '}
          <span className="muted">
            ({c.status === 'draft' ? 'draft, ' : ''}
            {c.author}, {dateTime.format(new Date(c.writtenAt))})
          </span>
        </p>
      ))}
      {mayComment && <CommentaryForm keyFields={key} onSaved={refresh} draft={!leads} />}
      {leads && row.indicator.polarity !== 'none' && (
        <>
          <OverrideForm keyFields={key} proposed={row.assessment.rag.proposed.label} onSaved={refresh} />
          <TargetForm keyFields={key} current={row.assessment.target?.value ?? null} onSaved={refresh} />
        </>
      )}
    </section>
  );
}

type Key = { indicatorId: string; la: string; period: string };

function CommentaryForm({ keyFields, onSaved, draft }: { keyFields: Key; onSaved: () => void; draft: boolean }) {
  const id = useId();
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: () => sendJson('POST', '/api/commentary', z.unknown(), { ...keyFields, text }),
    onSuccess: () => {
      setText('');
      onSaved();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel" onSubmit={submit}>
      <h3>{draft ? 'Draft commentary' : 'Add commentary'}</h3>
      {save.isError && <ErrorNotice error={save.error} />}
      <label htmlFor={`${id}-text`}>Why, and what we are doing</label>
      <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
      <div className="actions">
        <button type="submit" disabled={save.isPending || text.trim() === ''}>
          {draft ? 'Save draft' : 'Publish commentary'}
        </button>
      </div>
    </form>
  );
}

function OverrideForm({ keyFields, proposed, onSaved }: { keyFields: Key; proposed: string; onSaved: () => void }) {
  const id = useId();
  const [status, setStatus] = useState<'green' | 'amber' | 'red'>('amber');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => sendJson('POST', '/api/overrides', z.unknown(), { ...keyFields, status, reason }),
    onSuccess: () => {
      setReason('');
      onSaved();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel" onSubmit={submit}>
      <h3>Override the RAG status</h3>
      <p className="muted">The rule proposes {proposed}. Both will be shown, with your reason.</p>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="notice notice--success">
          Override saved.
        </p>
      )}
      <label htmlFor={`${id}-status`}>Status</label>
      <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
        <option value="green">Green</option>
        <option value="amber">Amber</option>
        <option value="red">Red</option>
      </select>
      <label htmlFor={`${id}-reason`}>Reason</label>
      <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
      <div className="actions">
        <button type="submit" disabled={save.isPending || reason.trim().length < 10}>
          Save override
        </button>
      </div>
    </form>
  );
}

function TargetForm({ keyFields, current, onSaved }: { keyFields: Key; current: number | null; onSaved: () => void }) {
  const id = useId();
  const [value, setValue] = useState(current === null ? '' : String(current));
  const [kind, setKind] = useState<'' | 'absolute' | 'relative'>('');
  const [amount, setAmount] = useState('');
  const tolerance = kind === '' ? null : { kind, amount: Number(amount) };
  const save = useMutation({
    mutationFn: () => sendJson('PUT', '/api/targets', z.unknown(), { ...keyFields, value: Number(value), tolerance }),
    onSuccess: onSaved,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel" onSubmit={submit}>
      <h3>Set the target</h3>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="notice notice--success">
          Target saved.
        </p>
      )}
      <label htmlFor={`${id}-value`}>Target for this period</label>
      <input
        id={`${id}-value`}
        type="number"
        step="any"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        required
      />
      <label htmlFor={`${id}-kind`}>Tolerance for amber</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        <option value="">The indicator's usual rule</option>
        <option value="absolute">Within a fixed amount of the target</option>
        <option value="relative">Within a percentage of the target</option>
      </select>
      {kind !== '' && (
        <>
          <label htmlFor={`${id}-amount`}>{kind === 'absolute' ? 'Amount' : 'Percentage'}</label>
          <input
            id={`${id}-amount`}
            type="number"
            min={0}
            step="any"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            required
          />
        </>
      )}
      <div className="actions">
        <button
          type="submit"
          disabled={save.isPending || value === '' || Number.isNaN(Number(value)) || (kind !== '' && amount === '')}
        >
          Save target
        </button>
      </div>
    </form>
  );
}
