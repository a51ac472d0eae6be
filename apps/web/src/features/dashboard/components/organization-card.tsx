import type { CurrentOrganization } from "@pwp/shared/auth";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useTranslation } from "react-i18next";
import { Card } from "@/components/ui/card";

export function OrganizationCard({ organization }: { organization: CurrentOrganization }) {
  const { t } = useTranslation();
  return (
    <Card title={t("dashboard.organization.title")} className="organization-card">
      <dl className="details">
        <div className="details__row">
          <dt>{t("dashboard.organization.nameLocal")}</dt>
          <dd lang={organization.country === "KR" ? "ko" : "ja"}>{organization.nameLocal}</dd>
        </div>
        <div className="details__row">
          <dt>{t("dashboard.organization.nameLatin")}</dt>
          <dd>{organization.nameLatin}</dd>
        </div>
        <div className="details__row">
          <dt>{t("dashboard.organization.kind")}</dt>
          <dd>{t(`organizationKinds.${organization.kind}`)}</dd>
        </div>
        <div className="details__row">
          <dt>{t("dashboard.organization.country")}</dt>
          <dd>{t(`countries.${organization.country}`)}</dd>
        </div>
        <div className="details__row">
          <dt>{t(`registrationNumberKinds.${organization.country}`)}</dt>
          <dd className="details__number">{formatRegistrationNumber(organization.country, organization.registrationNumber)}</dd>
        </div>
      </dl>
    </Card>
  );
}
