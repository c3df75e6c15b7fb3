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
export function LoadReportView({ report }: { report: LoadReport }) {
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
