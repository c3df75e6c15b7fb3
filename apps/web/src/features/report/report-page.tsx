import { BreakdownTables } from '../indicator/breakdowns.tsx';
import { ReportView } from '../service-reports/report-view.tsx';
import { may, mayWriteForTheme, type Pack, type PackParagraph, type Session } from '@indicate/contracts';
import { isException } from '@indicate/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useSession } from '../../api/session.ts';
import { Explain } from '../../components/explain.tsx';
import { ErrorNotice, QueryState } from '../../components/query-state.tsx';
import { RagBadge, RagKey } from '../../components/rag.tsx';
import { ScorecardTables } from '../../components/scorecard-tables.tsx';
import { dateTime, longDate } from '../../lib/dates.ts';
import { useTitle } from '../../lib/title.ts';
import { useDraftPack } from './api/draft-pack.ts';
import { usePack } from './api/get-pack.ts';
import { usePackChanges } from './api/get-pack-changes.ts';
import { usePacks } from './api/get-packs.ts';
import { useMovePack } from './api/move-pack.ts';
import { useRefreshPack } from './api/refresh-pack.ts';
import { PackChanges } from './pack-changes.tsx';
import { PackEditor } from './pack-editor.tsx';
import { KeyMessages } from '../key-messages/key-messages.tsx';

const route = getRouteApi('/reports/$la/$period');

