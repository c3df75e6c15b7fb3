import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sessionKey } from './api/session.ts';
import { isExpected } from './app/route-errors.tsx';
import { createAppRouter } from './app/routes.tsx';
import { ApiError, SIGNED_OUT_EVENT } from './lib/api-client.ts';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      // Once more when the server could not be reached or failed (5xx); a refusal (4xx) would only be repeated.
      retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
const router = createAppRouter(queryClient);

// The server said the session has ended: read it again, then check again who may see the page on screen.
window.addEventListener(SIGNED_OUT_EVENT, () => {
  void queryClient.refetchQueries({ queryKey: sessionKey }).then(() => router.invalidate());
});

createRoot(document.getElementById('root')!, {
  // A page for another role, or an address a page cannot read, is said on screen; it is not a fault.
  onCaughtError: (error, info) => {
    if (!isExpected(error)) console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
