// Every route of the SPA. Page modules are loaded on demand, so /sign-in and /verify never download the
// dashboards; the loaders stay here because they only need the session, which every page shares.
import type { CurrentUser } from "@pwp/shared/auth";
import type { OrganizationKind } from "@pwp/shared/enums";
import { createBrowserRouter, redirect, type LoaderFunctionArgs } from "react-router";
import { getDashboardPath, paths, readRedirectTarget } from "@/config/paths";
import { currentUserQueryOptions, resetSessionCache } from "@/features/auth/api/get-current-user";
import { signInCertificatesQueryOptions } from "@/features/auth/api/get-sign-in-certificates";
import { isCertificateSession, refreshSession, subscribeToCertificateRequired, subscribeToSessionEnd } from "@/lib/api-client";
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
    // Until its registration is approved, an organisation's users have only their registration status page.
    if (user.organization.status !== "APPROVED") throw redirect(paths.registration.getHref());
    return null;
  };
}

/** Applicants of any status (approved ones keep their history); operators have no application. */
async function requireApplicant({ request }: LoaderFunctionArgs) {
  const user = await requireSignedInUser(request);
  if (user.organization.kind === "OPERATOR") throw redirect(paths.adminRegistrations.getHref());
  return null;
}

/**
 * Where the organisation requires certificate sign-in, a password session opens only the certificate page (the
 * API refuses the rest with CERTIFICATE_REQUIRED): every other page goes through the certificate step first.
 */
function requireCertificateSessionWhereRequired(user: CurrentUser, request: Request): void {
  if (!user.organization.requireCertificateSignIn || isCertificateSession()) return;
  const url = new URL(request.url);
  if (url.pathname === paths.certificates.path) return;
  throw redirect(paths.certificateSignIn.getHref(`${url.pathname}${url.search}`));
}

/** The certificate step needs a key in this browser for a valid certificate; without one it has nothing to offer. */
async function loadCertificateSignIn({ request }: LoaderFunctionArgs) {
  const user = await requireSignedInUser(request);
  const target = readRedirectTarget(new URL(request.url).search) ?? getDashboardPath(user.organization.kind);
  if (isCertificateSession()) throw redirect(target);
  // A failure to ask is shown on the page itself, with the query's error.
  const usable = await queryClient.fetchQuery(signInCertificatesQueryOptions(user.id)).catch(() => null);
  if (usable?.length === 0) throw redirect(user.organization.requireCertificateSignIn ? paths.certificates.getHref() : target);
  return null;
}

const importDashboardRoute = () =>
  import("./routes/dashboards/dashboard").then((module) => ({ Component: module.DashboardRoute }));

/** Counterparties (거래처) are kept by approved orderers, contractors and sureties; operators keep none. */
async function requireCounterpartyMember({ request }: LoaderFunctionArgs) {
  const user = await requireSignedInUser(request);
  if (user.organization.kind === "OPERATOR" || user.organization.status !== "APPROVED") {
    throw redirect(getDashboardPath(user.organization.kind));
  }
  return null;
}

/** Users and delegations belong to an approved organisation; until then its users have only their status page. */
async function requireApprovedMember({ request }: LoaderFunctionArgs) {
  const user = await requireSignedInUser(request);
  if (user.organization.status !== "APPROVED") throw redirect(getDashboardPath(user.organization.kind));
  return null;
}

/** Contracts are between an approved orderer and an approved contractor; nobody else has any. */
async function requireContractParty({ request }: LoaderFunctionArgs) {
  const user = await requireSignedInUser(request);
  const { kind, status } = user.organization;
  if ((kind !== "ORDERER" && kind !== "CONTRACTOR") || status !== "APPROVED") throw redirect(getDashboardPath(kind));
  return user;
}

/** Only the orderer drafts and revises contracts; a contractor opening the form is sent to the list. */
async function requireContractOrderer(args: LoaderFunctionArgs) {
  const user = await requireContractParty(args);
  if (user.organization.kind !== "ORDERER") throw redirect(paths.contracts.getHref());
  return null;
}

/** Guarantees are between an approved contractor (the applicant) and an approved surety; nobody else acts on one. */
async function requireGuaranteeParty({ request }: LoaderFunctionArgs) {
  const user = await requireSignedInUser(request);
  const { kind, status } = user.organization;
  if ((kind !== "CONTRACTOR" && kind !== "SURETY") || status !== "APPROVED") throw redirect(getDashboardPath(kind));
  return user;
}

/** Only the contractor applies and records offline guarantees; a surety opening those forms is sent to the list. */
async function requireGuaranteeContractor(args: LoaderFunctionArgs) {
  const user = await requireGuaranteeParty(args);
  if (user.organization.kind !== "CONTRACTOR") throw redirect(paths.guarantees.getHref());
  return null;
}

