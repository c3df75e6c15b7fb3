import { PackListSchema, PackSchema, type Pack, type PackParagraph } from '@indicate/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ErrorNotice, QueryState, RagBadge, RagKey } from '../../components/status.tsx';
import { getJson, sendJson } from '../../lib/api-client.ts';
import { Link, withQuery, type Location } from '../../lib/router.tsx';
import { ScorecardTables, indicatorUrl } from '../scorecard/scorecard-page.tsx';
import { useSession, type Session } from '../session/session.tsx';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' });
const ChangesSchema = z.object({
  previous: z.object({ id: z.number(), period: z.string() }).nullable(),
  changes: PackSchema.shape.changes.unwrap(),
});

/** The committee pack for an LA and period: covering report, paragraphs by theme, Appendix A. */
export function ReportPage({ la, period, location }: { la: string; period: string; location: Location }) {
  const session = useSession();
  const client = useQueryClient();
  const exceptions = location.search.get('exceptions') === 'true';
  const list = useQuery({
    queryKey: ['packs', la, period],
    queryFn: ({ signal }) => getJson(withQuery('/api/packs', { la, period }), PackListSchema, signal),
  });
  const latest = list.data?.[0];
  const pack = useQuery({
    queryKey: ['pack', latest?.id],
    queryFn: ({ signal }) => getJson(`/api/packs/${latest!.id}`, PackSchema, signal),
    enabled: latest !== undefined,
  });
  const draft = useMutation({
    mutationFn: () => sendJson('POST', '/api/packs', PackSchema, { la, period }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['packs', la, period] }),
  });
  const role = session.data?.user?.role;
  const writer = role === 'analyst' || role === 'service-lead';
  useEffect(() => {
    document.title = `Committee pack, ${pack.data ? `${pack.data.la.name} ${pack.data.period.label}` : period}: Indicate`;
  }, [pack.data, period]);

  return (
    <>
      <p className="breadcrumb">
        <Link href={withQuery('/', { la, period })}>Back to the scorecard</Link>
      </p>
      <QueryState query={list} what="packs">
        {(packs) =>
          packs.length === 0 ? (
            <>
              <h1>Committee pack</h1>
              <p>No pack has been {writer ? 'drafted' : 'published'} for this council and period yet.</p>
              {writer && (
                <button
                  type="button"
                  className="button--primary"
                  onClick={() => draft.mutate()}
                  disabled={draft.isPending}
                >
                  Draft the pack from the data
                </button>
              )}
              {draft.isError && <ErrorNotice error={draft.error} />}
            </>
          ) : (
            <QueryState query={pack} what="pack">
              {(p) => (
                <PackView pack={p} exceptions={exceptions} session={session.data!} onRevise={() => draft.mutate()} />
              )}
            </QueryState>
          )
        }
      </QueryState>
    </>
  );
}

