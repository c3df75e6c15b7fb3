import { AUDIT_ACTIONS } from '@indicate/contracts';
import { getRouteApi } from '@tanstack/react-router';
import { useId } from 'react';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { dateTime } from '../../lib/dates.ts';
import { useTitle } from '../../lib/title.ts';
import { auditUrl, useAudit } from './api/get-audit.ts';
import { actionWords, changeWords } from './audit-words.ts';

const route = getRouteApi('/audit');

export function AuditPage() {
  const { action } = route.useSearch();
  const navigate = route.useNavigate();
  const id = useId();
  const audit = useAudit(action);
  useTitle('Audit log');
  return (
    <>
      <h1>Audit log</h1>
      <p>Every change and every sign-in, newest first. It cannot be edited.</p>
      <div className="controls">
        <div className="control">
          <label htmlFor={`${id}-action`}>Action</label>
          <select
            id={`${id}-action`}
            value={action ?? ''}
            onChange={(e) =>
              void navigate({
                search: { action: (e.target.value || undefined) as (typeof AUDIT_ACTIONS)[number] | undefined },
              })
            }
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionWords(a)}
              </option>
            ))}
          </select>
        </div>
        <p>
          <a href={auditUrl(action, 'csv')}>Download as CSV</a>
        </p>
      </div>
      <QueryState query={audit} what="audit log">
        {(rows) => (
          <ScrollRegion label="The audit log">
            <table className="data-table">
              <caption>{rows.length} entries</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">On</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{dateTime.format(new Date(r.at))}</td>
                    <td>{r.actor}</td>
                    <td>{actionWords(r.action)}</td>
                    <td>{r.target}</td>
                    <td className="audit-change">{changeWords(r.before, r.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </QueryState>
    </>
  );
}
