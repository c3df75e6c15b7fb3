import { KeyMessageBodySchema, may, type Commentary, type ScorecardRow } from '@indicate/contracts';
import { currentCommentary, keyMessagesOf, visibleCommentary } from '@indicate/core';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session.ts';
import { Field } from '../../components/field.tsx';
import { ErrorNotice } from '../../components/query-state.tsx';
import { dateTime } from '../../lib/dates.ts';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useKeyMessage, useWithdrawKeyMessage, useWriteKeyMessage } from './api.ts';

/**
 * Key messages at the top of the scorecard and the pack: the reds by name, what got worse (core's
 * keyMessages), and the service lead's own message, drafted, edited and withdrawn like commentary. A
 * published pack passes the message it froze (`frozen`) and offers no editor.
 */
export function KeyMessages({
  la,
  period,
  rows,
  frozen,
}: {
  la: string;
  period: string;
  rows: ScorecardRow[];
  frozen?: { text: string; author: string } | null;
}) {
  const messages = keyMessagesOf(rows);
  return (
    <section aria-labelledby="key-messages-heading" className="key-messages">
      <h2 id="key-messages-heading">Key messages</h2>
      {frozen !== undefined ? (
        frozen ? (
          <blockquote className="key-messages__lead">
            <p>{frozen.text}</p>
            <footer>{frozen.author}</footer>
          </blockquote>
        ) : null
      ) : (
        <LeadMessage la={la} period={period} />
      )}
      <div className="key-messages__lists">
        <div>
          <h3>Red ({messages.reds.length})</h3>
          {messages.reds.length === 0 ? (
            <p>No indicator is red.</p>
          ) : (
            <ul>
              {messages.reds.map((m) => (
                <li key={m.indicatorId}>{m.words}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Got worse since the previous period ({messages.worse.length})</h3>
          {messages.worse.length === 0 ? (
            <p>No indicator got worse.</p>
          ) : (
            <ul>
              {messages.worse.map((m) => (
                <li key={m.indicatorId}>{m.words}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

function LeadMessage({ la, period }: { la: string; period: string }) {
  const versions = useKeyMessage(la, period);
  const role = useSession().user?.role;
  const current = versions.data ? currentCommentary(versions.data) : null;
  return (
    <>
      {current ? (
        <blockquote className="key-messages__lead">
          <p>{current.text}</p>
          <footer>
            {current.author}, {dateTime.format(new Date(current.writtenAt))}
            {current.status === 'draft' ? ' (a draft until a service lead publishes it)' : ''}
          </footer>
        </blockquote>
      ) : null}
      {versions.data && may(role, 'commentary') && (
        <KeyMessageForm
          la={la}
          period={period}
          current={current}
          draft={!may(role, 'publish')}
          mayWithdraw={
            current !== null && (may(role, 'publish') || visibleCommentary(versions.data, false).length === 0)
          }
        />
      )}
    </>
  );
}

function KeyMessageForm({
  la,
  period,
  current,
  draft,
  mayWithdraw,
}: {
  la: string;
  period: string;
  current: Commentary | null;
  draft: boolean;
  mayWithdraw: boolean;
}) {
  const [text, setText] = useState(current?.text ?? '');
  const [problems, setProblems] = useState<FieldProblems>({});
  const save = useWriteKeyMessage();
  const withdraw = useWithdrawKeyMessage();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(KeyMessageBodySchema, { la, period, text });
    setProblems(checked.ok ? {} : checked.problems);
    if (checked.ok) save.mutate(checked.body);
  };
  return (
    <details className="key-messages__editor">
      <summary>{current ? 'Edit the service’s key message' : 'Write the service’s key message'}</summary>
      <form onSubmit={submit}>
        {save.isError && <ErrorNotice error={save.error} />}
        {withdraw.isError && <ErrorNotice error={withdraw.error} />}
        {save.isSuccess && (
          <p role="status" className="notice notice--success">
            Saved{save.data.status === 'draft' ? ' as a draft for a service lead to publish' : ' and published'}.
          </p>
        )}
        {withdraw.isSuccess && (
          <p role="status" className="notice notice--success">
            Withdrawn. It stays in the history.
          </p>
        )}
        <Field label="The service’s key message for the committee" name="Key message" problem={problems.text}>
          {(control) => (
            <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
          )}
        </Field>
        <div className="actions">
          <button type="submit" disabled={save.isPending || (current !== null && text.trim() === current.text)}>
            {draft ? 'Save draft' : 'Publish key message'}
          </button>
          {mayWithdraw && (
            <button type="button" onClick={() => withdraw.mutate({ la, period })} disabled={withdraw.isPending}>
              Withdraw key message
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
