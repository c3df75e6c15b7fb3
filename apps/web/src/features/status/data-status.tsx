import { useHealth } from './api.ts';

const number = new Intl.NumberFormat('en-GB');

/** What the embedded database holds, so a newcomer can see the data arrived. */
export function DataStatus() {
  const health = useHealth();
  if (health.isPending) {
    return <p role="status">Checking the data…</p>;
  }
  if (health.isError) {
    return (
      <div role="alert" className="notice notice--error">
        <p>The data could not be loaded: {health.error.message}</p>
        <button type="button" onClick={() => void health.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const { database } = health.data;
  return (
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
  );
}