/** Certificate requests are decided by the representative (members') and by ops (representatives'). */
async function requireCertificateApprover({ request }: LoaderFunctionArgs) {
  const user = await requireSignedInUser(request);
  if (user.organization.status !== "APPROVED") throw redirect(getDashboardPath(user.organization.kind));
  if (user.role !== "REPRESENTATIVE" && user.organization.kind !== "OPERATOR") throw redirect(paths.certificates.getHref());
  return null;
}

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
        path: paths.certificateSignIn.path,
        loader: loadCertificateSignIn,
        lazy: () => import("./routes/certificate-sign-in").then((module) => ({ Component: module.CertificateSignInRoute })),
      },
      {
        path: paths.invitation.path,
        lazy: () => import("./routes/invitation").then((module) => ({ Component: module.InvitationRoute })),
      },
      {
        path: paths.forgotPassword.path,
        lazy: () => import("./routes/forgot-password").then((module) => ({ Component: module.ForgotPasswordRoute })),
      },
      {
        path: paths.resetPassword.path,
        lazy: () => import("./routes/reset-password").then((module) => ({ Component: module.ResetPasswordRoute })),
      },
      {
        path: paths.register.path,
        lazy: () => import("./routes/register").then((module) => ({ Component: module.RegisterRoute })),
      },
      {
        path: paths.verify.path,
        // No account is needed, but a signed-in orderer's session must be restored (from the refresh cookie) before
        // the lookup, so the request carries their token and the page can offer acceptance. A failure to reach the
        // server leaves the page usable; the lookup itself will say what is wrong.
        loader: async () => {
          await loadCurrentUser().catch(() => null);
          return null;
        },
        lazy: () => import("./routes/verify").then((module) => ({ Component: module.VerifyRoute })),
      },
      {
        loader: async ({ request }) => {
          requireCertificateSessionWhereRequired(await requireSignedInUser(request), request);
          return null;
        },
        lazy: () => import("./routes/dashboards/layout").then((module) => ({ Component: module.DashboardLayoutRoute })),
        children: [
          { path: paths.orderer.path, loader: createDashboardLoader("ORDERER"), lazy: importDashboardRoute },
          { path: paths.contractor.path, loader: createDashboardLoader("CONTRACTOR"), lazy: importDashboardRoute },
          { path: paths.surety.path, loader: createDashboardLoader("SURETY"), lazy: importDashboardRoute },
          { path: paths.admin.path, loader: createDashboardLoader("OPERATOR"), lazy: importDashboardRoute },
          {
            path: paths.registration.path,
            loader: requireApplicant,
            lazy: () => import("./routes/registration-status").then((module) => ({ Component: module.RegistrationStatusRoute })),
          },
          {
            path: paths.adminRegistrations.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/registrations").then((module) => ({ Component: module.AdminRegistrationsRoute })),
          },
          {
            path: paths.adminTrustedRoots.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/trusted-roots").then((module) => ({ Component: module.AdminTrustedRootsRoute })),
          },
          {
            path: paths.adminOrganizations.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/organizations").then((module) => ({ Component: module.AdminOrganizationsRoute })),
          },
          {
            path: paths.adminOrganization.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/organization").then((module) => ({ Component: module.AdminOrganizationRoute })),
          },
          {
            path: paths.adminCertificates.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/certificates").then((module) => ({ Component: module.AdminCertificatesRoute })),
          },
          {
            path: paths.adminContracts.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/contracts").then((module) => ({ Component: module.AdminContractsRoute })),
          },
          {
            path: paths.adminGuarantees.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/guarantees").then((module) => ({ Component: module.AdminGuaranteesRoute })),
          },
          {
            path: paths.adminMail.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/mail").then((module) => ({ Component: module.AdminMailRoute })),
          },
          {
            path: paths.notifications.path,
            lazy: () => import("./routes/notifications").then((module) => ({ Component: module.NotificationsRoute })),
          },
          {
            path: paths.adminNotices.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/notices").then((module) => ({ Component: module.AdminNoticesRoute })),
          },
          {
            path: paths.adminMaintenance.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/maintenance").then((module) => ({ Component: module.AdminMaintenanceRoute })),
          },
          {
            path: paths.adminAudit.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/audit").then((module) => ({ Component: module.AdminAuditRoute })),
          },
          {
            path: paths.adminRegistration.path,
            loader: createDashboardLoader("OPERATOR"),
            lazy: () => import("./routes/admin/registration").then((module) => ({ Component: module.AdminRegistrationRoute })),
          },
          {
            path: paths.users.path,
            loader: requireApprovedMember,
            lazy: () => import("./routes/users").then((module) => ({ Component: module.UsersRoute })),
          },
          {
            path: paths.delegations.path,
            loader: requireApprovedMember,
            lazy: () => import("./routes/delegations").then((module) => ({ Component: module.DelegationsRoute })),
          },
          {
            path: paths.certificates.path,
            loader: requireApprovedMember,
            lazy: () => import("./routes/certificates").then((module) => ({ Component: module.CertificatesRoute })),
          },
          {
            path: paths.certificateApprovals.path,
            loader: requireCertificateApprover,
            lazy: () => import("./routes/certificate-approvals").then((module) => ({ Component: module.CertificateApprovalsRoute })),
          },
          { path: paths.account.path, lazy: () => import("./routes/account").then((module) => ({ Component: module.AccountRoute })) },
          {
            path: paths.contracts.path,
            loader: async (args) => {
              await requireContractParty(args);
              return null;
            },
            lazy: () => import("./routes/contracts/contracts").then((module) => ({ Component: module.ContractsRoute })),
          },
          {
            // Listed before /contracts/:contractId so "new" is never read as an id.
            path: paths.contractNew.path,
            loader: requireContractOrderer,
            lazy: () => import("./routes/contracts/contract-new").then((module) => ({ Component: module.ContractNewRoute })),
          },
          {
            path: paths.contract.path,
            loader: async (args) => {
              await requireContractParty(args);
              return null;
            },
            lazy: () => import("./routes/contracts/contract").then((module) => ({ Component: module.ContractRoute })),
          },
          {
            path: paths.contractEdit.path,
            loader: requireContractOrderer,
            lazy: () => import("./routes/contracts/contract-edit").then((module) => ({ Component: module.ContractEditRoute })),
          },
          {
            // Listed before /contracts/:contractId/documents/:documentId so "new" is never read as an id.
            path: paths.contractDocumentNew.path,
            loader: async (args) => {
              await requireContractParty(args);
              return null;
            },
            lazy: () => import("./routes/contract-documents/contract-document-new").then((module) => ({ Component: module.ContractDocumentNewRoute })),
          },
          {
            path: paths.contractDocument.path,
            loader: async (args) => {
              await requireContractParty(args);
              return null;
            },
            lazy: () => import("./routes/contract-documents/contract-document").then((module) => ({ Component: module.ContractDocumentRoute })),
          },
          {
            path: paths.contractDocumentEdit.path,
            loader: async (args) => {
              await requireContractParty(args);
              return null;
            },
            lazy: () => import("./routes/contract-documents/contract-document-edit").then((module) => ({ Component: module.ContractDocumentEditRoute })),
          },
          {
            path: paths.guarantees.path,
            loader: async (args) => {
              await requireGuaranteeParty(args);
              return null;
            },
            lazy: () => import("./routes/guarantees/guarantees").then((module) => ({ Component: module.GuaranteesRoute })),
          },
          {
            // Listed before /guarantees/:guaranteeId so "new" and "offline" are never read as ids.
            path: paths.guaranteeNew.path,
            loader: requireGuaranteeContractor,
            lazy: () => import("./routes/guarantees/guarantee-new").then((module) => ({ Component: module.GuaranteeNewRoute })),
          },
          {
            path: paths.offlineGuaranteeNew.path,
            loader: requireGuaranteeContractor,
            lazy: () => import("./routes/guarantees/offline-guarantee-new").then((module) => ({ Component: module.OfflineGuaranteeNewRoute })),
          },
          {
            path: paths.guarantee.path,
            loader: async (args) => {
              await requireGuaranteeParty(args);
              return null;
            },
            lazy: () => import("./routes/guarantees/guarantee").then((module) => ({ Component: module.GuaranteeRoute })),
          },
          {
            path: paths.guaranteeEdit.path,
            loader: requireGuaranteeContractor,
            lazy: () => import("./routes/guarantees/guarantee-edit").then((module) => ({ Component: module.GuaranteeEditRoute })),
          },
          {
            path: paths.counterparties.path,
            loader: requireCounterpartyMember,
            lazy: () => import("./routes/counterparties/counterparties").then((module) => ({ Component: module.CounterpartiesRoute })),
          },
          {
            path: paths.counterparty.path,
            loader: requireCounterpartyMember,
            lazy: () => import("./routes/counterparties/counterparty").then((module) => ({ Component: module.CounterpartyRoute })),
          },
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

// CERTIFICATE_REQUIRED from any request: the organisation turned certificate sign-in on, or this session lost its
// certificate (revoked). A refresh brings the token and the user's organisation up to date, then the certificate
// step (or, without a key here, the certificate page) takes over.
subscribeToCertificateRequired(() => {
  void refreshSession()
    .then(async (session) => {
      queryClient.setQueryData(currentUserQueryOptions().queryKey, session.user);
      const { pathname, search } = router.state.location;
      if (pathname === paths.certificates.path || pathname === paths.certificateSignIn.path) return;
      await router.navigate(paths.certificateSignIn.getHref(`${pathname}${search}`), { replace: true });
    })
    // A refresh that fails ends the session, which its own listener handles.
    .catch(() => undefined);
});
