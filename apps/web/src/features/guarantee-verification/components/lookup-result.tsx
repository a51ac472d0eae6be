import type { GuaranteeLookupResult, VerifyGuaranteeBody } from "@pwp/shared/guarantee-lookup";
import type { GuaranteeDisplayStatus } from "@pwp/shared/guarantees";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { saveBlob } from "@/lib/save-blob";
import { getLookupCertificatePdf } from "../api/get-lookup-certificate-pdf";
import { describeLookupError } from "../lookup-input";
import { CertificateView } from "./certificate-view";
import { OrdererDecision } from "./orderer-decision";
import { SignatureStatus } from "./signature-status";
import { VersionHistory } from "./version-history";

/** Valid, changed, cancelled, released, expired: the word carries the meaning, the colour only repeats it. */
function LookupStatusBadge({ status }: { status: GuaranteeDisplayStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge lookup-status lookup-status--${status}`}>{t(`guarantees.displayStatuses.${status}`)}</span>;
}

type LookupResultProps = {
  result: GuaranteeLookupResult;
  /** Kept in memory for the downloads and the orderer's decision; never in the URL, storage or the query cache. */
  credentials: VerifyGuaranteeBody;
  isSignedIn: boolean;
  onResultChange: (result: GuaranteeLookupResult) => void;
};

/**
 * The certificate as the surety signed it, its status, the server's check of its signature, the orderer's
 * decision and every version. Printing keeps only the current certificate, its status and its signature check.
 */
export function LookupResult({ result, credentials, isSignedIn, onResultChange }: LookupResultProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [downloadingVersion, setDownloadingVersion] = useState<number | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // When the page was opened: printed on the paper, so a printout says when it was true.
  const [shownAt] = useState(() => new Date());
  const current = result.versions[0];

  // A new result appears below the form: focus moves to it so a screen reader announces it and reads on from there.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function download(versionNumber: number) {
    setDownloadError(null);
    setDownloadingVersion(versionNumber);
    try {
      const blob = await getLookupCertificatePdf({ ...credentials, versionNumber });
      saveBlob(blob, `${result.guaranteeNumber}-v${versionNumber}-certificate.pdf`);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloadingVersion(null);
    }
  }

  return (
    <section className="guarantee-lookup__result lookup-result" aria-labelledby="lookup-result-heading">
      <div className="lookup-result__header">
        <p className="lookup-result__kicker">
          {t(`guarantees.kinds.${result.kind}`)} · <span className="details__number">{t("verify.result.numberLabel", { number: result.guaranteeNumber })}</span>
        </p>
        <h2 id="lookup-result-heading" ref={headingRef} tabIndex={-1}>
          {t("verify.result.title")} <LookupStatusBadge status={result.displayStatus} />
        </h2>
        <p className="lookup-result__status-help">{t(`verify.result.statusHelp.${result.displayStatus}`)}</p>
        <div className="lookup-result__actions">
          {current && (
            <Button isLoading={downloadingVersion === current.number} onClick={() => void download(current.number)}>
              {t("verify.result.download")}
            </Button>
          )}
          <Button variant="secondary" onClick={() => window.print()}>
            {t("verify.result.print")}
          </Button>
        </div>
        {downloadError !== null && (
          <Alert>
            {t("verify.errors.download")} {describeLookupError(downloadError, t, language)}
          </Alert>
        )}
      </div>

      {current && (
        <>
          <Card title={t("verify.result.currentTitle", { number: current.number })} className="lookup-result__certificate">
            <CertificateView document={current.document} caption={t("verify.result.currentCaption")} />
          </Card>
          <Card title={t("verify.result.signatureTitle")} className="lookup-result__signature">
            <SignatureStatus signature={current.signature} />
          </Card>
        </>
      )}

      <OrdererDecision result={result} credentials={credentials} isSignedIn={isSignedIn} onDecided={onResultChange} />

      <VersionHistory versions={result.versions} currency={result.currency} downloadingVersion={downloadingVersion} onDownload={(number) => void download(number)} />

      <p className="lookup-result__print-note">
        {t("verify.result.printedNote", { url: `${window.location.origin}/verify`, time: formatDateTime(shownAt, language) })}
      </p>
    </section>
  );
}
