// Who signs the current edition, in order (a joint venture's members, its lead, the orderer), which of them have,
// and whose turn it is. The server computes the order (contractSigningOrder in @pwp/shared/contracts).
import type { ContractDetail } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";
import { Card } from "@/components/ui/card";

export function ContractSigningOrder({ detail }: { detail: ContractDetail }) {
  const { t } = useTranslation();
  if (detail.signingOrder.length === 0) return null;
  const awaited = detail.signingOrder.find((step) => !step.signed);
  const isOpen = detail.status === "SENT" || detail.status === "SIGNED_BY_CONTRACTOR";
  return (
    <Card title={t("contracts.signingOrder.title")}>
      <ol className="contract-signing-order">
        {detail.signingOrder.map((step) => {
          const isCurrent = isOpen && step === awaited;
          return (
            <li key={step.organizationId} className={isCurrent ? "contract-signing-order__step--current" : undefined} aria-current={isCurrent ? "step" : undefined}>
              <span>{step.organizationName}</span> <span className="muted">({t(`contracts.sides.${step.side}`)})</span>{" "}
              <strong>{step.signed ? t("contracts.signingOrder.signed") : isCurrent ? t("contracts.signingOrder.current") : t("contracts.signingOrder.pending")}</strong>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

/** The firm whose signature is awaited when it is the caller's side's turn but another organisation's. */
export function awaitedOtherFirm(detail: ContractDetail, organizationId: string): string | null {
  if (detail.status !== "SENT" && detail.status !== "SIGNED_BY_CONTRACTOR") return null;
  const awaited = detail.signingOrder.find((step) => !step.signed);
  if (!awaited || awaited.side !== detail.mySide || awaited.organizationId === organizationId) return null;
  return awaited.organizationName;
}
