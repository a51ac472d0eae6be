import type { CurrentUser } from "@pwp/shared/auth";
import type { OrganizationKind } from "@pwp/shared/enums";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { EmptyStateCard } from "./empty-state-card";
import { OrganizationCard } from "./organization-card";

/** The work areas of each dashboard, each a key under dashboard.sections in the dictionaries. */
const SECTIONS = {
  ORDERER: ["ordererContracts", "ordererGuarantees"],
  CONTRACTOR: ["contractorContracts", "contractorGuarantees", "contractorCertificates"],
  SURETY: ["suretyApplications", "suretyIssued"],
  OPERATOR: ["opsStatus", "opsRegistrations", "opsOrganizations", "opsTrust", "opsNotices", "opsAudit"],
} as const satisfies Record<OrganizationKind, readonly string[]>;

export type DashboardSection = (typeof SECTIONS)[OrganizationKind][number];

type DashboardPageProps = {
  user: CurrentUser;
  /** Cards of work areas that exist now, composed by the app layer; the others show their empty state. */
  sectionCards?: Partial<Record<DashboardSection, ReactNode>>;
  /** Cards shown after the organisation's, e.g. the representative's organisation settings. */
  organizationCards?: ReactNode;
};

/** One dashboard per organisation kind: its heading, the organisation, and the work areas later issues fill. */
export function DashboardPage({ user, sectionCards = {}, organizationCards }: DashboardPageProps) {
  const { t } = useTranslation();
  const kind = user.organization.kind;
  const heading = t(`dashboard.headings.${kind}`);

  return (
    <div className="dashboard">
      <DocumentTitle page={heading} />
      <div className="page-heading">
        <h1>{heading}</h1>
        <p className="page-heading__lead">{t("dashboard.welcome", { name: user.name })}</p>
      </div>
      <div className="dashboard__grid">
        <OrganizationCard organization={user.organization} />
        {organizationCards}
        {SECTIONS[kind].map((section: DashboardSection) =>
          sectionCards[section] ? (
            <Fragment key={section}>{sectionCards[section]}</Fragment>
          ) : (
            <EmptyStateCard
              key={section}
              title={t(`dashboard.sections.${section}.title`)}
              description={t(`dashboard.sections.${section}.description`)}
              emptyText={t(`dashboard.sections.${section}.empty`)}
            />
          ),
        )}
      </div>
    </div>
  );
}
