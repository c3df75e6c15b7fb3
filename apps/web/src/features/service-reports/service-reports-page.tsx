import { longLabel, periodId, previousPeriod, quarterOf, type Period } from '@indicate/core';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId } from 'react';
import { useSession } from '../../api/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { dateTime } from '../../lib/dates.ts';
import { useTitle } from '../../lib/title.ts';
import { useReport, type ReportKind } from './api/reports.ts';
import { ReportView } from './report-view.tsx';

export const REPORTS: Array<{ id: ReportKind; name: string; about: string }> = [
  {
    id: 'fostering',
    name: 'Fostering service',
    about:
      "The fostering service's report to the committee (National Minimum Standard 25.7): its households and places, recruiting carers, assessments and reviews, every quarter and for the year.",
  },
  {
    id: 'complaints',
    name: 'Complaints and compliments',
    about:
      "Complaints about children's social care under the statutory procedure: how many at each stage, how quickly they were answered, what they were about and what the service learned, with compliments beside them.",
  },
  {
    id: 'inspection',
    name: 'Inspection action plan',
    about:
      "Progress on the action plan after Ofsted's inspection: each recommendation's status, each action with its lead, due date and evidence, and the plan's own deadline.",
  },
];

/** The periods a report can be for: two years of quarters (latest first) and four financial years. */
function periodChoices(today: Date): Array<{ id: string; label: string }> {
  const quarters: Period[] = [quarterOf(today)];
  while (quarters.length < 9) quarters.push(previousPeriod(quarters.at(-1)!));
  const thisYear = quarters[0]!.year;
  const years: Period[] = [0, 1, 2, 3].map((n) => ({ kind: 'financial-year', year: thisYear - n }));
  return [...quarters, ...years].map((p) => ({ id: periodId(p), label: longLabel(p) }));
}

/**
 * Service reports: the committee's other statutory papers (issue 24), made from the service's own logs as
 * loaded: fostering, complaints and compliments, and the inspection action plan. Each for a quarter or a year,
 * with its PDF paper, CSV and Excel; visitors under public read see the public version.
 */
export function ServiceReportsPage() {
  const search = useSearch({ from: '/service-reports' });
  const report = search.report ?? 'fostering';
  const period = search.period;
  const id = useId();
  const navigate = useNavigate();
  const session = useSession();
  const current = REPORTS.find((r) => r.id === report)!;
  useTitle(`${current.name}: service reports`);
  const query = useReport(report, period);
  const choices = periodChoices(new Date());
  const chosen = period ?? query.data?.period.id ?? '';
  const signedIn = session.user !== null;
  const link = (format: 'pdf' | 'csv' | 'xlsx', version?: 'public') =>
    `/api/reports/${report}/${format}?${new URLSearchParams({
      ...(chosen ? { period: chosen } : {}),
      ...(version ? { version } : {}),
    }).toString()}`;
  return (
    <>
      <h1>Service reports</h1>
      <p>
        The committee's other statutory papers, made from the service's own logs as they were loaded. Choose a report
        and the quarter or year it is for.
      </p>
      <nav aria-label="Service reports" className="subnav">
        <ul>
          {REPORTS.map((r) => (
            <li key={r.id}>
              <Link
                to="/service-reports"
                search={{ report: r.id, ...(period ? { period } : {}) }}
                aria-current={r.id === report ? 'page' : undefined}
              >
                {r.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>{current.about}</p>
      <div className="control">
        <label htmlFor={`${id}-period`}>Quarter or year</label>
        <select
          id={`${id}-period`}
          value={chosen}
          onChange={(event) =>
            void navigate({ to: '/service-reports', search: { report, period: event.target.value } })
          }
        >
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <QueryState query={query} what={`the ${current.name.toLowerCase()} report`}>
        {(doc) => (
          <article aria-labelledby={`${id}-title`}>
            <h2 id={`${id}-title`}>
              {doc.title}: {doc.period.label}
            </h2>
            <p className="actions">
              <a href={link('pdf')}>The paper (PDF)</a>{' '}
              <a href={link('csv')} download>
                Tables (CSV)
              </a>{' '}
              <a href={link('xlsx')} download>
                Tables (Excel)
              </a>
              {signedIn && (
                <>
                  {' '}
                  <a href={link('pdf', 'public')}>Public version (PDF)</a>
                </>
              )}
            </p>
            <p className="muted">
              Made from:{' '}
              {doc.sources
                .map((s) =>
                  s.loadId === null
                    ? `${s.title}: not loaded yet`
                    : `${s.title}, load ${s.loadId} (${s.fileName}, ${dateTime.format(new Date(s.loadedAt!))})`,
                )
                .join('; ')}
              .
            </p>
            {doc.withheldNote && <p className="notice">{doc.withheldNote}</p>}
            {doc.notes.map((note) => (
              <p key={note} className="notice notice--warning">
                {note}
              </p>
            ))}
            <ReportView doc={doc} level={2} />
          </article>
        )}
      </QueryState>
    </>
  );
}
