import { useId } from 'react';
import { Link } from '@tanstack/react-router';
import { QueryState } from '../../components/query-state.tsx';
import { dateTime } from '../../lib/dates.ts';
import { useLogs } from '../service-reports/api/reports.ts';

/**
 * The service logs behind the other reports (fostering, complaints, the action plan): each log's template, and
 * the load that holds it now. A log is loaded here like any file, whole, replacing the one before.
 */
export function LogTemplates() {
  const id = useId();
  const logs = useLogs();
  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`}>Service logs</h2>
      <p>
        The <Link to="/service-reports">service reports</Link> are made from the service's own logs. Keep each log as
        you do now, in the columns of its template, and load the whole log below whenever it changes: it replaces the
        one before, which is kept.
      </p>
      <QueryState query={logs} what="the service logs">
        {(list) => (
          <table className="data-table report-table">
            <caption>The logs and what is loaded</caption>
            <thead>
              <tr>
                <th scope="col">Log</th>
                <th scope="col">One row is</th>
                <th scope="col">Loaded now</th>
                <th scope="col">Template</th>
              </tr>
            </thead>
            <tbody>
              {list.map((log) => (
                <tr key={log.kind}>
                  <th scope="row" data-label="Log">
                    {log.title}
                  </th>
                  <td data-label="One row is">{log.rowIs}</td>
                  <td data-label="Loaded now">
                    {log.loadId === null
                      ? 'nothing yet'
                      : `${log.rows} rows, load ${log.loadId} (${log.fileName}, ${dateTime.format(new Date(log.loadedAt!))})`}
                  </td>
                  <td data-label="Template">
                    <a href={`/api/logs/${log.kind}/template.csv`} download>
                      {log.title} template (CSV)
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
