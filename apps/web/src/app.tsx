import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, type JSX } from 'react';
import { AuditPage, SettingsPage, UsersPage } from './features/admin/admin-pages.tsx';
import { IndicatorPage } from './features/indicator/indicator-page.tsx';
import { LoadsPage } from './features/loads/loads-page.tsx';
import { ReportPage } from './features/report/report-page.tsx';
import { ScorecardPage } from './features/scorecard/scorecard-page.tsx';
import {
  ROLE_NAMES,
  SignInPage,
  useSession,
  useSignOut,
  type Role,
  type Session,
} from './features/session/session.tsx';
import { DataStatus } from './features/status/data-status.tsx';
import { Link, useLocation, type Location } from './lib/router.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 60_000, retry: (count, error) => count < 1 && !('status' in error && error.status === 401) },
  },
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

/** Who sees a page: `anyone` includes anonymous visitors under public read. The server enforces the same. */
type Audience = 'anyone' | 'signed-in' | Role;
type Page = { title: string; nav: boolean; audience: Audience; render: (location: Location) => JSX.Element };

const PAGES: Record<string, Page> = {
  '/': {
    title: 'Scorecard',
    nav: true,
    audience: 'anyone',
    render: (location) => <ScorecardPage location={location} />,
  },
  '/loads': { title: 'Load data', nav: true, audience: 'analyst', render: () => <LoadsPage /> },
  '/users': { title: 'Users', nav: true, audience: 'admin', render: () => <UsersPage /> },
  '/audit': {
    title: 'Audit log',
    nav: true,
    audience: 'admin',
    render: (location) => <AuditPage location={location} />,
  },
  '/settings': { title: 'Settings', nav: true, audience: 'admin', render: () => <SettingsPage /> },
  '/about': { title: 'About the data', nav: true, audience: 'signed-in', render: () => <About /> },
};

/** The page for a path: a fixed page, or an indicator page at /indicators/:id. */
function pageFor(pathname: string): Page | undefined {
  const fixed = PAGES[pathname];
  if (fixed) return fixed;
  const report = /^\/reports\/(\d{3})\/([0-9A-Za-z-]{1,20})$/.exec(pathname);
  if (report) {
    const [, la, period] = report as unknown as [string, string, string];
    return {
      title: 'Committee pack',
      nav: false,
      audience: 'signed-in',
      render: (location) => <ReportPage la={la} period={period} location={location} />,
    };
  }
  const match = /^\/indicators\/([a-z0-9-]{1,80})$/.exec(pathname);
  if (match) {
    const id = match[1]!;
    return {
      title: 'Indicator',
      nav: false,
      audience: 'anyone',
      render: (location) => <IndicatorPage id={id} location={location} />,
    };
  }
  return undefined;
}

function allowed(page: Page, session: Session): boolean {
  if (page.audience === 'anyone') return session.user !== null || session.publicRead;
  if (page.audience === 'signed-in') return session.user !== null;
  return session.user?.role === page.audience;
}

function SessionBar({ session }: { session: Session }) {
  const signOut = useSignOut();
  if (!session.user) {
    return (
      <p className="session-bar">
        <Link href="/sign-in">Sign in</Link>
      </p>
    );
  }
  return (
    <p className="session-bar">
      {session.user.name} <span className="muted">({ROLE_NAMES[session.user.role]})</span>{' '}
      <button type="button" className="button--link" onClick={() => signOut.mutate()}>
        Sign out
      </button>
    </p>
  );
}

function Shell() {
  const location = useLocation();
  const session = useSession();
  const pathname = location.pathname;
  const page = pageFor(pathname);
  useEffect(() => {
    document.title = `${page?.title ?? 'Page not found'}: Indicate`;
  }, [page?.title]);

  let content: JSX.Element;
  if (session.isPending) content = <p role="status">Checking who is signed in…</p>;
  else if (session.isError) {
    content = (
      <div role="alert" className="notice notice--error">
        <p>The server could not be reached: {session.error.message}</p>
        <button type="button" onClick={() => void session.refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (!page && pathname !== '/sign-in') {
    content = (
      <>
        <h1>Page not found</h1>
        <p>
          There is no page at {pathname}. <Link href="/">Go to the scorecard</Link>.
        </p>
      </>
    );
  } else if (!session.data.user && (pathname === '/sign-in' || !page || !allowed(page, session.data))) {
    content = <SignInPage session={session.data} />;
  } else if (!page || pathname === '/sign-in') {
    content = (
      <p>
        You are signed in. <Link href="/">Go to the scorecard</Link>.
      </p>
    );
  } else if (!allowed(page, session.data)) {
    content = (
      <>
        <h1>{page.title}</h1>
        <p>
          This page is for{' '}
          {page.audience === 'signed-in' ? 'signed-in users' : ROLE_NAMES[page.audience as Role].toLowerCase()}s only.{' '}
          <Link href="/">Go to the scorecard</Link>.
        </p>
      </>
    );
  } else content = page.render(location);

  const nav = session.data ? Object.entries(PAGES).filter(([, p]) => p.nav && allowed(p, session.data)) : [];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="masthead">
        <p className="masthead__name">Indicate</p>
        <p className="masthead__tagline">Children and Family Services performance</p>
        {nav.length > 0 && (
          <nav aria-label="Main" className="masthead__nav">
            {nav.map(([href, { title }]) => (
              <Link key={href} href={href} aria-current={href === pathname ? 'page' : undefined}>
                {title}
              </Link>
            ))}
          </nav>
        )}
        {session.data && <SessionBar session={session.data} />}
      </header>
      <main id="main" tabIndex={-1}>
        {session.data && !session.data.user && session.data.publicRead && page && allowed(page, session.data) && (
          <p className="notice">
            You are viewing the public version: numbers below {session.data.suppressionThreshold} are not shown, to
            protect the children they describe.
          </p>
        )}
        {content}
      </main>
      <footer className="footer">
        <p>Contains public sector information licensed under the Open Government Licence v3.0.</p>
      </footer>
    </>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}
