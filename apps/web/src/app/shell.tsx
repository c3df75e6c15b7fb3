import type { Access, Session } from '@indicate/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link, useRouterState, type LinkProps } from '@tanstack/react-router';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { sessionQuery } from '../api/session.ts';
import { useSignOut } from '../features/session/api/sign-out.ts';
import { mayOpen } from '../lib/access.ts';
import { ROLE_NAMES } from '../lib/words.ts';

/** A page in the main navigation, shown to those who may open it. */
export type NavItem = { to: NonNullable<LinkProps['to']>; title: string; access: Access };

/** Masthead with the navigation and who is signed in, the page, and the licence in the footer. */
export function Shell({ nav, children }: { nav: readonly NavItem[]; children: ReactNode }) {
  // Not suspended: the shell also frames the screens shown before the session has loaded, or when it cannot.
  const session = useQuery(sessionQuery).data;
  const page = useRouterState({ select: (state) => state.matches.at(-1)?.staticData });
  const shown = session ? nav.filter((item) => mayOpen(session, item.access)) : [];
  // On a phone the navigation is behind a Menu button (one column of links, not nine wrapped ones).
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const path = useRouterState({ select: (state) => state.location.pathname });
  useEffect(() => setMenuOpen(false), [path]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="masthead">
        <p className="masthead__name">Indicate</p>
        <p className="masthead__tagline">{session?.serviceName ?? 'Children and Family Services'} performance</p>
        {shown.length > 0 && (
          <button
            type="button"
            className="masthead__menu"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
        )}
        {shown.length > 0 && (
          <nav aria-label="Main" id={navId} className="masthead__nav" data-open={menuOpen}>
            {shown.map((item) => (
              <Link key={item.title} to={item.to} activeOptions={{ exact: true, includeSearch: false }}>
                {item.title}
              </Link>
            ))}
          </nav>
        )}
        {session && <SessionBar session={session} />}
      </header>
      <main id="main" tabIndex={-1}>
        {session && !session.user && session.publicRead && page?.access === 'read' && (
          <p className="notice">
            You are viewing the public version: numbers below {session.suppressionThreshold} are not shown, to protect
            the children they describe.
          </p>
        )}
        {children}
      </main>
      <footer className="footer">
        <p>
          <Link to="/glossary">Glossary: what the words mean</Link>
        </p>
        <p>Contains public sector information licensed under the Open Government Licence v3.0.</p>
      </footer>
    </>
  );
}

function SessionBar({ session }: { session: Session }) {
  const signOut = useSignOut();
  if (!session.user) {
    return (
      <p className="session-bar">
        <Link to="/sign-in">Sign in</Link>
      </p>
    );
  }
  return (
    <p className="session-bar">
      <Link to="/account">{session.user.name}</Link> <span className="muted">({ROLE_NAMES[session.user.role]})</span>{' '}
      <button type="button" className="button--link" onClick={() => signOut.mutate()}>
        Sign out
      </button>
    </p>
  );
}
