// Every route path of the SPA, so links, redirects and the router cannot drift apart.
import type { ContractDocumentKind } from "@pwp/shared/contract-documents";
import type { OrganizationKind } from "@pwp/shared/enums";

export const paths = {
  home: { path: "/", getHref: () => "/" },
  signIn: {
    path: "/sign-in",
    getHref: (redirectTo?: string | null) =>
      redirectTo ? `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}` : "/sign-in",
  },
  verify: {
    path: "/verify",
    /** With the number only (as the key notice's QR code links): the key never goes into a URL. */
    getHref: (guaranteeNumber?: string) => (guaranteeNumber ? `/verify?number=${encodeURIComponent(guaranteeNumber)}` : "/verify"),
  },
  orderer: { path: "/orderer", getHref: () => "/orderer" },
  contractor: { path: "/contractor", getHref: () => "/contractor" },
  surety: { path: "/surety", getHref: () => "/surety" },
  admin: { path: "/admin", getHref: () => "/admin" },
  users: { path: "/users", getHref: () => "/users" },
  delegations: { path: "/delegations", getHref: () => "/delegations" },
  account: { path: "/account", getHref: () => "/account" },
  invitation: { path: "/invitations/:token", getHref: (token: string) => `/invitations/${encodeURIComponent(token)}` },
  forgotPassword: { path: "/forgot-password", getHref: () => "/forgot-password" },
  resetPassword: { path: "/reset-password", getHref: () => "/reset-password" },
  counterparties: { path: "/counterparties", getHref: () => "/counterparties" },
  counterparty: {
    path: "/counterparties/:counterpartyId",
    getHref: (counterpartyId: string) => `/counterparties/${encodeURIComponent(counterpartyId)}`,
  },
  register: {
    path: "/register",
    getHref: (invitationToken?: string) => (invitationToken ? `/register?invitation=${encodeURIComponent(invitationToken)}` : "/register"),
  },
  registration: { path: "/registration", getHref: () => "/registration" },
  contracts: {
    path: "/contracts",
    /** `awaitingMe` opens the list filtered to the contracts waiting on the user's organisation. */
    getHref: (filter?: { awaitingMe?: boolean }) => (filter?.awaitingMe ? "/contracts?view=awaiting" : "/contracts"),
  },
  contractNew: { path: "/contracts/new", getHref: () => "/contracts/new" },
  contract: {
    path: "/contracts/:contractId",
    getHref: (contractId: string) => `/contracts/${encodeURIComponent(contractId)}`,
  },
  contractEdit: {
    path: "/contracts/:contractId/edit",
    getHref: (contractId: string) => `/contracts/${encodeURIComponent(contractId)}/edit`,
  },
  /** A document that follows a completed contract (a change, unit prices, an inspection request, an invoice). */
  contractDocumentNew: {
    path: "/contracts/:contractId/documents/new",
    getHref: (contractId: string, kind: ContractDocumentKind) => `/contracts/${encodeURIComponent(contractId)}/documents/new?kind=${kind}`,
  },
  contractDocument: {
    path: "/contracts/:contractId/documents/:documentId",
    getHref: (contractId: string, documentId: string) => `/contracts/${encodeURIComponent(contractId)}/documents/${encodeURIComponent(documentId)}`,
  },
  contractDocumentEdit: {
    path: "/contracts/:contractId/documents/:documentId/edit",
    getHref: (contractId: string, documentId: string) =>
      `/contracts/${encodeURIComponent(contractId)}/documents/${encodeURIComponent(documentId)}/edit`,
  },
  guarantees: {
    path: "/guarantees",
    /** `awaitingMe` opens the list filtered to the guarantees waiting on the user's organisation. */
    getHref: (filter?: { awaitingMe?: boolean }) => (filter?.awaitingMe ? "/guarantees?view=awaiting" : "/guarantees"),
  },
  guaranteeNew: { path: "/guarantees/new", getHref: () => "/guarantees/new" },
  offlineGuaranteeNew: { path: "/guarantees/offline/new", getHref: () => "/guarantees/offline/new" },
  guarantee: {
    path: "/guarantees/:guaranteeId",
    getHref: (guaranteeId: string) => `/guarantees/${encodeURIComponent(guaranteeId)}`,
  },
  guaranteeEdit: {
    path: "/guarantees/:guaranteeId/edit",
    getHref: (guaranteeId: string) => `/guarantees/${encodeURIComponent(guaranteeId)}/edit`,
  },
  adminRegistrations: { path: "/admin/registrations", getHref: () => "/admin/registrations" },
  adminTrustedRoots: { path: "/admin/trusted-roots", getHref: () => "/admin/trusted-roots" },
  adminOrganizations: { path: "/admin/organizations", getHref: () => "/admin/organizations" },
  adminCertificates: { path: "/admin/certificates", getHref: () => "/admin/certificates" },
  adminContracts: { path: "/admin/contracts", getHref: () => "/admin/contracts" },
  adminGuarantees: { path: "/admin/guarantees", getHref: () => "/admin/guarantees" },
  adminNotices: { path: "/admin/notices", getHref: () => "/admin/notices" },
  adminMaintenance: { path: "/admin/maintenance", getHref: () => "/admin/maintenance" },
  adminMail: { path: "/admin/mail", getHref: () => "/admin/mail" },
  adminAudit: { path: "/admin/audit", getHref: () => "/admin/audit" },
  notifications: { path: "/notifications", getHref: () => "/notifications" },
  certificates: { path: "/certificates", getHref: () => "/certificates" },
  /** Certificate requests awaiting the representative's (members') or ops' (representatives') decision. */
  certificateApprovals: { path: "/certificates/approvals", getHref: () => "/certificates/approvals" },
  /** The second step of signing in: sign a challenge with a key this browser holds; then on to `redirectTo`. */
  certificateSignIn: {
    path: "/sign-in/certificate",
    getHref: (redirectTo?: string | null) =>
      redirectTo ? `/sign-in/certificate?redirectTo=${encodeURIComponent(redirectTo)}` : "/sign-in/certificate",
  },
  adminOrganization: {
    path: "/admin/organizations/:organizationId",
    getHref: (organizationId: string) => `/admin/organizations/${encodeURIComponent(organizationId)}`,
  },
  adminRegistration: {
    path: "/admin/registrations/:organizationId",
    getHref: (organizationId: string) => `/admin/registrations/${encodeURIComponent(organizationId)}`,
  },
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
  if (target === paths.signIn.path || target.startsWith(`${paths.signIn.path}?`) || target.startsWith(paths.certificateSignIn.path)) return null;
  return target;
}
