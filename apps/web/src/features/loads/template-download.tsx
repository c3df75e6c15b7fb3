import { periodId, periodRef, previousPeriod, quarterOf, type Period } from '@indicate/core';
import { useId, useState } from 'react';
import { useSession } from '../../api/session.ts';

/** The quarters an analyst is likely to be reporting: this one and the four before it, latest first. */
function recentQuarters(today: Date): Period[] {
  const quarters = [quarterOf(today)];
  while (quarters.length < 5) quarters.push(previousPeriod(quarters.at(-1)!));
  return quarters;
}

/**
 * The template for the quarter being reported, as CSV or Excel: the home council's rows for the
 * scorecard set, with the instructions in the file.
 */
export function TemplateDownload({ today = new Date() }: { today?: Date }) {
  const id = useId();
  const session = useSession();
  const quarters = recentQuarters(today);
  // Councils report the quarter just ended.
  const [quarter, setQuarter] = useState(periodId(quarters[1]!));
  const query = `?quarter=${encodeURIComponent(quarter)}`;
  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`}>Get the template</h2>
      <p>One row for each indicator on the scorecard, for {session.homeLa.name}, with the instructions in the file.</p>
      <div className="control">
        <label htmlFor={`${id}-quarter`}>Quarter you are reporting</label>
        <select id={`${id}-quarter`} value={quarter} onChange={(event) => setQuarter(event.target.value)}>
          {quarters.map((q) => (
            <option key={periodId(q)} value={periodId(q)}>
              {periodRef(q).longLabel}
            </option>
          ))}
        </select>
      </div>
      <p className="actions">
        <a href={`/api/loads/template.csv${query}`} download>
          Download the template (CSV)
        </a>{' '}
        <a href={`/api/loads/template.xlsx${query}`} download>
          Download the template (Excel)
        </a>
      </p>
    </section>
  );
}
