import type { LoadSummary } from '@indicate/contracts';
import { useId, useRef, useState } from 'react';
import { QueryState } from '../../components/query-state.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { dateTime } from '../../lib/dates.ts';
import { useTitle } from '../../lib/title.ts';
import { useLoads } from './api/get-loads.ts';
import { reportOf, useCommit, useDryRun } from './api/load-file.ts';
import { useCheckReapply, useReapply } from './api/reapply-load.ts';
import { useRevert } from './api/revert-load.ts';
import { CommitControl } from './commit-control.tsx';
import { LoadReportView } from './load-report.tsx';
import { ComputeFromReturns } from './returns/compute-from-returns.tsx';
import { LogTemplates } from './log-templates.tsx';
import { TemplateDownload } from './template-download.tsx';

/** For analysts: check a file with a dry run, commit exactly that, see the history, revert a load. */
export function LoadsPage() {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const dryRun = useDryRun();
  const commit = useCommit();
  useTitle('Load data');

  const reset = () => {
    setFile(null);
    dryRun.reset();
    commit.reset();
    if (input.current) input.current.value = '';
  };
  const choose = (chosen: File | null) => {
    commit.reset();
    setFile(chosen);
    if (chosen) dryRun.mutate(chosen);
  };

  const refused = reportOf(dryRun.error) ?? reportOf(commit.error);
  const report = dryRun.data;
  return (
    <>
      <h1>Load data</h1>
      <p>
        Load a quarter's figures in the Indicate template (CSV or Excel), a DfE file as published, or one of the service
        logs. Every file is checked first; nothing is written until you commit, and a load can be reverted.
      </p>
      <TemplateDownload />
      <LogTemplates />
      <section aria-labelledby="load-file-heading" className="panel">
        <h2 id="load-file-heading">Check a file</h2>
        <label htmlFor={inputId}>Choose a CSV or Excel (.xlsx) file</label>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
        />
        <div aria-live="polite">
          {dryRun.isPending && <p role="status">Checking {file?.name}…</p>}
          {refused && (
            <div className="notice notice--error" role="alert">
              <h3>{file?.name} cannot be loaded</h3>
              <p>
                It has {refused.counts.errors} error(s). Nothing was written. Correct them and choose the file again.
              </p>
            </div>
          )}
          {dryRun.isError && !refused && (
            <p className="notice notice--error" role="alert">
              {dryRun.error.message}
            </p>
          )}
          {commit.isSuccess && (
            <p className="notice notice--success" role="status">
              Committed {file?.name} as load {commit.data.loadId}: {commit.data.counts.new} new and{' '}
              {commit.data.counts.changed} changed figures.
            </p>
          )}
          {commit.isError && !refused && (
            <p className="notice notice--error" role="alert">
              {commit.error.message}
            </p>
          )}
        </div>
        {refused && <LoadReportView report={refused} />}
        {report && !commit.isSuccess && (
          <>
            <h3>Dry run of {report.fileName}</h3>
            <LoadReportView report={report} />
            <CommitControl
              key={report.planHash}
              report={report}
              pending={commit.isPending}
              label="Commit this load"
              pendingLabel="Committing…"
              onCommit={(confirmJumps) =>
                file && report.planHash && commit.mutate({ file, planHash: report.planHash, confirmJumps })
              }
            >
              <button type="button" onClick={reset}>
                Cancel
              </button>
            </CommitControl>
          </>
        )}
      </section>
      <ComputeFromReturns />
      <LoadHistory />
    </>
  );
}

