// Every route of the SPA. Page modules are loaded on demand, so /sign-in and /verify never download the
// dashboards; the loaders stay here because they only need the session, which every page shares.
import type { CurrentUser } from "@pwp/shared/auth";
import type { OrganizationKind } from "@pwp/shared/enums";
import { createBrowserRouter, redirect, type LoaderFunctionArgs } from "react-router";
import { getDashboardPath, paths, readRedirectTarget } from "@/config/paths";
import { currentUserQueryOptions, resetSessionCache } from "@/features/auth/api/get-current-user";
import { subscribeToSessionEnd } from "@/lib/api-client";
import { queryClient } from "@/lib/query-client";
import { RootHydrateFallback, RootLayout } from "./routes/root-layout";
import { RouteErrorBoundary } from "./routes/route-error";

/** The first call on a fresh page load trades the refresh cookie for a session; later calls hit the cache. */
function loadCurrentUser(): Promise<CurrentUser | null> {
  return queryClient.ensureQueryData(currentUserQueryOptions());
}

async function requireSignedInUser(request: Request): Promise<CurrentUser> {
  const user = await loadCurrentUser();
  if (!user) {
    const url = new URL(request.url);
    throw redirect(paths.signIn.getHref(`${url.pathname}${url.search}`));
  }
  return user;
}

/** Each organisation kind has its own dashboard; opening another kind's sends the user to theirs. */
function createDashboardLoader(kind: OrganizationKind) {
  return async ({ request }: LoaderFunctionArgs) => {
    const user = await requireSignedInUser(request);
    if (user.organization.kind !== kind) throw redirect(getDashboardPath(user.organization.kind));
    return null;
  };
}

const importDashboardRoute = () =>
  import("./routes/dashboards/dashboard").then((module) => ({ Component: module.DashboardRoute }));

export const router = createBrowserRouter([
  {
    Component: RootLayout,
    HydrateFallback: RootHydrateFallback,
    ErrorBoundary: RouteErrorBoundary,
    children: [
      {
        path: paths.home.path,
        loader: async () => {
          const user = await loadCurrentUser();
          throw redirect(user ? getDashboardPath(user.organization.kind) : paths.signIn.getHref());
        },
        // Never shown, the loader always redirects; it keeps the router from warning about an empty leaf route.
        Component: () => null,
      },
      {
        path: paths.signIn.path,
        loader: async ({ request }) => {
          // If the server cannot be reached the form still shows; signing in will say what is wrong.
          const user = await loadCurrentUser().catch(() => null);
          if (user) throw redirect(readRedirectTarget(new URL(request.url).search) ?? getDashboardPath(user.organization.kind));
          return null;
        },
        lazy: () => import("./routes/sign-in").then((module) => ({ Component: module.SignInRoute })),
      },
      {
        path: paths.verify.path,
        lazy: () => import("./routes/verify").then((module) => ({ Component: module.VerifyRoute })),
      },
      {
        loader: async ({ request }) => {
          await requireSignedInUser(request);
          return null;
        },
        lazy: () => import("./routes/dashboards/layout").then((module) => ({ Component: module.DashboardLayoutRoute })),
        children: [
          { path: paths.orderer.path, loader: createDashboardLoader("ORDERER"), lazy: importDashboardRoute },
          { path: paths.contractor.path, loader: createDashboardLoader("CONTRACTOR"), lazy: importDashboardRoute },
          { path: paths.surety.path, loader: createDashboardLoader("SURETY"), lazy: importDashboardRoute },
          { path: paths.admin.path, loader: createDashboardLoader("OPERATOR"), lazy: importDashboardRoute },
        ],
      },
      {
        path: "*",
        lazy: () => import("./routes/not-found").then((module) => ({ Component: module.NotFoundRoute })),
      },
    ],
  },
]);

// A session lost mid-use (the refresh cookie expired or was revoked): forget the user and re-run the loaders,
// which send a protected page to sign-in with a way back.
subscribeToSessionEnd(() => {
  resetSessionCache(queryClient, null);
  void router.revalidate();
});
