import type { GuaranteeDetail, GuaranteeVersionSummary } from "@pwp/shared/guarantees";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useBlobDownload } from "@/lib/use-blob-download";
import { getGuaranteeVersionPdf, type GuaranteeVersionDocument } from "../api/get-guarantee-version-pdf";
import { describeGuaranteeError } from "./describe-guarantee-error";
import { formatChangeValue } from "./format";

/**
 * 電子保証情報（履歴） · 보증 이력: every signed version (新規/変更/訂正/取消/해제), what it changed, why, who signed it
 * and when it reached the platform (電子保証発行日時), with its certificate and fee statement.
 */
export function GuaranteeHistory({ detail }: { detail: GuaranteeDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const { pendingKey: downloading, error, download: downloadBlob } = useBlobDownload();

  function download(version: GuaranteeVersionSummary, document: GuaranteeVersionDocument) {
    return downloadBlob(
      `${version.number}-${document}`,
      () => getGuaranteeVersionPdf(detail.id, version.number, document),
      () => `${detail.guaranteeNumber ?? "guarantee"}-v${version.number}-${document}.pdf`,
    );
  }

  return (
    <Card title={t("guarantees.history.title")} className="guarantee-detail__wide">
      <p className="muted">{t("guarantees.history.reachedPlatformHelp")}</p>
      {error !== null && <Alert>{describeGuaranteeError(error, t)}</Alert>}
      {detail.versions.length === 0 ? (
        <p className="muted">{t("guarantees.history.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table guarantee-history">
            <caption className="visually-hidden">{t("guarantees.history.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("guarantees.history.columns.number")}</th>
                <th scope="col">{t("guarantees.history.columns.kind")}</th>
                <th scope="col">{t("guarantees.history.columns.reachedPlatformAt")}</th>
                <th scope="col">{t("guarantees.history.columns.changes")}</th>
                <th scope="col">{t("guarantees.history.columns.signer")}</th>
                <th scope="col">{t("guarantees.history.columns.documents")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.versions.map((version) => (
                <tr key={version.number}>
                  <th scope="row" className="details__number">
                    {version.number}
                  </th>
                  <td>{t(`guarantees.versionKinds.${version.kind}`)}</td>
                  <td>
                    <time dateTime={version.reachedPlatformAt}>{formatDateTime(new Date(version.reachedPlatformAt), language)}</time>
                  </td>
                  <td>
                    {version.changes.length > 0 && (
                      <ul className="plain-list guarantee-history__changes">
                        {version.changes.map((change) => (
                          <li key={change.field}>
                            {t(`guarantees.fields.${change.field}`, { defaultValue: change.field })}: {formatChangeValue(change.field, change.before, detail.currency, language)} →{" "}
                            {formatChangeValue(change.field, change.after, detail.currency, language)}
                          </li>
                        ))}
                      </ul>
                    )}
                    {version.reason && (
                      <p className="guarantee-history__reason">
                        {t("guarantees.history.reason")}: {version.reason}
                      </p>
                    )}
                  </td>
                  <td>
                    {version.signer ? (
                      <>
                        {version.signer.name}
                        <span className="muted guarantee-history__subject">{version.signer.certificateSubject}</span>
                        {version.signedAt && (
                          <span className="muted guarantee-history__subject">
                            {t("guarantees.history.signedAt", { time: formatDateTime(new Date(version.signedAt), language) })}
                          </span>
                        )}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <div className="guarantee-history__downloads">
                      <Button
                        variant="secondary"
                        isLoading={downloading === `${version.number}-certificate`}
                        aria-label={t("guarantees.history.downloadCertificateOf", { number: version.number })}
                        onClick={() => void download(version, "certificate")}
                      >
                        {t("guarantees.history.downloadCertificate")}
                      </Button>
                      {version.hasFeeStatement && (
                        <Button
                          variant="secondary"
                          isLoading={downloading === `${version.number}-fee-statement`}
                          aria-label={t("guarantees.history.downloadFeeStatementOf", { number: version.number })}
                          onClick={() => void download(version, "fee-statement")}
                        >
                          {t("guarantees.history.downloadFeeStatement")}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