function LoadHistory() {
  const loads = useLoads();
  const revert = useRevert();
  const check = useCheckReapply();
  const reapply = useReapply();
  const plan = check.data && !reapply.isSuccess ? check.data : null;
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <div aria-live="polite">
        {check.isError && (
          <p className="notice notice--error" role="alert">
            {check.error.message}
          </p>
        )}
        {reapply.isError && (
          <p className="notice notice--error" role="alert">
            {reapply.error.message}
          </p>
        )}
        {reapply.isSuccess && (
          <p className="notice notice--success" role="status">
            Re-applied load {check.variables}: load {reapply.data.loadId} wrote {reapply.data.counts.new} new and{' '}
            {reapply.data.counts.changed} changed figures.
          </p>
        )}
      </div>
      {plan && (
        <div className="panel">
          <h3>Re-applying load {check.variables}</h3>
          <p>
            Its figures are written again as a new load, which can itself be reverted. Nothing is written until you
            confirm.
          </p>
          <LoadReportView report={plan} />
          <div className="actions">
            <button
              type="button"
              className="button--primary"
              disabled={reapply.isPending}
              onClick={() => plan.planHash && reapply.mutate({ id: check.variables!, planHash: plan.planHash })}
            >
              {reapply.isPending ? 'Re-applying…' : `Re-apply load ${check.variables}`}
            </button>
            <button type="button" onClick={() => check.reset()}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {revert.isError && (
        <div className="notice notice--error" role="alert">
          <p>{revert.error.message}</p>
          {revert.error instanceof ApiError && revert.error.status === 409 && Array.isArray(revert.error.details) && (
            <button type="button" onClick={() => revert.mutate({ id: revert.variables.id, confirm: true })}>
              Undo load {revert.variables.id} anyway
            </button>
          )}
        </div>
      )}
      <QueryState query={loads} what="history">
        {(list) =>
          list.length === 0 ? (
            <p>No data has been loaded yet.</p>
          ) : (
            <HistoryTable
              loads={list}
              reverting={revert.isPending || check.isPending || reapply.isPending}
              onRevert={(id) => revert.mutate({ id })}
              onReapply={(id) => {
                reapply.reset();
                check.mutate(id);
              }}
            />
          )
        }
      </QueryState>
    </section>
  );
}

function HistoryTable({
  loads,
  reverting,
  onRevert,
  onReapply,
}: {
  loads: LoadSummary[];
  reverting: boolean;
  onRevert: (id: number) => void;
  onReapply: (id: number) => void;
}) {
  // A reverted load can be re-applied unless a re-apply of it is in force.
  const reappliedInForce = new Set(
    loads.filter((l) => l.reappliesLoadId !== null && l.state === 'committed').map((l) => l.reappliesLoadId),
  );
  return (
    <div className="table-scroll" role="region" aria-label="Every load, newest first" tabIndex={0}>
      <table className="data-table">
        <caption>Every load, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Load</th>
            <th scope="col">When</th>
            <th scope="col">File</th>
            <th scope="col">By</th>
            <th scope="col">Figures</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {loads.map((load) => (
            <tr key={load.id}>
              <td>{load.id}</td>
              <td>{dateTime.format(new Date(load.loadedAt))}</td>
              <td>
                {load.fileName}
                {load.provenance && (
                  <span className="muted">
                    {' '}
                    (computed from {load.provenance.files.length} return file
                    {load.provenance.files.length === 1 ? '' : 's'} as at {load.provenance.asAt}, rule set{' '}
                    {load.provenance.ruleSet})
                  </span>
                )}
              </td>
              <td>{load.loadedBy}</td>
              <td>
                {load.revertsLoadId
                  ? `${load.rowsChanged} restored, ${load.rowsRemoved} removed`
                  : load.logKind
                    ? `A whole log of ${load.rowsRead} rows: ${load.rowsNew} new, ${load.rowsChanged} changed, ${load.rowsRemoved} gone`
                    : `${load.rowsNew} new, ${load.rowsChanged} changed, ${load.rowsUnchanged} unchanged`}
              </td>
              <td>
                {load.state === 'reverted'
                  ? reappliedInForce.has(load.id)
                    ? 'Reverted, then re-applied'
                    : 'Reverted'
                  : load.revertsLoadId
                    ? `Revert of load ${load.revertsLoadId}`
                    : load.reappliesLoadId
                      ? `Re-apply of load ${load.reappliesLoadId}`
                      : 'Committed'}
              </td>
              <td>
                {load.state === 'committed' && !load.revertsLoadId && (
                  <button
                    type="button"
                    disabled={reverting}
                    aria-label={`Revert load ${load.id} (${load.fileName})`}
                    onClick={() => {
                      if (
                        window.confirm(
                          `Revert load ${load.id} (${load.fileName})? Its figures return to what they were before it.`,
                        )
                      ) {
                        onRevert(load.id);
                      }
                    }}
                  >
                    Revert
                  </button>
                )}
                {load.state === 'reverted' && !load.revertsLoadId && !reappliedInForce.has(load.id) && (
                  <button
                    type="button"
                    disabled={reverting}
                    aria-label={`Re-apply load ${load.id} (${load.fileName})`}
                    onClick={() => onReapply(load.id)}
                  >
                    Re-apply
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
