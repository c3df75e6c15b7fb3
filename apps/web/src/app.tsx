import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, type JSX } from 'react';
import { LoadsPage } from './features/loads/loads-page.tsx';
import { IndicatorPage } from './features/indicator/indicator-page.tsx';
import { ScorecardPage } from './features/scorecard/scorecard-page.tsx';
import { DataStatus } from './features/status/data-status.tsx';
import { Link, useLocation, type Location } from './lib/router.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, retry: 1 } },
});

function About() {
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

type Page = { title: string; nav: boolean; render: (location: Location) => JSX.Element };

const PAGES: Record<string, Page> = {
  '/': { title: 'Scorecard', nav: true, render: (location) => <ScorecardPage location={location} /> },
  '/loads': { title: 'Load data', nav: true, render: () => <LoadsPage /> },
  '/about': { title: 'About the data', nav: true, render: () => <About /> },
};

/** The page for a path: a fixed page, or an indicator page at /indicators/:id. */
function pageFor(pathname: string): Page | undefined {
  const fixed = PAGES[pathname];
  if (fixed) return fixed;
  const match = /^\/indicators\/([a-z0-9-]{1,80})$/.exec(pathname);
  if (match) {
    const id = match[1]!;
    return { title: 'Indicator', nav: false, render: (location) => <IndicatorPage id={id} location={location} /> };
  }
  return undefined;
}

export function App() {
  const location = useLocation();
  const pathname = location.pathname;
  const page = pageFor(pathname);
  useEffect(() => {
    document.title = `${page?.title ?? 'Page not found'}: Indicate`;
  }, [page?.title]);
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
          page.render(location)
        ) : (
          <>
            <h1>Page not found</h1>
            <p>
              There is no page at {pathname}. <Link href="/">Go to the scorecard</Link>.
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
