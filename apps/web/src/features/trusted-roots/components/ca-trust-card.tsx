import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Card } from "@/components/ui/card";
import { paths } from "@/config/paths";
import "./trusted-roots.css";

/** The operations console's "CA and trust" card: the way to the trusted roots, and other CA work the app adds. */
export function CaTrustCard({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card title={t("dashboard.sections.opsTrust.title")} className="empty-state-card">
      <p className="empty-state-card__description">{t("dashboard.sections.opsTrust.description")}</p>
      <ul className="ca-trust-card__links">
        <li>
          <Link className="arrow-link" to={paths.adminTrustedRoots.getHref()}>
            {t("trustedRoots.cardLink")}
          </Link>
        </li>
        {children}
      </ul>
    </Card>
  );
}
