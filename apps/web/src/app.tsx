import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, type JSX } from 'react';
import { LoadsPage } from './features/loads/loads-page.tsx';
import { DataStatus } from './features/status/data-status.tsx';
import { Link, usePathname } from './lib/router.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, retry: 1 } },
});

function Home() {
  return (
    <>
      <h1>Children and Family Services performance</h1>
      <p>
        Quarterly performance indicators for scrutiny committees: each with its target, RAG status, national quartile
        and the average of its ten statistical neighbours.
      </p>
      <DataStatus />
    </>
  );
}

const PAGES: Record<string, { title: string; render: () => JSX.Element }> = {
  '/': { title: 'Overview', render: () => <Home /> },
  '/loads': { title: 'Load data', render: () => <LoadsPage /> },
};

export function App() {
  const pathname = usePathname();
  const page = PAGES[pathname];
  useEffect(() => {
    document.title = `${page?.title ?? 'Page not found'}: Indicate`;
  }, [page]);
  return (
    <QueryClientProvider client={queryClient}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="masthead">
        <p className="masthead__name">Indicate</p>
        <p className="masthead__tagline">Children and Family Services performance</p>
        <nav aria-label="Main" className="masthead__nav">
          {Object.entries(PAGES).map(([href, { title }]) => (
            <Link key={href} href={href} aria-current={href === pathname ? 'page' : undefined}>
              {title}
            </Link>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page ? (
          page.render()
        ) : (
          <>
            <h1>Page not found</h1>
            <p>
              There is no page at {pathname}. <Link href="/">Go to the overview</Link>.
            </p>
          </>
        )}
      </main>
      <footer className="footer">
        <p>Contains public sector information licensed under the Open Government Licence v3.0.</p>
      </footer>
    </QueryClientProvider>
  );
}
