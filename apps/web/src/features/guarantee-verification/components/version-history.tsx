import type { LookupVersion } from "@pwp/shared/guarantee-lookup";
import type { Currency } from "@pwp/shared/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { formatChangeValue } from "../certificate-fields";
import { CertificateView } from "./certificate-view";
import { SignatureStatus, SignatureVerdict } from "./signature-status";

type VersionHistoryProps = {
  /** Newest first; the first is the current certificate. */
  versions: LookupVersion[];
  currency: Currency;
  /** The version whose PDF is being fetched, if any. */
  downloadingVersion: number | null;
  onDownload: (versionNumber: number) => void;
};

/**
 * 電子保証情報（履歴） · 보증 이력: every version the surety signed (新規/変更/訂正/取消/解除), what it changed, why,
 * when it reached the platform (電子保証発行日時), its signature check, its certificate and its PDF.
 */
export function VersionHistory({ versions, currency, downloadingVersion, onDownload }: VersionHistoryProps) {
  const { t } = useTranslation();
  return (
    <Card title={t("verify.history.title")} className="lookup-history">
      <p className="muted">{t("verify.history.help")}</p>
      <ol className="plain-list lookup-history__list">
        {versions.map((version, index) => (
          <VersionEntry
            key={version.number}
            version={version}
            currency={currency}
            isCurrent={index === 0}
            isDownloading={downloadingVersion === version.number}
            onDownload={() => onDownload(version.number)}
          />
        ))}
      </ol>
    </Card>
  );
}

function VersionEntry({
  version,
  currency,
  isCurrent,
  isDownloading,
  onDownload,
}: {
  version: LookupVersion;
  currency: Currency;
  isCurrent: boolean;
  isDownloading: boolean;
  onDownload: () => void;
}) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  return (
    <li className="lookup-version">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="lookup-version__heading">
          {t("verify.history.versionHeading", { number: version.number, kind: t(`guarantees.versionKinds.${version.kind}`) })}
          {isCurrent && <span className="status-badge lookup-version__current">{t("verify.history.current")}</span>}
        </h3>
        <dl className="details">
          <div className="details__row">
            <dt>{t("verify.history.reachedPlatformAt")}</dt>
            <dd>
              <time dateTime={version.reachedPlatformAt}>{formatDateTime(new Date(version.reachedPlatformAt), language)}</time>
            </dd>
          </div>
          {version.kind !== "ISSUE" && (
            <div className="details__row">
              <dt>{t("verify.history.changes")}</dt>
              <dd>
                {version.changes.length === 0 ? (
                  <span className="muted">{t("verify.history.noChanges")}</span>
                ) : (
                  <ul className="plain-list lookup-version__changes">
                    {version.changes.map((change) => (
                      <li key={change.field}>
                        {t(`guarantees.fields.${change.field}`, { defaultValue: change.field })}: {formatChangeValue(change.field, change.before, currency, language)} →{" "}
                        {formatChangeValue(change.field, change.after, currency, language)}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          )}
          {version.reason && (
            <div className="details__row">
              <dt>{t("verify.history.reason")}</dt>
              <dd lang={version.document.language}>{version.reason}</dd>
            </div>
          )}
          <div className="details__row">
            <dt>{t("verify.history.signature")}</dt>
            <dd>
              <SignatureVerdict signature={version.signature} /> <span className="muted">{version.signature.suretyOrganizationName}</span>
            </dd>
          </div>
        </dl>
        <details className="lookup-version__more">
          <summary>{t("verify.history.signatureDetails")}</summary>
          <SignatureStatus signature={version.signature} />
        </details>
        {/* The current certificate is shown in full above; earlier ones open on demand. */}
        {!isCurrent && (
          <details className="lookup-version__more">
            <summary>{t("verify.history.showCertificate", { number: version.number })}</summary>
            <CertificateView document={version.document} caption={t("verify.history.showCertificate", { number: version.number })} />
          </details>
        )}
        <div className="lookup-version__actions">
          <Button variant="secondary" isLoading={isDownloading} aria-label={t("verify.history.downloadOf", { number: version.number })} onClick={onDownload}>
            {t("verify.result.download")}
          </Button>
        </div>
      </article>
    </li>
  );
}
