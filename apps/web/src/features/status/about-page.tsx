import { useTitle } from '../../lib/title.ts';
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
      <p>
        The API behind these pages is described at <a href="/api/docs">the API documentation page</a>.
      </p>
    </>
  );
}
