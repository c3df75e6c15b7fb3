import type { DfePull, DfeSourceStatus } from '@indicate/contracts';
import { useEffect, useRef, useState } from 'react';
import { Explain } from '../../components/explain.tsx';
import { ErrorNotice, QueryState } from '../../components/query-state.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { dateTime } from '../../lib/dates.ts';
import { useTitle } from '../../lib/title.ts';
import {
  useDfeCheck,
  useDfeDecision,
  useDfeOverview,
  useDfePullDetail,
  useDfePullRelease,
  useDfePulls,
} from './api/dfe.ts';

/**
 * DfE data: for analysts, each of DfE's sources with the release Indicate holds, how far its figures reach,
 * when DfE was last asked; "Check now" asks DfE, "Pull" fetches a newer release and stages it as a dry run,
 * and a staged pull lists every figure DfE revised before an analyst approves it (a load like any other).
 */
export function DfePage() {
  useTitle('DfE data');
  const overview = useDfeOverview();
  const check = useDfeCheck();
  const pull = useDfePullRelease();
  const busy = check.isPending || pull.isPending;
  return (
    <>
      <h1>DfE data</h1>
      <p>
        England's, the regions' and every council's figures come from DfE's releases on Explore Education Statistics.
        DfE publishes a new year each autumn and winter and may revise earlier years at the same time (
        <Explain term="dfe-revision">revised figures</Explain>). Here you can ask DfE what it now publishes, fetch a
        release, see exactly what it would change, and load it. Nothing is loaded until you approve it, and an approved
        release can be undone on the Load data page like any load.
      </p>
      <div className="actions">
        <button type="button" className="button--primary" disabled={busy} onClick={() => check.mutate()}>
          {check.isPending ? 'Asking DfE…' : 'Check now'}
        </button>
        <button type="button" disabled={busy} onClick={() => pull.mutate(undefined)}>
          {pull.isPending ? 'Fetching from DfE…' : 'Pull every source that can be pulled'}
        </button>
      </div>
      <div aria-live="polite">
        {check.isError && <ErrorNotice error={check.error} />}
        {check.isSuccess && (
          <p role="status" className="notice notice--success">
            Asked DfE about {check.data.length} sources:{' '}
            {check.data.filter((c) => c.newer).length === 0
              ? 'nothing newer than the releases held.'
              : `a newer release of ${check.data
                  .filter((c) => c.newer)
                  .map((c) => c.dataSet ?? c.file)
                  .join(', ')}. Pull it to see what it changes.`}
          </p>
        )}
        {pull.isError && <ErrorNotice error={pull.error} />}
        {pull.isSuccess && (
          <div role="status" className="notice notice--success">
            <p>
              Fetched {pull.data.pulls.length} release(s): each is staged below, not loaded.
              {pull.data.refused.length > 0 && ` ${pull.data.refused.length} source(s) could not be pulled:`}
            </p>
            {pull.data.refused.length > 0 && (
              <ul>
                {pull.data.refused.map((r) => (
                  <li key={r.source}>
                    {r.source}: {r.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <QueryState query={overview} what="DfE's sources">
        {(data) => (
          <>
            <p>
              The daily check is <strong>{data.dailyCheck ? 'on' : 'off'}</strong>
              {data.dailyCheck
                ? ': Indicate asks DfE once a day and shows what it found here. It never loads anything itself.'
                : ' (an admin can turn it on in Settings).'}{' '}
              DfE is asked at {data.apiUrl} and {data.catalogueUrl}.
            </p>
            <Sources sources={data.sources} busy={busy} onPull={(file) => pull.mutate([file])} />
          </>
        )}
      </QueryState>
      <Pulls />
    </>
  );
}

function Sources({
  sources,
  busy,
  onPull,
}: {
  sources: DfeSourceStatus[];
  busy: boolean;
  onPull: (file: string) => void;
}) {
  return (
    <section aria-labelledby="dfe-sources-heading">
      <h2 id="dfe-sources-heading">DfE's sources</h2>
      <ScrollRegion label="Table of DfE's sources">
        <table className="dfe-sources">
          <caption className="visually-hidden">
            Each DfE source: the release held, how far its figures reach, the last check and the latest pull
          </caption>
          <thead>
            <tr>
              <th scope="col">Data set</th>
              <th scope="col">Figures reach</th>
              <th scope="col">Release held</th>
              <th scope="col">Last checked</th>
              <th scope="col">Latest pull</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => {
              const pullable = s.read && (s.ids.api !== null || s.ids.catalogue !== null);
              return (
                <tr key={s.file}>
                  <th scope="row" className="dfe-file">
                    {s.dataSet ?? s.file}
                    <br />
                    <small className="dfe-file">
                      {s.publication}; {s.file}
                    </small>
                  </th>
                  <td>{s.reaches ?? 'not loaded'}</td>
                  <td>
                    {s.held.releaseTitle}
                    {s.held.from === 'pulled'
                      ? `, pulled (load ${s.held.loadId}${s.held.version !== s.held.releaseTitle ? `, version ${s.held.version}` : ''})`
                      : ', as bundled'}
                  </td>
                  <td>
                    {s.lastCheck ? (
                      <>
                        {dateTime.format(new Date(s.lastCheck.checkedAt))}: {s.lastCheck.published}
                      </>
                    ) : (
                      'not yet'
                    )}
                  </td>
                  <td>{s.latestPull ? `${s.latestPull.state} (pull ${s.latestPull.id})` : 'none'}</td>
                  <td>
                    {pullable ? (
                      <button type="button" disabled={busy} onClick={() => onPull(s.file)}>
                        Pull<span className="visually-hidden"> {s.dataSet ?? s.file}</span>
                      </button>
                    ) : (
                      <small>
                        {s.read
                          ? "Its ids on DfE's site are still to be recorded (data/dfe/sources.yaml)"
                          : 'No measure reads it yet: nothing to pull'}
                      </small>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function Pulls() {
  const pulls = useDfePulls();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section aria-labelledby="dfe-pulls-heading">
      <h2 id="dfe-pulls-heading">Pulled releases</h2>
      <QueryState query={pulls} what="the pulled releases">
        {(list) =>
          list.length === 0 ? (
            <p>No release has been pulled yet.</p>
          ) : (
            <ul className="dfe-pulls">
              {list.map((p) => (
                <li key={p.id}>
                  <PullSummary pull={p} />
                  <button
                    type="button"
                    aria-expanded={open === p.id}
                    onClick={() => setOpen(open === p.id ? null : p.id)}
                  >
                    {open === p.id ? 'Hide' : 'Show'} what pull {p.id} changes
                  </button>
                  {open === p.id && <PullDetail id={p.id} />}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function PullSummary({ pull }: { pull: DfePull }) {
  const r = pull.report;
  return (
    <p>
      <strong>
        Pull {pull.id}: {r.release.releaseTitle}
      </strong>{' '}
      of {pull.source} ({pull.state}
      {pull.loadId !== null ? `, load ${pull.loadId}` : ''}), fetched {dateTime.format(new Date(pull.pulledAt))} by{' '}
      {pull.pulledBy}. {r.counts.revised} figures revised by DfE, {r.counts.newFigures} new
      {r.newYears.length > 0 ? ` (new years: ${r.newYears.map((y) => y.label).join(', ')})` : ''}
      {r.counts.errors > 0 ? `; ${r.counts.errors} errors stop it loading` : ''}.
    </p>
  );
}

function PullDetail({ id }: { id: number }) {
  const pull = useDfePullDetail(id);
  const decide = useDfeDecision();
  const [all, setAll] = useState(false);
  // Approve and Discard go once used: the keyboard's place moves to what happened, not to the page's top.
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (decide.isSuccess) outcome.current?.focus();
  }, [decide.isSuccess]);
  return (
    <QueryState query={pull} what={`pull ${id}`}>
      {(p) => {
        const r = p.report;
        const shown = all ? r.revisions : r.revisions.slice(0, 50);
        return (
          <div className="panel">
            <h3>What pull {p.id} changes</h3>
            <dl className="details-list">
              <dt>Release</dt>
              <dd>
                {r.release.releaseTitle}
                {r.release.via === 'api'
                  ? `, DfE statistics API data set ${r.release.dataSetId}, version ${r.release.version}`
                  : `, DfE data catalogue file ${r.release.dataSetId}`}
                {r.release.published ? `, published ${r.release.published}` : ''}
              </dd>
              <dt>Held until now</dt>
              <dd>{r.held.releaseTitle}</dd>
              <dt>Figures</dt>
              <dd>
                {r.counts.revised} revised by DfE, {r.counts.newFigures} new, {r.counts.replaced} of the council's own
                replaced, {r.counts.unchanged} unchanged
              </dd>
              <dt>New years</dt>
              <dd>{r.newYears.length > 0 ? r.newYears.map((y) => y.label).join(', ') : 'none'}</dd>
              <dt>Councils</dt>
              <dd>
                {r.las.gone.length === 0 && r.las.added.length === 0 && 'the same councils as the release held'}
                {r.las.gone.length > 0 &&
                  `No figures in the latest year for: ${r.las.gone.map((l) => `${l.name} (${l.code})`).join(', ')}. `}
                {r.las.added.length > 0 &&
                  `New: ${r.las.added.map((l) => `${l.name} (${l.code})${l.known ? '' : ", not in Indicate's register, so not loaded"}`).join(', ')}.`}
              </dd>
              <dt>Columns</dt>
              <dd>
                {r.columns.added.length === 0 && r.columns.removed.length === 0
                  ? 'unchanged'
                  : `added: ${r.columns.added.join(', ') || 'none'}; dropped: ${r.columns.removed.join(', ') || 'none'}`}
              </dd>
            </dl>
            {r.notes.map((n) => (
              <p key={n} className="notice">
                {n}
              </p>
            ))}
            {r.errors.length > 0 && (
              <div className="notice notice--error">
                <p>It cannot be loaded:</p>
                <ul>
                  {r.errors.slice(0, 20).map((e, i) => (
                    <li key={i}>
                      {e.row !== null ? `row ${e.row}, ` : ''}
                      {e.column ? `${e.column}: ` : ''}
                      {e.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {r.revisions.length > 0 && (
              <>
                <h4>Figures DfE has revised</h4>
                <ScrollRegion label={`Figures revised in pull ${p.id}`}>
                  <table>
                    <caption className="visually-hidden">
                      Each figure DfE revised: the figure held and DfE's new one
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Measure</th>
                        <th scope="col">Place</th>
                        <th scope="col">Year</th>
                        <th scope="col">Held</th>
                        <th scope="col">DfE's new figure</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((v) => (
                        <tr key={`${v.indicatorId}|${v.geographyCode}|${v.periodId}|${v.geographyLevel}`}>
                          <td>{v.label}</td>
                          <td>{v.place}</td>
                          <td>{v.periodLabel}</td>
                          <td>
                            {v.before}
                            {v.heldFrom === 'council'
                              ? " (the council's own)"
                              : v.heldFrom === 'lait'
                                ? ' (from LAIT)'
                                : ''}
                          </td>
                          <td>{v.after}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
                {r.revisions.length > 50 && (
                  <button type="button" onClick={() => setAll(!all)}>
                    {all ? 'Show the first 50' : `Show all ${r.revisions.length}`}
                  </button>
                )}
              </>
            )}
            <div aria-live="polite">
              {decide.isError && <ErrorNotice error={decide.error} />}
              {decide.isSuccess && decide.data.id === p.id && (
                <p role="status" className="notice notice--success" ref={outcome} tabIndex={-1}>
                  {decide.data.state === 'approved'
                    ? `Loaded as load ${decide.data.loadId}. It can be undone on the Load data page.`
                    : 'Discarded: nothing was loaded.'}
                </p>
              )}
            </div>
            {p.state === 'staged' && (
              <div className="actions">
                <button
                  type="button"
                  className="button--primary"
                  disabled={!p.approvable || decide.isPending}
                  onClick={() => p.planHash && decide.mutate({ id: p.id, decision: 'approve', planHash: p.planHash })}
                >
                  {decide.isPending ? 'Working…' : `Approve and load pull ${p.id}`}
                </button>
                <button
                  type="button"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: p.id, decision: 'discard' })}
                >
                  Discard pull {p.id}
                </button>
              </div>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
