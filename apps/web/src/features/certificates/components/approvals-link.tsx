import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";

/** A list item for the operations console's "CA and trust" card: the representatives' requests waiting for ops. */
export function CertificateApprovalsLinkItem() {
  const { t } = useTranslation();
  return (
    <li>
      <Link className="arrow-link" to={paths.certificateApprovals.getHref()}>
        {t("certificates.approvals.cardLink")}
      </Link>
    </li>
  );
}
