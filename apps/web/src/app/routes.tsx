import {
  AUDIT_ACTIONS,
  IndicatorParamsSchema,
  NeighboursQuerySchema,
  PackKeySchema,
  ReportKindSchema,
  ReportQuerySchema,
  type Access,
  type Session,
} from '@indicate/contracts';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
  type ErrorComponentProps,
  type ParsedLocation,
} from '@tanstack/react-router';
import { z } from 'zod';
import { indicatorQuery } from '../api/indicator.ts';
import { indicatorsQuery } from '../api/indicators.ts';
import { localAuthoritiesQuery } from '../api/local-authorities.ts';
import { neighboursQuery } from '../api/neighbours.ts';
import { periodsQuery } from '../api/periods.ts';
import { scorecardSetQuery } from '../api/scorecard-set.ts';
import { scorecardQuery } from '../api/scorecard.ts';
import { seriesQuery } from '../api/series.ts';
import { sessionQuery } from '../api/session.ts';
import { summaryQuery } from '../api/summary.ts';
import { auditQuery } from '../features/admin/api/get-audit.ts';
import { settingsQuery } from '../features/admin/api/get-settings.ts';
import { usersQuery } from '../features/admin/api/get-users.ts';
import {
  AllCouncilsSearchSchema,
  CompareSearchSchema,
  loadAllCouncils,
  loadCompare,
} from '../features/benchmarks/routing.ts';
import { commentaryQuery } from '../features/indicator/api/get-commentary.ts';
import { loadsQuery } from '../features/loads/api/get-loads.ts';
import { dfeOverviewQuery, dfePullsQuery } from '../features/dfe/api/dfe.ts';
import { reportQuery } from '../features/service-reports/api/reports.ts';
import { MeasuresSearchSchema } from '../features/measures/search.ts';
import { packChangesQuery } from '../features/report/api/get-pack-changes.ts';
import { packQuery } from '../features/report/api/get-pack.ts';
import { packsQuery } from '../features/report/api/get-packs.ts';
import { ScorecardSearchSchema } from '../features/scorecard/search.ts';
import { healthQuery } from '../features/status/api/get-health.ts';
import { mayOpen } from '../lib/access.ts';
import { parseSearch, stringifySearch, withQuery } from '../lib/search.ts';
import { Forbidden, NotFound, paramsWith, RouteError, Unreachable } from './route-errors.tsx';
import { Shell, type NavItem } from './shell.tsx';

/**
 * Every page of the dashboard, declared once: its address, the search parameters it takes (read with the
 * contract's schemas, with their defaults), who may open it (checked before anything loads), the data it
 * needs (put in the query cache by its loader, so the page renders with it), its code (a chunk of its own)
 * and its error screen.
 */

export type RouterContext = { queryClient: QueryClient };

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The page's name, for its heading on an error screen and in the navigation. */
    title?: string;
    /** The grant the page needs, from the permission table in contracts. */
    access?: Access;
  }
}

/** A page's title, grant and error screen, and the check of that grant before anything loads. */
function page(title: string, access: Access) {
  return {
    staticData: { title, access },
    beforeLoad: ({ context, location }: { context: { session: Session }; location: ParsedLocation }) => {
      // After an admin's reset, the one-time password is for choosing a new one: the account page first.
      if (context.session.user?.mustChangePassword && location.pathname !== '/account') {
        throw redirect({ href: '/account', replace: true });
      }
      if (mayOpen(context.session, access)) return;
      // Not signed in: sign in first, then come back here. Signed in without the grant: say who may.
      if (!context.session.user) throw redirect({ href: withQuery('/sign-in', { redirect: location.href }) });
      throw new Forbidden(access);
    },
    errorComponent: (props: ErrorComponentProps) => <RouteError title={title} {...props} />,
  };
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  // Who is signed in decides every page, so it is known before any page is chosen.
  beforeLoad: async ({ context }) => ({ session: await context.queryClient.ensureQueryData(sessionQuery) }),
  component: () => (
    <Shell nav={NAV}>
      <Outlet />
    </Shell>
  ),
  pendingComponent: () => (
    <Shell nav={[]}>
      <p role="status">Checking who is signed in…</p>
    </Shell>
  ),
  errorComponent: (props: ErrorComponentProps) => (
    <Shell nav={[]}>
      <Unreachable {...props} />
    </Shell>
  ),
  notFoundComponent: NotFound,
});

const scorecardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: ScorecardSearchSchema,
  ...page('Scorecard', 'read'),
  loaderDeps: ({ search }) => ({
    la: search.la,
    period: search.period,
    theme: search.theme,
    rag: search.rag,
    new: search.new,
    themes: search.themes,
    worse: search.worse,
  }),
  loader: async ({ context: { queryClient }, deps }) => {
    const council = [
      ...(deps.la ? [queryClient.prefetchQuery(periodsQuery(deps.la))] : []),
      queryClient.prefetchQuery(localAuthoritiesQuery),
      queryClient.prefetchQuery(indicatorsQuery),
      queryClient.prefetchQuery(scorecardSetQuery),
    ];
    if (!deps.la || !deps.period) {
      // The home council (a setting) and its latest period are the defaults, put in the address so the
      // page can be shared.
      const la = deps.la ?? (await queryClient.ensureQueryData(sessionQuery)).homeLa.code;
      const latest = deps.period ?? (await queryClient.ensureQueryData(periodsQuery(la))).latest?.id;
      if (latest || !deps.la) {
        throw redirect({ href: withQuery('/', { ...deps, la, period: latest }), replace: true });
      }
      await Promise.all(council);
      return;
    }
    const filters = { ...deps, la: deps.la, period: deps.period };
    await Promise.all([
      ...council,
      queryClient.prefetchQuery(scorecardQuery(filters)),
      queryClient.prefetchQuery(summaryQuery(deps.la, deps.period)),
    ]);
  },
  component: lazyRouteComponent(() => import('../features/scorecard/scorecard-page.tsx'), 'ScorecardPage'),
});

const indicatorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/indicators/$id',
  params: { parse: paramsWith(IndicatorParamsSchema), stringify: (params: { id: string }) => params },
  validateSearch: z.object({
    la: NeighboursQuerySchema.shape.la.optional(),
    period: NeighboursQuerySchema.shape.period,
    // The trend's value axis starts at zero unless this is false.
    zero: z.enum(['true', 'false']).optional().catch(undefined),
  }),
  ...page('Indicator', 'read'),
  loaderDeps: ({ search }) => ({ la: search.la, period: search.period }),
  loader: async ({ context: { queryClient }, params: { id }, deps }) => {
    const { period } = deps;
    // With no council in the address, the home council (a setting).
    const la = deps.la ?? (await queryClient.ensureQueryData(sessionQuery)).homeLa.code;
    const charts = Promise.all([
      queryClient.prefetchQuery(indicatorQuery(id)),
      queryClient.prefetchQuery(seriesQuery(id, la)),
      queryClient.prefetchQuery(neighboursQuery(id, la, period)),
    ]);
    // Without a period in the address, the figure is the council's latest.
    const figurePeriod = period ?? (await queryClient.ensureQueryData(periodsQuery(la))).latest?.id ?? null;
    if (figurePeriod !== null) {
      const card = await queryClient.fetchQuery(scorecardQuery({ la, period: figurePeriod })).catch(() => null);
      const figure = card?.rows.find((r) => r.indicator.id === id)?.figure;
      if (figure) await queryClient.prefetchQuery(commentaryQuery({ indicatorId: id, la, period: figure.period.id }));
    }
    await charts;
    return { figurePeriod, la };
  },
  component: lazyRouteComponent(() => import('../features/indicator/indicator-page.tsx'), 'IndicatorPage'),
});

const measuresRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/measures',
  validateSearch: MeasuresSearchSchema,
  ...page('Measures', 'read'),
  loader: ({ context: { queryClient } }) =>
    Promise.all([queryClient.prefetchQuery(indicatorsQuery), queryClient.prefetchQuery(scorecardSetQuery)]),
  component: lazyRouteComponent(() => import('../features/measures/measures-page.tsx'), 'MeasuresPage'),
});

const allCouncilsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/all-councils',
  validateSearch: AllCouncilsSearchSchema,
  ...page('All councils', 'read'),
  loaderDeps: ({ search }) => ({ indicator: search.indicator, period: search.period, la: search.la }),
  loader: ({ context: { queryClient }, deps }) => loadAllCouncils(queryClient, deps),
  component: lazyRouteComponent(() => import('../features/benchmarks/all-councils-page.tsx'), 'AllCouncilsPage'),
});

const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/compare',
  validateSearch: CompareSearchSchema,
  ...page('Compare', 'read'),
  loaderDeps: ({ search }) => ({ la: search.la, indicator: search.indicator }),
  loader: ({ context: { queryClient }, deps }) => loadCompare(queryClient, deps),
  component: lazyRouteComponent(() => import('../features/benchmarks/compare-page.tsx'), 'ComparePage'),
});

const reportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports/$la/$period',
  params: {
    parse: paramsWith(PackKeySchema),
    stringify: (params: { la: string; period: string }) => params,
  },
  // The same choice the PDF takes: amber and red only.
  validateSearch: z.object({ exceptions: z.enum(['true', 'false']).optional() }),
  ...page('Committee pack', 'signed-in'),
  loader: async ({ context: { queryClient }, params: { la, period } }) => {
    const packs = await queryClient.fetchQuery(packsQuery(la, period)).catch(() => null);
    const latest = packs?.[0];
    if (latest) {
      await Promise.all([
        queryClient.prefetchQuery(packQuery(latest.id)),
        queryClient.prefetchQuery(packChangesQuery(latest.id)),
      ]);
    }
  },
  component: lazyRouteComponent(() => import('../features/report/report-page.tsx'), 'ReportPage'),
});

const loadsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/loads',
  ...page('Load data', 'load'),
  loader: ({ context: { queryClient } }) => queryClient.prefetchQuery(loadsQuery),
  component: lazyRouteComponent(() => import('../features/loads/loads-page.tsx'), 'LoadsPage'),
});

const dfeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dfe',
  ...page('DfE data', 'load'),
  loader: ({ context: { queryClient } }) =>
    Promise.all([queryClient.prefetchQuery(dfeOverviewQuery), queryClient.prefetchQuery(dfePullsQuery)]),
  component: lazyRouteComponent(() => import('../features/dfe/dfe-page.tsx'), 'DfePage'),
});

const serviceReportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/service-reports',
  validateSearch: z.object({
    report: ReportKindSchema.optional().catch(undefined),
    period: ReportQuerySchema.shape.period.catch(undefined),
  }),
  ...page('Service reports', 'read'),
  loaderDeps: ({ search }) => ({ report: search.report, period: search.period }),
  loader: ({ context: { queryClient }, deps }) =>
    queryClient.prefetchQuery(reportQuery(deps.report ?? 'fostering', deps.period)),
  component: lazyRouteComponent(
    () => import('../features/service-reports/service-reports-page.tsx'),
    'ServiceReportsPage',
  ),
});

const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/users',
  ...page('Users', 'admin'),
  loader: ({ context: { queryClient } }) =>
    Promise.all([queryClient.prefetchQuery(usersQuery), queryClient.prefetchQuery(indicatorsQuery)]),
  component: lazyRouteComponent(() => import('../features/admin/users-page.tsx'), 'UsersPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: z.object({ action: z.enum(AUDIT_ACTIONS).optional() }),
  ...page('Audit log', 'admin'),
  loaderDeps: ({ search }) => ({ action: search.action }),
  loader: ({ context: { queryClient }, deps }) => queryClient.prefetchQuery(auditQuery(deps.action)),
  component: lazyRouteComponent(() => import('../features/admin/audit-page.tsx'), 'AuditPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  ...page('Settings', 'admin'),
  loader: ({ context: { queryClient } }) =>
    Promise.all([queryClient.prefetchQuery(settingsQuery), queryClient.prefetchQuery(localAuthoritiesQuery)]),
  component: lazyRouteComponent(() => import('../features/admin/settings-page.tsx'), 'SettingsPage'),
});

const aboutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/about',
  ...page('About the data', 'signed-in'),
  loader: ({ context: { queryClient } }) => queryClient.prefetchQuery(healthQuery),
  component: lazyRouteComponent(() => import('../features/status/about-page.tsx'), 'AboutPage'),
});

const glossaryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/glossary',
  ...page('Glossary', 'public'),
  component: lazyRouteComponent(() => import('../features/glossary/glossary-page.tsx'), 'GlossaryPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  ...page('Your account', 'signed-in'),
  component: lazyRouteComponent(() => import('../features/account/account-page.tsx'), 'AccountPage'),
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  // Where to go once signed in: a path on this site only, never another site's address.
  validateSearch: z.object({
    redirect: z
      .string()
      .regex(/^\/(?![/\\])/)
      .optional()
      .catch(undefined),
  }),
  staticData: { title: 'Sign in', access: 'public' },
  beforeLoad: ({ context, search }) => {
    if (context.session.user && search.redirect) throw redirect({ href: search.redirect, replace: true });
  },
  errorComponent: (props: ErrorComponentProps) => <RouteError title="Sign in" {...props} />,
  component: lazyRouteComponent(() => import('../features/session/sign-in-page.tsx'), 'SignInPage'),
});

/** The main navigation, in reading order; each person sees the pages they may open. */
const NAV: NavItem[] = [
  scorecardRoute,
  allCouncilsRoute,
  compareRoute,
  measuresRoute,
  serviceReportsRoute,
  loadsRoute,
  dfeRoute,
  usersRoute,
  auditRoute,
  settingsRoute,
  aboutRoute,
].map((route) => {
  // Every page here hangs from the root, so its own path is its address; page() gave each its title and grant.
  const options = route.options as { path: NavItem['to']; staticData: { title: string; access: Access } };
  return { to: options.path, title: options.staticData.title, access: options.staticData.access };
});

const routeTree = rootRoute.addChildren([
  scorecardRoute,
  indicatorRoute,
  allCouncilsRoute,
  compareRoute,
  measuresRoute,
  reportRoute,
  serviceReportsRoute,
  loadsRoute,
  dfeRoute,
  usersRoute,
  auditRoute,
  settingsRoute,
  aboutRoute,
  glossaryRoute,
  accountRoute,
  signInRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    // The query cache decides what is fresh; the router asks it on every navigation.
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
