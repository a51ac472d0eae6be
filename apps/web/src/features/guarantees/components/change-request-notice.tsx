import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { useTranslation } from "react-i18next";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { AMENDMENT_FIELDS, amendmentValuesOf } from "../version-action-form";
import { formatChangeValue } from "./format";

/**
 * The contractor's open change request, on both sides' page until the surety signs a change: when and why it was
 * asked, and each value asked for next to the one the guarantee has now.
 */
export function ChangeRequestNotice({ detail }: { detail: GuaranteeDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const request = detail.changeRequest;
  if (request === null) return null;
  const current = amendmentValuesOf(detail);
  const format = (field: string, value: string) => formatChangeValue(field, value, detail.currency, language);
  const requested = AMENDMENT_FIELDS.flatMap((field) => {
    const value = request.amendment[field];
    return value === undefined ? [] : [{ field, value: String(value) }];
  });

  return (
    <Notice>
      <p className="guarantee-change-request__title">
        {t("guarantees.changeRequest.notice", { date: formatDateTime(new Date(request.requestedAt), language), reason: request.reason })}
      </p>
      <dl className="details guarantee-change-request__values" aria-label={t("guarantees.changeRequest.requestedValues")}>
        {requested.map(({ field, value }) => (
          <div key={field} className="details__row">
            <dt>{t(`guarantees.sign.amendmentFields.${field}`, { currency: detail.currency })}</dt>
            <dd>
              {format(field, value)}
              {value !== current[field] && <span className="muted"> {t("guarantees.changeRequest.now", { value: format(field, current[field]) })}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p>{detail.mySide === "SURETY" ? t("guarantees.changeRequest.suretyHint") : t("guarantees.changeRequest.contractorHint")}</p>
    </Notice>
  );
}
