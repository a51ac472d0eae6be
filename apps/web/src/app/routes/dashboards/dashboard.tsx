import type { CurrentUser } from "@pwp/shared/auth";
import type { OrganizationSettings } from "@pwp/shared/certificates";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { OpsLinksCard } from "@/features/admin-console/components/ops-links-card";
import { SystemStatusCard } from "@/features/admin-console/components/system-status-card";
import { currentUserQueryOptions, useCurrentUser, useIsCertificateSession } from "@/features/auth/api/get-current-user";
import { CertificateApprovalsLinkItem } from "@/features/certificates/components/approvals-link";
import { AwaitingContractsCard } from "@/features/contracts/components/awaiting-contracts-card";
import { DashboardPage } from "@/features/dashboard/components/dashboard-page";
import { AwaitingGuaranteesCard } from "@/features/guarantees/components/awaiting-guarantees-card";
import { OrganizationSettingsCard } from "@/features/organization-settings/components/organization-settings-card";
import { RegistrationQueueCard } from "@/features/registration/components/registration-queue-card";
import { CaTrustCard } from "@/features/trusted-roots/components/ca-trust-card";

/** Serves all four dashboard paths: the loader has already sent the user to the one of their organisation's kind. */
export function DashboardRoute() {
  const { t } = useTranslation();
  const { data: user } = useCurrentUser();
  const isCertificateSession = useIsCertificateSession();
  const queryClient = useQueryClient();
  if (!user) return null;
  // Operators see the registration queue's summary and the CA work in place of their empty-state cards.
  const sectionCards =
    user.organization.kind === "OPERATOR"
      ? {
          opsStatus: <SystemStatusCard />,
          opsRegistrations: <RegistrationQueueCard />,
          opsOrganizations: (
            <OpsLinksCard
              title={t("dashboard.sections.opsOrganizations.title")}
              description={t("dashboard.sections.opsOrganizations.description")}
              links={[
                { to: paths.adminOrganizations.getHref(), label: t("adminConsole.nav.organizations") },
                { to: paths.adminContracts.getHref(), label: t("adminConsole.nav.contracts") },
                { to: paths.adminGuarantees.getHref(), label: t("adminConsole.nav.guarantees") },
              ]}
            />
          ),
          opsNotices: (
            <OpsLinksCard
              title={t("dashboard.sections.opsNotices.title")}
              description={t("dashboard.sections.opsNotices.description")}
              links={[
                { to: paths.adminNotices.getHref(), label: t("adminConsole.nav.notices") },
                { to: paths.adminMaintenance.getHref(), label: t("adminConsole.nav.maintenance") },
              ]}
            />
          ),
          opsAudit: (
            <OpsLinksCard
              title={t("dashboard.sections.opsAudit.title")}
              description={t("dashboard.sections.opsAudit.description")}
              links={[{ to: paths.adminAudit.getHref(), label: t("adminConsole.nav.audit") }]}
            />
          ),
          opsTrust: (
            <CaTrustCard>
              <CertificateApprovalsLinkItem />
              <li>
                <Link className="arrow-link" to={paths.adminCertificates.getHref()}>
                  {t("adminConsole.certificates.title")}
                </Link>
              </li>
            </CaTrustCard>
          ),
        }
      : user.organization.kind === "ORDERER"
        ? { ordererContracts: <AwaitingContractsCard canCreate /> }
        : user.organization.kind === "CONTRACTOR"
          ? { contractorContracts: <AwaitingContractsCard canCreate={false} />, contractorGuarantees: <AwaitingGuaranteesCard isContractor /> }
          : user.organization.kind === "SURETY"
            ? { suretyApplications: <AwaitingGuaranteesCard isContractor={false} /> }
            : {};

  // The setting belongs to the signed-in user's organisation, so the session's copy of it is updated in place.
  function saveSettings(settings: OrganizationSettings) {
    queryClient.setQueryData(currentUserQueryOptions().queryKey, (current: CurrentUser | null | undefined) =>
      current ? { ...current, organization: { ...current.organization, ...settings } } : current,
    );
  }

  const organizationCards =
    user.role === "REPRESENTATIVE" ? (
      <OrganizationSettingsCard
        settings={{ requireCertificateSignIn: user.organization.requireCertificateSignIn === true }}
        isCertificateSession={isCertificateSession}
        onSaved={saveSettings}
      />
    ) : null;
  return <DashboardPage user={user} sectionCards={sectionCards} organizationCards={organizationCards} />;
}
