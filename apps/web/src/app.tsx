import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { DataStatus } from './features/status/data-status.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, retry: 1 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="masthead">
        <p className="masthead__name">Indicate</p>
        <p className="masthead__tagline">Children and Family Services performance</p>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>Children and Family Services performance</h1>
        <p>
          Quarterly performance indicators for scrutiny committees: each with its target, RAG status, national quartile
          and the average of its ten statistical neighbours.
        </p>
        <DataStatus />
      </main>
      <footer className="footer">
        <p>Contains public sector information licensed under the Open Government Licence v3.0.</p>
      </footer>
    </QueryClientProvider>
  );
}
