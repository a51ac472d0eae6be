import type { CertificateRequest } from "@pwp/shared/certificates";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";

/** When, with which key type and for which subject a certificate was requested: shown to the requester and the approver alike. */
export function RequestDetailRows({ request }: { request: Pick<CertificateRequest, "createdAt" | "keyAlgorithm" | "subjectDn"> }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="details__row">
        <dt>{t("certificates.fields.requestedAt")}</dt>
        <dd>{formatDateTime(new Date(request.createdAt), getCurrentLocale())}</dd>
      </div>
      <div className="details__row">
        <dt>{t("certificates.fields.keyType")}</dt>
        <dd>{t(`certificates.keyTypes.${request.keyAlgorithm === "RSA" ? "RSA" : "EC-P256"}`)}</dd>
      </div>
      <div className="details__row">
        <dt>{t("certificates.fields.subject")}</dt>
        <dd>{request.subjectDn}</dd>
      </div>
    </>
  );
}