/** The committee pack for an LA and period: covering report, paragraphs by theme, Appendix A. */
export function ReportPage() {
  const { la, period } = route.useParams();
  const exceptions = route.useSearch().exceptions === 'true';
  const session = useSession();
  const list = usePacks(la, period);
  const latest = list.data?.[0];
  const pack = usePack(latest?.id);
  const draft = useDraftPack(la, period);
  const writer = may(session.user?.role, 'pack');
  useTitle(`Committee pack, ${pack.data ? `${pack.data.la.name} ${pack.data.period.label}` : period}`);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/" search={{ la, period }}>
          Back to the scorecard
        </Link>
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
              {(p) => <PackView pack={p} exceptions={exceptions} session={session} onRevise={() => draft.mutate()} />}
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
  const role = session.user?.role;
  const move = useMovePack(pack.id);
  const refresh = useRefreshPack(pack.id);
  const since = usePackChanges(pack.id);
  const shown = pack.paragraphs.filter((p) => !exceptions || isException(p.ragStatus));
  const themes = [...new Set(shown.map((p) => p.themeLabel))];
  const params = { la: pack.la.code, period: pack.period.id };
  return (
    <article className="pack">
      <h1>
        <span className="h1-kicker">{pack.serviceName} performance</span>
        {pack.la.name}: {pack.period.label}
      </h1>
      <p>
        Version {pack.version}, <strong>{pack.state === 'ready' ? 'ready for review' : pack.state}</strong>
        {pack.state === 'published'
          ? ` by ${pack.stateChangedBy} on ${dateTime.format(new Date(pack.stateChangedAt))}`
          : ''}
        . Figures as loaded on {longDate.format(new Date(pack.dataDate))}.
      </p>
      {pack.dfeRevisions.length > 0 && (
        <section className="notice notice--warning" aria-labelledby="pack-dfe-revisions">
          <h2 className="notice__title" id="pack-dfe-revisions">
            <Explain term="dfe-revision">Figures DfE has since revised</Explain>
          </h2>
          <p>This pack is printed as the committee read it. DfE has since published new figures for these:</p>
          <ul>
            {pack.dfeRevisions.map((r) => (
              <li key={`${r.indicatorId}|${r.what}|${r.periodLabel}`}>
                <strong>{r.label}</strong>: {r.words}
              </li>
            ))}
          </ul>
        </section>
      )}
      {pack.readiness.blockers.length > 0 && (
        <div className="notice notice--warning" role="status">
          <h2 className="notice__title">Out of date: refresh before it moves on</h2>
          {pack.readiness.blockers.map((b) => (
            <p key={b}>{b}</p>
          ))}
          {may(role, 'pack') && (
            <button type="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
              Refresh from the data
            </button>
          )}
          {refresh.isError && <ErrorNotice error={refresh.error} />}
        </div>
      )}
      {pack.state !== 'published' && pack.readiness.warnings.length > 0 && (
        <details className="readiness">
          <summary>
            Before it goes to committee: {pack.readiness.warnings.length} thing
            {pack.readiness.warnings.length === 1 ? '' : 's'} to check
          </summary>
          <ul>
            {pack.readiness.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <ul className="pack__actions">
        <li>
          <a href={`/api/packs/${pack.id}/pdf${exceptions ? '?exceptions=true' : ''}`}>
            Download the committee paper as PDF
          </a>
        </li>
        {(pack.annex.length > 0 || pack.serviceReportsAnnex.length > 0) && (
          <li>
            <a href={`/api/packs/${pack.id}/pdf?part=annex`}>Members-only annex as PDF (not for publication)</a>
          </li>
        )}
        <li>
          <a href={`/api/packs/${pack.id}/appendix?format=csv`}>Appendix A as CSV</a>
        </li>
        <li>
          <a href={`/api/packs/${pack.id}/appendix?format=xlsx`}>Appendix A as Excel</a>
        </li>
        <li>
          <Link to="/reports/$la/$period" params={params} search={exceptions ? {} : { exceptions: 'true' }}>
            {exceptions ? 'Show every indicator' : 'Exceptions only (amber and red)'}
          </Link>
        </li>
      </ul>
      {may(role, 'pack') && (
        <div className="actions pack__state">
          {pack.state === 'draft' && (
            <button type="button" onClick={() => move.mutate('ready')} disabled={pack.readiness.blockers.length > 0}>
              Mark ready for review
            </button>
          )}
          {pack.state === 'ready' && (
            <>
              <button type="button" onClick={() => move.mutate('draft')}>
                Back to draft
              </button>
              {may(role, 'publish') && (
                <button
                  type="button"
                  className="button--primary"
                  onClick={() => move.mutate('published')}
                  disabled={pack.readiness.blockers.length > 0}
                >
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

      <KeyMessages
        la={pack.la.code}
        period={pack.period.id}
        rows={pack.rows}
        frozen={pack.state === 'published' ? pack.keyMessage : undefined}
      />

      <section aria-labelledby="pack-overview">
        <h2 id="pack-overview">Overview</h2>
        {pack.overview.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </section>

      {since.data && since.data.previous && (
        <section aria-labelledby="pack-changed">
          <h2 id="pack-changed">What changed since the last published pack ({since.data.previous.period})</h2>
          <PackChanges changes={since.data.changes} />
        </section>
      )}
      {pack.changes && pack.changes.length > 0 && (
        <section aria-labelledby="pack-revision">
          <h2 id="pack-revision">Changes in this version</h2>
          <PackChanges changes={pack.changes} />
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

      {pack.breakdowns.length > 0 && (
        <section aria-labelledby="pack-groups">
          <h2 id="pack-groups">Group by group</h2>
          <p>
            The figures computed from the council&apos;s own returns, split by the children&apos;s age, sex, legal
            status and placement: for example, children placed by the council itself and those placed by other
            providers.
          </p>
          {pack.breakdowns.map((b) => (
            <BreakdownTables key={b.indicator.id} data={b} inPack />
          ))}
        </section>
      )}

      {pack.serviceReports.length > 0 && !exceptions && (
        <section aria-labelledby="pack-service-reports">
          <h2 id="pack-service-reports">The committee&apos;s other reports</h2>
          <p>
            From the service&apos;s own logs, for the same quarter, as the public reads them. Each is on the{' '}
            <Link to="/service-reports">Service reports</Link> page in full.
          </p>
          {pack.serviceReports.map((r) => (
            <section key={r.report} aria-labelledby={`pack-report-${r.report}`}>
              <h3 id={`pack-report-${r.report}`}>
                {r.title}: {r.period.label}
              </h3>
              {r.withheldNote && <p className="notice">{r.withheldNote}</p>}
              {r.notes.map((note) => (
                <p key={note} className="notice notice--warning">
                  {note}
                </p>
              ))}
              <ReportView doc={r} level={4} />
            </section>
          ))}
        </section>
      )}

      <section aria-labelledby="pack-appendix">
        <h2 id="pack-appendix">Appendix A</h2>
        <ScorecardTables
          card={{
            la: pack.la,
            period: pack.period,
            method: 'mean',
            filters: { theme: null, themes: null, exceptionsOnly: exceptions, newOnly: false, worseOnly: false },
            rows: pack.rows.filter((r) => !exceptions || isException(r.assessment.rag.status)),
            notReported: [],
          }}
        />
        <h3>RAG key</h3>
        <RagKey rag={pack.ragKey} />
      </section>

      {pack.serviceReportsAnnex.length > 0 && (
        <section aria-labelledby="pack-reports-annex" className="pack__annex">
          <h2 id="pack-reports-annex">Members-only annex: the other reports in full, not for publication</h2>
          <p>
            The other reports above leave out small numbers. Members of the committee see them here and in the annex
            PDF. Do not quote them in public.
          </p>
          <details>
            <summary>Show the other reports in full</summary>
            {pack.serviceReportsAnnex.map((r) => (
              <section key={r.report} aria-labelledby={`pack-annex-report-${r.report}`}>
                <h3 id={`pack-annex-report-${r.report}`}>
                  {r.title}: {r.period.label} (in full)
                </h3>
                <ReportView doc={r} level={4} idPrefix="annex-" />
              </section>
            ))}
          </details>
        </section>
      )}

      {pack.annex.length > 0 && (
        <section aria-labelledby="pack-annex" className="pack__annex">
          <h2 id="pack-annex">Members-only annex: not for publication</h2>
          <p>
            The committee paper above is public, so it leaves out small numbers (which could identify children) and
            anything that would let one be worked out. Members of the committee see them here and in the annex PDF,
            which is marked not for publication. Do not quote them in public.
          </p>
          <details>
            <summary>
              Show the {pack.annex.length === 1 ? 'figure' : `${pack.annex.length} figures`} the paper leaves out
            </summary>
            <ul>
              {pack.annex.map((a) => (
                <li key={a.row.indicator.id}>
                  {a.row.indicator.label}: the paper leaves out {a.withheld.join(', ')}.
                </li>
              ))}
            </ul>
            <ScorecardTables
              within="annex"
              card={{
                la: pack.la,
                period: pack.period,
                method: 'mean',
                filters: { theme: null, themes: null, exceptionsOnly: false, newOnly: false, worseOnly: false },
                rows: pack.annex.map((a) => a.row),
                notReported: [],
              }}
            />
            <p>
              <a href={`/api/packs/${pack.id}/appendix?format=csv&part=annex`}>Annex as CSV</a> ·{' '}
              <a href={`/api/packs/${pack.id}/appendix?format=xlsx&part=annex`}>Annex as Excel</a>
            </p>
          </details>
        </section>
      )}
    </article>
  );
}

function Paragraph({ pack, paragraph, session }: { pack: Pack; paragraph: PackParagraph; session: Session }) {
  // Until it is published, whoever drafts packs may edit, a service lead only for their own themes.
  const mayWrite =
    pack.state !== 'published' && may(session.user?.role, 'pack') && mayWriteForTheme(session.user, paragraph.theme);
  return (
    <div className="pack__paragraph">
      <h3>
        {paragraph.label} <RagBadge status={paragraph.ragStatus} />
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
        <>
          {/* The numbers read as plain text (aloud and when copied); where each comes from is a visible note. */}
          <p>
            {paragraph.draft.map((s, i) => (
              <span key={i}>{'text' in s ? s.text : s.number}</span>
            ))}
          </p>
          <details className="sources">
            <summary>
              Where these numbers come from<span className="visually-hidden">: {paragraph.label}</span>
            </summary>
            <ul>
              {paragraph.draft.flatMap((s, i) =>
                'number' in s
                  ? [
                      <li key={i}>
                        {s.number}: {SOURCE_WORDS[s.source.what] ?? s.source.what}, {s.source.periodId}
                        {s.source.sourceRef ? `, ${s.source.sourceRef}` : ''}
                        {s.source.loadId !== null ? ` (load ${s.source.loadId})` : ''}.
                      </li>,
                    ]
                  : [],
              )}
            </ul>
            <p>
              <Link
                to="/indicators/$id"
                params={{ id: paragraph.indicatorId }}
                search={{ la: pack.la.code, period: pack.period.id }}
              >
                The indicator&apos;s page<span className="visually-hidden">: {paragraph.label}</span>
              </Link>{' '}
              shows every figure and comparison.
            </p>
          </details>
        </>
      )}
      {paragraph.commentary && (
        <p>
          <strong>Why, and what we are doing:</strong> {paragraph.commentary.text}{' '}
          <span className="muted">
            ({paragraph.commentary.author}
            {paragraph.commentaryStatus === 'draft' ? '; a draft until a service lead publishes commentary' : ''})
          </span>
        </p>
      )}
      {paragraph.history.length > 0 && (
        <details className="history">
          <summary>
            Earlier versions ({paragraph.history.length})<span className="visually-hidden">: {paragraph.label}</span>
          </summary>
          <ol>
            {paragraph.history.map((h, i) => (
              <li key={i}>
                {h.kind === 'commentary' ? 'Commentary' : 'Paragraph'}: {h.text}{' '}
                <span className="muted">
                  ({h.author}, {dateTime.format(new Date(h.writtenAt))})
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}
      {mayWrite && <PackEditor pack={pack} paragraph={paragraph} />}
    </div>
  );
}

/** What each traced number is, in words. */
const SOURCE_WORDS: Record<string, string> = {
  figure: 'the council’s figure',
  numerator: 'the count behind it',
  previous: 'the previous figure',
  count: 'the change in children',
  'cut-point': 'distance to the next quartile, from every council’s figures',
  neighbours: 'the statistical neighbours’ average',
  england: 'England’s figure',
  target: 'the target',
};
