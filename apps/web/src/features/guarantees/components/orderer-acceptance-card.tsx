import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Card } from "@/components/ui/card";
import { paths } from "@/config/paths";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { readOrdererDecision } from "../lookup-log";

/** 발주자 접수 · 発注者の受理: whether the orderer accepted the guarantee at the lookup (and to which contract) or returned it, why. */
export function OrdererAcceptanceCard({ detail }: { detail: GuaranteeDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const decision = readOrdererDecision(detail.events);
  return (
    <Card title={t("guarantees.acceptance.title")} className="guarantee-acceptance">
      {decision === null ? (
        <p className="muted">{t("guarantees.acceptance.none")}</p>
      ) : (
        <>
          <p className={`guarantee-acceptance__state guarantee-acceptance__state--${decision.status}`}>
            <strong>
              {decision.status === "ACCEPTED"
                ? t("guarantees.acceptance.accepted", { time: formatDateTime(new Date(decision.at), language) })
                : t("guarantees.acceptance.returned", { time: formatDateTime(new Date(decision.at), language) })}
            </strong>
          </p>
          {decision.actor && <p className="muted">{t("guarantees.acceptance.by", { name: decision.actor.name, organization: decision.actor.organizationName })}</p>}
          {decision.reason && (
            <p>
              {t("guarantees.acceptance.reason")}: {decision.reason}
            </p>
          )}
          {/* Accepting links the guarantee to the orderer's contract; the contractor is a party to it and can open it. */}
          {decision.status === "ACCEPTED" && detail.contractId && detail.mySide === "CONTRACTOR" && (
            <p>
              <Link to={paths.contract.getHref(detail.contractId)}>{t("guarantees.acceptance.openContract")}</Link>
            </p>
          )}
        </>
      )}
    </Card>
  );
}
