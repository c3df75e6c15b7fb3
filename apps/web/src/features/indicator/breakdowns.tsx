import type { Breakdowns } from '@indicate/contracts';
import { useId } from 'react';
import { useBreakdowns } from '../../api/breakdowns.ts';

/**
 * The figure group by group (age, sex, legal status, placement type, who provides the placement), when it
 * was computed from the council's returns. Each dimension is a table whose bars draw the same numbers (the
 * bars are decoration: the table says every value); in the public view small groups say why they are not
 * shown.
 */
export function BreakdownSection({ id, la, period }: { id: string; la: string; period: string | null }) {
  const query = useBreakdowns(id, la, period);
  // Most figures have no groups: the section appears only for one computed from the council's returns.
  if (!query.data || query.data.dimensions.length === 0) return null;
  return <BreakdownTables data={query.data} />;
}

export function BreakdownTables({ data, inPack = false }: { data: Breakdowns; inPack?: boolean }) {
  const headingId = useId();
  const Heading = inPack ? 'h3' : 'h2';
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>
        {inPack ? `${data.indicator.label}, group by group` : `Group by group: ${data.periodLabel}`}
      </Heading>
      <p>
        {data.la.name}&apos;s {data.indicator.shortLabel.toLowerCase()} for {data.periodLabel}
        {data.total ? ` (${data.total.text} in all)` : ''}, split by the children&apos;s age, sex, legal status and
        placement.
        {data.source ? ` ${data.source}.` : ''}
      </p>
      {data.dimensions.map((d) => {
        const largest = Math.max(0, ...d.groups.map((g) => g.value ?? 0));
        return (
          <div className="table-scroll" role="region" aria-label={d.label} tabIndex={0} key={d.id}>
            <table className="data-table breakdown-table">
              <caption>
                {data.indicator.shortLabel}: {d.label.toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Figure</th>
                  <th scope="col">
                    <span className="visually-hidden">Bar</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.groups.map((g) => (
                  <tr key={g.group}>
                    <th scope="row">{g.label}</th>
                    <td>
                      {g.text}
                      {g.withheld ? <span className="muted"> {g.withheld}</span> : null}
                    </td>
                    <td aria-hidden="true" className="breakdown-bar-cell">
                      {g.value !== null && largest > 0 ? (
                        <span className="breakdown-bar" style={{ width: `${(100 * g.value) / largest}%` }} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
