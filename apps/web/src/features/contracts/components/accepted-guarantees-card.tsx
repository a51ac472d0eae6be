import type { ContractDetail } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Card } from "@/components/ui/card";
import { paths } from "@/config/paths";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";

/**
 * 접수된 보증서 · 受理した保証: the guarantees the orderer accepted for this contract at the verification lookup.
 * The contractor applied for them and can open each; the orderer sees them through the lookup, not a guarantee page.
 */
export function AcceptedGuaranteesCard({ detail }: { detail: ContractDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const canOpenGuarantee = detail.mySide === "CONTRACTOR";
  return (
    <Card title={t("contracts.acceptedGuarantees.title")}>
      <p className="muted">{t("contracts.acceptedGuarantees.intro")}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("contracts.acceptedGuarantees.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("contracts.acceptedGuarantees.columns.kind")}</th>
              <th scope="col">{t("contracts.acceptedGuarantees.columns.number")}</th>
              <th scope="col">{t("contracts.acceptedGuarantees.columns.acceptedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {detail.acceptedGuarantees.map((guarantee) => (
              <tr key={guarantee.guaranteeId}>
                <td>{t(`contracts.guaranteeKinds.${guarantee.kind}`)}</td>
                <td className="details__number">
                  {canOpenGuarantee ? <Link to={paths.guarantee.getHref(guarantee.guaranteeId)}>{guarantee.guaranteeNumber}</Link> : guarantee.guaranteeNumber}
                </td>
                <td>
                  <time dateTime={guarantee.acceptedAt}>{formatDateTime(new Date(guarantee.acceptedAt), language)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
