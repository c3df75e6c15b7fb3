import { QueryState } from '../../components/query-state.tsx';
import { useHealth } from './api/get-health.ts';

const number = new Intl.NumberFormat('en-GB');

/** What the embedded database holds, so a newcomer can see the data arrived. */
export function DataStatus() {
  const health = useHealth();
  return (
    <QueryState query={health} what="data">
      {({ database }) => (
        <section aria-labelledby="data-status-heading">
          <h2 id="data-status-heading">What is loaded</h2>
          <dl className="facts">
            <div>
              <dt>Indicators in the catalogue</dt>
              <dd>{number.format(database.indicators)}</dd>
            </div>
            <div>
              <dt>Local authorities</dt>
              <dd>{number.format(database.localAuthorities)}</dd>
            </div>
            <div>
              <dt>Statistical-neighbour sets (2021 and 2025 models)</dt>
              <dd>{number.format(database.statNeighbourSets)}</dd>
            </div>
          </dl>
        </section>
      )}
    </QueryState>
  );
}
