import type { Session } from '@indicate/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { sessionKey } from '../api/session.ts';

/** A signed-in analyst's session, as GET /api/session gives it, with the bundled defaults. */
export const ANALYST_SESSION: Session = {
  user: {
    id: 1,
    email: 'analyst@example.org',
    name: 'Analyst',
    role: 'analyst',
    themes: [],
    mustChangePassword: false,
  },
  csrfToken: 'token',
  publicRead: false,
  suppressionThreshold: 5,
  homeLa: { code: '855', name: 'Leicestershire' },
  serviceName: 'Children and Family Services',
  noUsersYet: false,
};

/** Renders a component that reads the session (useSession), with the session already loaded. */
export async function renderWithSession(ui: ReactNode, session: Session = ANALYST_SESSION) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(sessionKey, session);
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}
