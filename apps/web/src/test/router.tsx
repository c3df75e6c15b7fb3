import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { parseSearch, stringifySearch } from '../lib/search.ts';

/** Renders a component that links to pages, inside a router with the dashboard's paths and search format. */
export async function renderWithRouter(ui: ReactNode) {
  const root = createRootRoute({ component: Outlet });
  const tree = root.addChildren(
    ['/', '/indicators/$id', '/reports/$la/$period', '/glossary'].map((path) =>
      createRoute({ getParentRoute: () => root, path, component: () => ui }),
    ),
  );
  const router = createRouter({
    routeTree: tree,
    history: createMemoryHistory({ initialEntries: ['/'] }),
    parseSearch,
    stringifySearch,
  });
  await router.load();
  return render(<RouterProvider router={router as never} />);
}