function PackView({
  pack,
  exceptions,
  session,
  onRevise,
}: {
  pack: Pack;
  exceptions: boolean;
  session: Session;
  onRevise: () => void;
}) {
  const client = useQueryClient();
  const role = session.user?.role;
  const writer = role === 'analyst' || role === 'service-lead';
  const move = useMutation({
    mutationFn: (state: 'draft' | 'ready' | 'published') =>
      sendJson('POST', `/api/packs/${pack.id}/state`, PackSchema, { state }),
    onSuccess: (next) => client.setQueryData(['pack', pack.id], next),
  });
  const since = useQuery({
    queryKey: ['pack-changes', pack.id],
    queryFn: ({ signal }) => getJson(`/api/packs/${pack.id}/changes`, ChangesSchema, signal),
  });
  const shown = pack.paragraphs.filter((p) => !exceptions || p.ragStatus === 'amber' || p.ragStatus === 'red');
  const themes = [...new Set(shown.map((p) => p.themeLabel))];
  const base = `/reports/${pack.la.code}/${pack.period.id}`;
  return (
    <article className="pack">
      <h1>
        <span className="h1-kicker">Children and Family Services performance</span>
        {pack.la.name}: {pack.period.label}
      </h1>
      <p>
        Version {pack.version}, <strong>{pack.state === 'ready' ? 'ready for review' : pack.state}</strong>
        {pack.state === 'published'
          ? ` by ${pack.stateChangedBy} on ${dateTime.format(new Date(pack.stateChangedAt))}`
          : ''}
        . Figures as loaded on {date.format(new Date(pack.dataDate))}.
      </p>
      <ul className="pack__actions">
        <li>
          <a href={`/api/packs/${pack.id}/pdf${exceptions ? '?exceptions=true' : ''}`}>Download as PDF</a>
        </li>
        <li>
          <a href={`/api/packs/${pack.id}/appendix?format=csv`}>Appendix A as CSV</a>
        </li>
        <li>
          <a href={`/api/packs/${pack.id}/appendix?format=xlsx`}>Appendix A as Excel</a>
        </li>
        <li>
          <Link href={exceptions ? base : `${base}?exceptions=true`}>
            {exceptions ? 'Show every indicator' : 'Exceptions only (amber and red)'}
          </Link>
        </li>
      </ul>
      {writer && (
        <div className="actions pack__state">
          {pack.state === 'draft' && (
            <button type="button" onClick={() => move.mutate('ready')}>
              Mark ready for review
            </button>
          )}
          {pack.state === 'ready' && (
            <>
              <button type="button" onClick={() => move.mutate('draft')}>
                Back to draft
              </button>
              {role === 'service-lead' && (
                <button type="button" className="button--primary" onClick={() => move.mutate('published')}>
                  Publish
                </button>
              )}
            </>
          )}
          {pack.state === 'published' && (
            <button type="button" onClick={onRevise}>
              Draft a revision from the current data
            </button>
          )}
        </div>
      )}
      {move.isError && <ErrorNotice error={move.error} />}

      <section aria-labelledby="pack-overview">
        <h2 id="pack-overview">Overview</h2>
        {pack.overview.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </section>

      {since.data && since.data.previous && (
        <section aria-labelledby="pack-changed">
          <h2 id="pack-changed">What changed since the last published pack ({since.data.previous.period})</h2>
          <ChangesTable changes={since.data.changes} />
        </section>
      )}
      {pack.changes && pack.changes.length > 0 && (
        <section aria-labelledby="pack-revision">
          <h2 id="pack-revision">Changes in this version</h2>
          <ChangesTable changes={pack.changes} />
        </section>
      )}

      {themes.map((theme) => (
        <section key={theme} aria-labelledby={`pack-${theme}`}>
          <h2 id={`pack-${theme}`}>{theme}</h2>
          {shown
            .filter((p) => p.themeLabel === theme)
            .map((p) => (
              <Paragraph key={p.indicatorId} pack={pack} paragraph={p} session={session} />
            ))}
        </section>
      ))}

      <section aria-labelledby="pack-appendix">
        <h2 id="pack-appendix">Appendix A</h2>
        <ScorecardTables
          card={{
            la: pack.la,
            period: pack.period,
            method: 'mean',
            filters: { theme: null, exceptionsOnly: exceptions, newOnly: false },
            rows: pack.rows.filter(
              (r) => !exceptions || r.assessment.rag.status === 'amber' || r.assessment.rag.status === 'red',
            ),
            notReported: [],
          }}
          filters={{ la: pack.la.code, period: pack.period.id, exceptions, newOnly: false }}
        />
        <h3>RAG key</h3>
        <RagKey rag={pack.ragKey} />
      </section>
    </article>
  );
}

function ChangesTable({ changes }: { changes: NonNullable<Pack['changes']> }) {
  if (changes.length === 0) return <p>Nothing has changed.</p>;
  const words = { revised: 'Value revised', rag: 'RAG changed', new: 'New indicator', dropped: 'No longer reported' };
  return (
    <table className="data-table">
      <caption className="visually-hidden">Changes</caption>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Change</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.indicatorId}-${c.kind}`}>
            <th scope="row">{c.label}</th>
            <td>{words[c.kind]}</td>
            <td>{c.before ?? '–'}</td>
            <td>{c.after ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Paragraph({ pack, paragraph, session }: { pack: Pack; paragraph: PackParagraph; session: Session }) {
  const user = session.user;
  const theme = pack.rows.find((r) => r.indicator.id === paragraph.indicatorId)?.indicator.theme ?? '';
  const mayWrite =
    pack.state !== 'published' &&
    (user?.role === 'analyst' || (user?.role === 'service-lead' && user.themes.includes(theme)));
  return (
    <div className="pack__paragraph">
      <h3>
        {paragraph.label}{' '}
        <RagBadge
          status={paragraph.ragStatus}
          label={
            paragraph.ragStatus === 'none'
              ? 'No RAG'
              : paragraph.ragStatus[0]!.toUpperCase() + paragraph.ragStatus.slice(1)
          }
        />
      </h3>
      {paragraph.edited ? (
        <>
          <p>{paragraph.edited.text}</p>
          <p className="muted">
            Written by {paragraph.edited.author}, {dateTime.format(new Date(paragraph.edited.writtenAt))}; its numbers
            are typed by a person, not traced to the data.
          </p>
        </>
      ) : (
        <p>
          {paragraph.draft.map((s, i) =>
            'text' in s ? (
              <span key={i}>{s.text}</span>
            ) : (
              <Link key={i} className="traced" href={indicatorUrl(s.source.indicatorId, pack.la.code, pack.period.id)}>
                {s.number}
                <span className="visually-hidden">
                  {' '}
                  (source: {s.source.sourceRef ?? s.source.basis}, {s.source.periodId}
                  {s.source.loadId !== null ? `, load ${s.source.loadId}` : ''})
                </span>
              </Link>
            ),
          )}
        </p>
      )}
      {paragraph.commentary && (
        <p>
          <strong>Why, and what we are doing:</strong> {paragraph.commentary.text}{' '}
          <span className="muted">({paragraph.commentary.author})</span>
        </p>
      )}
      {mayWrite && <Editor pack={pack} paragraph={paragraph} />}
    </div>
  );
}

function Editor({ pack, paragraph }: { pack: Pack; paragraph: PackParagraph }) {
  const client = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<'paragraph' | 'commentary'>(
    paragraph.ragStatus === 'amber' || paragraph.ragStatus === 'red' ? 'commentary' : 'paragraph',
  );
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: () =>
      sendJson('PUT', `/api/packs/${pack.id}/text`, PackSchema, { indicatorId: paragraph.indicatorId, kind, text }),
    onSuccess: (next) => {
      setText('');
      client.setQueryData(['pack', pack.id], next);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <details className="pack__editor">
      <summary>
        Edit or add commentary<span className="visually-hidden">: {paragraph.label}</span>
      </summary>
      <form onSubmit={submit}>
        {save.isError && <ErrorNotice error={save.error} />}
        <label htmlFor={`${id}-kind`}>What to write</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'paragraph' | 'commentary')}>
          <option value="commentary">Commentary: why, and what we are doing</option>
          <option value="paragraph">A new paragraph in place of the draft</option>
        </select>
        <label htmlFor={`${id}-text`}>Text</label>
        <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
        <div className="actions">
          <button type="submit" className="button--primary" disabled={save.isPending || text.trim() === ''}>
            Save
          </button>
        </div>
      </form>
    </details>
  );
}
