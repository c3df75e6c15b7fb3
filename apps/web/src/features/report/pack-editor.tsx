import { PackTextBodySchema, type Pack, type PackParagraph, type PackTextBody } from '@indicate/contracts';
import { isException, segmentsText } from '@indicate/core';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/field.tsx';
import { ErrorNotice } from '../../components/query-state.tsx';
import { checkForm, type FieldProblems } from '../../lib/forms.ts';
import { useWritePackText } from './api/write-pack-text.ts';

/** Edit an indicator's paragraph, or add the "why, and what we are doing" that amber and red need. */
export function PackEditor({ pack, paragraph }: { pack: Pack; paragraph: PackParagraph }) {
  const [kind, setKind] = useState<PackTextBody['kind']>(isException(paragraph.ragStatus) ? 'commentary' : 'paragraph');
  // The editor opens on the text in force (the commentary, or the paragraph as edited or drafted), to correct it.
  const inForce = (k: PackTextBody['kind']) =>
    k === 'commentary'
      ? (paragraph.commentary?.text ?? '')
      : (paragraph.edited?.text ?? segmentsText(paragraph.draft as Parameters<typeof segmentsText>[0]));
  const [text, setText] = useState(() => inForce(kind));
  const [problems, setProblems] = useState<FieldProblems>({});
  const save = useWritePackText(pack.id);
  const choose = (next: PackTextBody['kind']) => {
    setKind(next);
    setText(inForce(next));
    save.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(PackTextBodySchema, { indicatorId: paragraph.indicatorId, kind, text });
    setProblems(checked.ok ? {} : checked.problems);
    if (checked.ok) save.mutate(checked.body);
  };
  return (
    <details className="pack__editor">
      <summary>
        Edit or add commentary<span className="visually-hidden">: {paragraph.label}</span>
      </summary>
      <form onSubmit={submit}>
        {save.isError && <ErrorNotice error={save.error} />}
        {save.isSuccess && (
          <p role="status" className="notice notice--success">
            Saved. Earlier versions are kept in the history.
          </p>
        )}
        <Field label="What to write" problem={problems.kind}>
          {(control) => (
            <select {...control} value={kind} onChange={(e) => choose(e.target.value as PackTextBody['kind'])}>
              <option value="commentary">Commentary: why, and what we are doing</option>
              <option value="paragraph">A new paragraph in place of the draft</option>
            </select>
          )}
        </Field>
        <Field label="Text" problem={problems.text}>
          {(control) => (
            <textarea
              {...control}
              rows={4}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                save.reset();
              }}
              required
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button--primary" disabled={save.isPending}>
            Save
          </button>
        </div>
      </form>
    </details>
  );
}
