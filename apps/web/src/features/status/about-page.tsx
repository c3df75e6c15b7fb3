import { useTitle } from '../../lib/title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { useDataFreshness } from './api/get-data-freshness.ts';
import { DataStatus } from './data-status.tsx';

export function AboutPage() {
  useTitle('About the data');
  return (
    <>
      <h1>About the data</h1>
      <p>
        Quarterly performance indicators for scrutiny committees: each with its target, RAG status, national quartile
        and the average of its ten statistical neighbours, computed from the council's own figures and DfE's published
        data for every council.
      </p>
      <DataStatus />
      <Freshness />
      <p>
        The API behind these pages is described at <a href="/api/docs">the API documentation page</a>.
      </p>
    </>
  );
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });

/** When data was last loaded, and the latest DfE year each national source reaches. */
function Freshness() {
  const freshness = useDataFreshness();
  return (
    <QueryState query={freshness} what="how fresh the data is">
      {(data) => (
        <section aria-labelledby="freshness-heading">
          <h2 id="freshness-heading">How recent the figures are</h2>
          <p>
            {data.lastLoad
              ? `Data was last loaded on ${when.format(new Date(data.lastLoad.at))}${data.lastLoad.fileName ? ` (${data.lastLoad.fileName})` : ''}.`
              : 'No data has been loaded yet.'}{' '}
            DfE publishes each year’s figures months after the year ends, so the council’s latest quarter is compared
            with the latest year DfE has published, named beside each comparison.
          </p>
          {data.sources.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="DfE sources and the year each reaches">
              <table className="data-table">
                <caption>DfE sources and the latest year each reaches</caption>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">Latest year</th>
                    <th scope="col">Loaded</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sources.map((s) => (
                    <tr key={s.fileName + s.loadedAt}>
                      <td>
                        {s.format === 'lait-parquet' ? 'DfE’s Local Authority Interactive Tool (LAIT)' : s.fileName}
                      </td>
                      <td>{s.reaches.longLabel}</td>
                      <td>{when.format(new Date(s.loadedAt))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </QueryState>
  );
}
