// Every route path of the SPA, so links, redirects and the router cannot drift apart.
import type { OrganizationKind } from "@pwp/shared/enums";

export const paths = {
  home: { path: "/", getHref: () => "/" },
  signIn: {
    path: "/sign-in",
    getHref: (redirectTo?: string | null) =>
      redirectTo ? `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}` : "/sign-in",
  },
  verify: { path: "/verify", getHref: () => "/verify" },
  orderer: { path: "/orderer", getHref: () => "/orderer" },
  contractor: { path: "/contractor", getHref: () => "/contractor" },
  surety: { path: "/surety", getHref: () => "/surety" },
  admin: { path: "/admin", getHref: () => "/admin" },
} as const;

const DASHBOARD_PATHS: Record<OrganizationKind, string> = {
  ORDERER: paths.orderer.path,
  CONTRACTOR: paths.contractor.path,
  SURETY: paths.surety.path,
  OPERATOR: paths.admin.path,
};

export function getDashboardPath(kind: OrganizationKind): string {
  return DASHBOARD_PATHS[kind];
}

/**
 * The page to return to after signing in, taken from ?redirectTo=. Only same-origin paths are accepted:
 * "//evil.example" or "https://…" would turn the sign-in page into an open redirect.
 */
export function readRedirectTarget(search: string): string | null {
  const target = new URLSearchParams(search).get("redirectTo");
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return null;
  if (target === paths.signIn.path || target.startsWith(`${paths.signIn.path}?`)) return null;
  return target;
}
