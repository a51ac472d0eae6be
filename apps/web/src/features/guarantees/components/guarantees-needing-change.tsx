import type { GuaranteeNeedingChange } from "@pwp/shared/contract-documents";
import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import type { TFunction } from "i18next";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { getCurrentLocale } from "@/lib/i18n";
import { useGuarantee } from "../api/get-guarantee";
import { useRequestGuaranteeChange } from "../api/request-guarantee-change";
import { changesForReason, type SuggestedField } from "../change-request-form";
import { describeGuaranteeError } from "./describe-guarantee-error";
import { formatChangeValue } from "./format";
import "../guarantees.css";

/** The suggested values in the order the list shows them: the guarantee's first, then the contract terms behind them. */
const SUGGESTED_FIELDS: readonly SuggestedField[] = ["guaranteeAmount", "guaranteeStartDate", "guaranteeEndDate", "contractAmount", "worksStartDate", "worksEndDate"];

type GuaranteesNeedingChangeProps = {
  /** From GET /api/contracts/:id/documents: the linked guarantees the contract's current terms have outgrown. */
  items: GuaranteeNeedingChange[];
  contractId: string;
};

/**
 * After a change contract, the guarantees that no longer cover the contract (a higher amount, a later works end)
 * and the change each needs. The contractor asks the surety for it in one click (変更申込, with a reason written from
 * the change); the orderer sees which were asked for. Nothing is shown when every guarantee still covers the terms.
 */
export function GuaranteesNeedingChange({ items, contractId }: GuaranteesNeedingChangeProps) {
  const { t } = useTranslation();
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <section className="guarantees-needing-change" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("guarantees.needingChange.title")}</h3>
      <p className="muted">{t("guarantees.needingChange.intro")}</p>
      <ul className="guarantees-needing-change__list">
        {items.map((item) => (
          <NeedingChangeItem key={item.guaranteeId} item={item} contractId={contractId} />
        ))}
      </ul>
    </section>
  );
}

function NeedingChangeItem({ item, contractId }: { item: GuaranteeNeedingChange; contractId: string }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  // Only the contractor is given the version: the one who may ask, and who may read the guarantee (for its
  // current values and currency, which the reason quotes).
  const isContractor = item.version !== null;
  const guarantee = useGuarantee(item.guaranteeId, { isEnabled: isContractor });
  const requestChange = useRequestGuaranteeChange({ contractId });
  const isRequested = item.isChangeRequested || requestChange.isSuccess;
  const detail = guarantee.data;
  const suggested = SUGGESTED_FIELDS.flatMap((field) => {
    const value = item.amendment[field];
    return value === undefined ? [] : [{ field, value: String(value) }];
  });
  const format = (field: SuggestedField, value: string) => formatChangeValue(field, value, item.currency, language);

  function ask() {
    if (!detail || item.version === null) return;
    requestChange.mutate({ guaranteeId: item.guaranteeId, body: { version: item.version, reason: writeReason(detail, item, t, language), amendment: item.amendment } });
  }

  return (
    <li className="guarantees-needing-change__item">
      <p className="guarantees-needing-change__name">
        <strong>{t(`guarantees.kinds.${item.kind}`)}</strong>{" "}
        {isContractor ? (
          <Link className="details__number" to={paths.guarantee.getHref(item.guaranteeId)}>
            {item.guaranteeNumber}
          </Link>
        ) : (
          // The orderer reads a guarantee at the lookup, with the key the contractor gave it.
          <Link className="details__number" to={paths.verify.getHref(item.guaranteeNumber)}>
            {item.guaranteeNumber}
          </Link>
        )}
      </p>
      <ul className="guarantees-needing-change__reasons">
        {item.reasons.map((reason) => (
          <li key={reason}>{t(`guarantees.needingChange.reasons.${reason}`)}</li>
        ))}
      </ul>
      <dl className="details" aria-label={t("guarantees.needingChange.suggested")}>
        {suggested.map(({ field, value }) => (
          <div key={field} className="details__row">
            <dt>{t(`guarantees.needingChange.fields.${field}`)}</dt>
            <dd>
              {detail && String(detail[field]) !== value ? t("guarantees.needingChange.fromTo", { before: format(field, String(detail[field])), after: format(field, value) }) : format(field, value)}
            </dd>
          </div>
        ))}
      </dl>
      {requestChange.isError && <Alert>{describeGuaranteeError(requestChange.error, t)}</Alert>}
      {guarantee.isError && <Alert>{describeGuaranteeError(guarantee.error, t)}</Alert>}
      {isRequested ? (
        <p className="guarantees-needing-change__state" role="status">
          {t("guarantees.needingChange.requested")}
        </p>
      ) : isContractor ? (
        <div>
          <Button variant="secondary" isLoading={requestChange.isPending || guarantee.isPending} disabled={!detail} onClick={ask}>
            {t("guarantees.needingChange.ask")}
          </Button>
        </div>
      ) : (
        <p className="muted">{t("guarantees.needingChange.notYetRequested")}</p>
      )}
    </li>
  );
}

/** "Change contract: contract amount KRW 1,234,567,890 → KRW 1,300,000,000; …" in the contractor's language. */
function writeReason(detail: GuaranteeDetail, item: GuaranteeNeedingChange, t: TFunction, language: ReturnType<typeof getCurrentLocale>): string {
  const changes = changesForReason(detail, item.amendment).map(({ field, before, after }) =>
    t(`guarantees.needingChange.reasonParts.${field}`, {
      before: formatChangeValue(field, before, detail.currency, language),
      after: formatChangeValue(field, after, detail.currency, language),
    }),
  );
  return t("guarantees.needingChange.reasonText", { changes: changes.join(t("guarantees.needingChange.reasonSeparator")) });
}
