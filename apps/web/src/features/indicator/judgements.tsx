import {
  CommentaryBodySchema,
  may,
  type Commentary,
  mayWriteForTheme,
  OverrideBodySchema,
  TargetBodySchema,
  type FigureKey,
  type ScorecardRow,
} from '@indicate/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useSession } from '../../api/session.ts';
import { Field } from '../../components/field.tsx';
import { ErrorNotice, QueryState } from '../../components/query-state.tsx';
import { dateTime } from '../../lib/dates.ts';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useCommentary } from './api/get-commentary.ts';
import { useOverrideRag } from './api/override-rag.ts';
import { useChangeRagRule, useRagRule } from './api/rag-rule.ts';
import { useSetTarget } from './api/set-target.ts';
import { useWithdrawCommentary } from './api/withdraw-commentary.ts';
import { useWriteCommentary } from './api/write-commentary.ts';
import { currentCommentary, visibleCommentary } from '@indicate/core';

/**
 * Commentary on the figure for everyone; by the permission table, forms for those who may write it:
 * commentary (a service lead's published, an analyst's a draft), a RAG override with a reason and the
 * target, a service lead only for their own themes. The server enforces the same table.
 */
export function Judgements({ row, la }: { row: ScorecardRow; la: string }) {
  const session = useSession();
  const key: FigureKey = { indicatorId: row.indicator.id, la, period: row.figure.period.id };
  const commentary = useCommentary(key);
  const user = session.user;
  const role = user?.role;
  const forTheme = mayWriteForTheme(user, row.indicator.theme);
  const judged = row.indicator.polarity !== 'none';
  return (
    <section aria-labelledby="commentary-heading">
      <h2 id="commentary-heading">Commentary</h2>
      <QueryState query={commentary} what="commentary">
        {(list) => {
          const current = currentCommentary(list);
          const earlier = list.filter((c) => c !== current);
          return (
            <>
              {current ? (
                <p>
                  {current.text}{' '}
                  <span className="muted">
                    ({current.status === 'draft' ? 'draft, ' : ''}
                    {current.author}, {dateTime.format(new Date(current.writtenAt))})
                  </span>
                </p>
              ) : (
                <p>No commentary in force for {row.figure.period.label}.</p>
              )}
              {earlier.length > 0 && (
                <details className="history">
                  <summary>Earlier versions ({earlier.length})</summary>
                  <ol>
                    {earlier.map((c) => (
                      <li key={c.id}>
                        {c.status === 'withdrawn' ? <em>Withdrawn</em> : c.text}{' '}
                        <span className="muted">
                          ({c.status === 'draft' ? 'draft, ' : ''}
                          {c.author}, {dateTime.format(new Date(c.writtenAt))})
                        </span>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
              {/* Whoever may publish committee packs publishes commentary too; others draft it for them. */}
              {may(role, 'commentary') && forTheme && (
                <CommentaryForm
                  figure={key}
                  draft={!may(role, 'publish')}
                  current={current}
                  mayWithdraw={
                    current !== null && (may(role, 'publish') || visibleCommentary(list, false).length === 0)
                  }
                />
              )}
            </>
          );
        }}
      </QueryState>
      {judged && may(role, 'override') && forTheme && (
        <OverrideForm figure={key} proposed={row.assessment.rag.proposed.label} />
      )}
      {judged && may(role, 'target') && forTheme && (
        <TargetForm figure={key} current={row.assessment.target?.value ?? null} />
      )}
      {judged && may(role, 'dashboard') && <RagRuleForm indicatorId={row.indicator.id} />}
    </section>
  );
}

/** Opens on the commentary in force, to correct it; saving adds a version (the earlier ones are kept). */
function CommentaryForm({
  figure,
  draft,
  current,
  mayWithdraw,
}: {
  figure: FigureKey;
  draft: boolean;
  current: Commentary | null;
  mayWithdraw: boolean;
}) {
  const [text, setText] = useState(current?.text ?? '');
  const [problems, setProblems] = useState<FieldProblems>({});
  const save = useWriteCommentary();
  const withdraw = useWithdrawCommentary();
  const unchanged = current !== null && text.trim() === current.text;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(CommentaryBodySchema, { ...figure, text });
    setProblems(checked.ok ? {} : checked.problems);
    if (checked.ok) save.mutate(checked.body);
  };
  return (
    <form className="panel" onSubmit={submit}>
      <h3>{current ? 'Edit the commentary' : draft ? 'Draft commentary' : 'Add commentary'}</h3>
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
      <Field label="Why, and what we are doing" name="Commentary" problem={problems.text}>
        {(control) => (
          <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={save.isPending || unchanged}>
          {draft ? 'Save draft' : current ? 'Publish the change' : 'Publish commentary'}
        </button>
        {mayWithdraw && (
          <button type="button" onClick={() => withdraw.mutate(figure)} disabled={withdraw.isPending}>
            Withdraw commentary
          </button>
        )}
      </div>
    </form>
  );
}

function OverrideForm({ figure, proposed }: { figure: FigureKey; proposed: string }) {
  const [status, setStatus] = useState<'green' | 'amber' | 'red'>('amber');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const save = useOverrideRag();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(OverrideBodySchema, { ...figure, status, reason });
    setProblems(checked.ok ? {} : checked.problems);
    if (checked.ok) save.mutate(checked.body, { onSuccess: () => setReason('') });
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
      <Field label="Status" problem={problems.status}>
        {(control) => (
          <select {...control} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="green">Green</option>
            <option value="amber">Amber</option>
            <option value="red">Red</option>
          </select>
        )}
      </Field>
      <Field
        label="Reason (at least 10 characters: why the rule's status is not right here)"
        name="Reason"
        problem={problems.reason}
      >
        {(control) => (
          <textarea {...control} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save override
        </button>
      </div>
    </form>
  );
}

const RULE_WORDS = { benchmark: 'its national quartile (the committee’s key)', target: 'its target', none: 'nothing' };

/** Which rule judges the indicator's RAG (analysts and admins; audited): its national quartile or a target. */
function RagRuleForm({ indicatorId }: { indicatorId: string }) {
  const setting = useRagRule(indicatorId);
  const change = useChangeRagRule(indicatorId);
  const id = useId();
  return (
    <QueryState query={setting} what="RAG rule">
      {(s) => (
        <form className="panel" onSubmit={(e) => e.preventDefault()}>
          <h3>How the RAG status is decided</h3>
          <p>
            Every council&apos;s RAG status for this indicator comes from {RULE_WORDS[s.rule]}
            {s.chosen ? ` (chosen here; the catalogue says ${RULE_WORDS[s.catalogueRule]})` : ''}.
          </p>
          {change.isError && <ErrorNotice error={change.error} />}
          {change.isSuccess && (
            <p role="status" className="notice notice--success">
              Saved: the RAG status now comes from {RULE_WORDS[change.data.rule]}.
            </p>
          )}
          {s.choices.length > 1 ? (
            <div className="actions">
              <label htmlFor={`${id}-rule`}>Judge it by</label>
              <select
                id={`${id}-rule`}
                value={s.rule}
                disabled={change.isPending}
                onChange={(e) => change.mutate({ rule: e.target.value as 'benchmark' | 'target' })}
              >
                <option value="benchmark">Its national quartile</option>
                <option value="target">Its target</option>
              </select>
            </div>
          ) : (
            <p className="muted">DfE publishes no quartiles for it, so only a target can judge it.</p>
          )}
        </form>
      )}
    </QueryState>
  );
}

function TargetForm({ figure, current }: { figure: FigureKey; current: number | null }) {
  const rule = useRagRule(figure.indicatorId);
  const [value, setValue] = useState(current === null ? '' : String(current));
  const [kind, setKind] = useState<'' | 'absolute' | 'relative'>('');
  const [amount, setAmount] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const save = useSetTarget();
  // An empty box is no number at all, not zero.
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(TargetBodySchema, {
      ...figure,
      value: number(value),
      tolerance: kind === '' ? null : { kind, amount: number(amount) },
    });
    setProblems(checked.ok ? {} : checked.problems);
    if (checked.ok) save.mutate(checked.body);
  };
  return (
    <form className="panel" onSubmit={submit}>
      <h3>Set the target</h3>
      {/* Said before saving: a target changes the RAG only where the indicator is judged by its target. */}
      {rule.data && (
        <p className={rule.data.rule === 'target' ? 'muted' : 'notice'}>
          {rule.data.rule === 'target'
            ? 'This indicator’s RAG status comes from its target: the target and tolerance below decide it.'
            : 'This indicator’s RAG status comes from its national quartile, not a target: a target here is shown beside the figure but does not change its RAG. An analyst can change the rule.'}
        </p>
      )}
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="notice notice--success">
          Target saved.
        </p>
      )}
      <Field label="Target for this period" name="The target" problem={problems.value}>
        {(control) => (
          <input
            {...control}
            type="number"
            step="any"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
          />
        )}
      </Field>
      <Field label="Tolerance for amber" problem={problems['tolerance.kind']}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">The indicator's usual rule</option>
            <option value="absolute">Within a fixed amount of the target</option>
            <option value="relative">Within a percentage of the target</option>
          </select>
        )}
      </Field>
      {kind !== '' && (
        <Field
          label={kind === 'absolute' ? 'Amount' : 'Percentage'}
          name={kind === 'absolute' ? 'The amount' : 'The percentage'}
          problem={problems['tolerance.amount']}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              step="any"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              required
            />
          )}
        </Field>
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save target
        </button>
      </div>
    </form>
  );
}
