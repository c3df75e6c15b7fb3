import type { LoadChange, LoadProblem, LoadReport } from '@indicate/contracts';

const number = new Intl.NumberFormat('en-GB');

function figure(f: LoadChange['after'] | null): string {
  if (!f) return '(none)';
  const main = f.value !== null ? String(f.value) : (f.symbol ?? '');
  const parts =
    f.numerator !== null || f.denominator !== null ? ` (${f.numerator ?? '?'} of ${f.denominator ?? '?'})` : '';
  const tolerance = f.tolerance
    ? `, tolerance ${f.tolerance.kind === 'relative' ? `${f.tolerance.amount}%` : `±${f.tolerance.amount}`}`
    : '';
  return `${main}${parts}${f.status === 'provisional' ? ', provisional' : ''}${tolerance}`;
}

function ProblemTable({ caption, problems, total }: { caption: string; problems: LoadProblem[]; total: number }) {
  if (problems.length === 0) return null;
  return (
    <table className="data-table">
      <caption>
        {caption}: {number.format(total)}
        {total > problems.length ? ` (the first ${number.format(problems.length)} are listed)` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Column</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            <td>{p.row ?? 'whole file'}</td>
            <td>{p.column ?? ''}</td>
            <td>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the load will do to each council figure's benchmark and RAG status, those without first. */
function JudgementTable({ report }: { report: LoadReport }) {
  if (report.judgements.length === 0) return null;
  const rows = [...report.judgements].sort((a, b) => Number(a.rag) - Number(b.rag) || a.row - b.row);
  const without = rows.filter((j) => !j.rag).length;
  const ruled = rows.filter((j) => j.ragRule !== 'none').length;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="What this load does to judgements">
      <table className="data-table">
        <caption>
          Judgements: {number.format(ruled - without)} of {number.format(ruled)} figures with a RAG rule will have a RAG
          status{without > 0 ? `; ${number.format(without)} will not (listed first, with how to give one)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Indicator</th>
            <th scope="col">Period</th>
            <th scope="col">Benchmark year</th>
            <th scope="col">RAG status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((j) => (
            <tr key={`${j.row}-${j.indicatorId}`}>
              <td>{j.row}</td>
              <td>{j.indicatorId}</td>
              <td>{j.period.label}</td>
              <td>{j.benchmark ?? 'None'}</td>
              <td>
                {j.ragRule === 'none' ? 'None' : j.rag ? 'Yes' : <strong>No</strong>}
                <span className="parts"> {j.words}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The dry-run (or commit) report as tables an analyst can check row by row. */
/** A service log's load: what it does to the log before it, row by row (compared by each row's key). */
function LogPlanView({ report }: { report: LoadReport }) {
  const log = report.log!;
  const c = report.counts;
  const listed = log.new + log.changed + log.removed;
  return (
    <div className="report">
      <p>
        This is the <strong>{log.title.toLowerCase()}</strong>. Loading it replaces the whole log
        {log.replacesLoadId === null ? ' (none is loaded yet)' : ` held now (load ${log.replacesLoadId})`}; the log
        before it is kept, and reverting this load puts it back.
      </p>
      <dl className="facts facts--small">
        {(
          [
            ['Rows read', c.rowsRead],
            ['New rows', log.new],
            ['Changed rows', log.changed],
            ['Unchanged', log.unchanged],
            ['Rows no longer in the log', log.removed],
            ['Errors', c.errors],
            ['Warnings', c.warnings],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{number.format(n)}</dd>
          </div>
        ))}
      </dl>
      <ProblemTable caption="Errors" problems={report.errors} total={c.errors} />
      <ProblemTable caption="Warnings" problems={report.warnings} total={c.warnings} />
      {log.changes.length > 0 && (
        <table className="data-table">
          <caption>
            Rows new, changed or gone: {number.format(listed)}
            {listed > log.changes.length ? ` (the first ${number.format(log.changes.length)} are listed)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Which</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {log.changes.map((change) => (
              <tr key={`${change.change}-${change.key}`}>
                <td>{change.row ?? 'not in this file'}</td>
                <td>{change.key}</td>
                <td>
                  {change.change === 'new'
                    ? 'new'
                    : change.change === 'removed'
                      ? 'no longer in the log'
                      : `changed: ${change.columns.join(', ')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function LoadReportView({ report }: { report: LoadReport }) {
  if (report.log) return <LogPlanView report={report} />;
  const c = report.counts;
  const listed = c.new + c.changed;
  return (
    <div className="report">
      <dl className="facts facts--small">
        <div>
          <dt>Rows read</dt>
          <dd>{number.format(c.rowsRead)}</dd>
        </div>
        <div>
          <dt>New figures</dt>
          <dd>{number.format(c.new)}</dd>
        </div>
        <div>
          <dt>Changed figures</dt>
          <dd>{number.format(c.changed)}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{number.format(c.unchanged)}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>{number.format(c.errors)}</dd>
        </div>
        <div>
          <dt>Warnings</dt>
          <dd>{number.format(c.warnings)}</dd>
        </div>
      </dl>
      {c.rowsNotUsed > 0 && (
        <p>{number.format(c.rowsNotUsed)} rows of this DfE file are other breakdowns that no indicator uses.</p>
      )}
      <ProblemTable caption="Errors" problems={report.errors} total={c.errors} />
      <ProblemTable caption="Warnings" problems={report.warnings} total={c.warnings} />
      <JudgementTable report={report} />
      {report.changes.length > 0 && (
        <table className="data-table">
          <caption>
            New and changed figures: {number.format(listed)}
            {listed > report.changes.length ? ` (the first ${number.format(report.changes.length)} are listed)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Indicator</th>
              <th scope="col">Place</th>
              <th scope="col">Period</th>
              <th scope="col">Stored now</th>
              <th scope="col">In this file</th>
            </tr>
          </thead>
          <tbody>
            {report.changes.map((change) => (
              <tr key={`${change.row}-${change.indicatorId}`}>
                <td>{change.row}</td>
                <td>{change.indicatorId}</td>
                <td>
                  {change.geographyCode}
                  {change.breakdown ? <span className="muted">, group {change.breakdown}</span> : null}
                </td>
                <td>{change.periodId}</td>
                <td>{figure(change.before)}</td>
                <td>{figure(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
