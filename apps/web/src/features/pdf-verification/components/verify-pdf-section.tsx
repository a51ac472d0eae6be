import type { PdfSignatureReport, PdfVerificationReport } from "@pwp/shared/pdf-verification";
import type { TFunction } from "i18next";
import { useId, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useVerifyPdf } from "../api/verify-pdf";
import "../pdf-verification.css";

/** The server's limit for this request body; checked here too, so a huge file is refused before uploading. */
const MAX_PDF_BYTES = 30 * 1024 * 1024;

/**
 * 서명된 PDF 검증 · 署名済PDFの検証: drop or choose a PDF, the server checks every signature in it, and the report
 * says for each who signed, when (by the time-stamp), whether it covers the whole file, and what is wrong if not.
 * No PKI code runs here: the page stays light and the verdict is the server's, the same the contract pages use.
 */
export function VerifyPdfSection() {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const verify = useVerifyPdf();
  const [fileName, setFileName] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [isDragOver, setIsDragOver] = useState(false);

  function check(file: File | undefined) {
    verify.reset();
    setLocalError(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_PDF_BYTES) {
      setLocalError(t("pdfVerification.errors.tooLarge"));
      return;
    }
    verify.mutate(file);
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setIsDragOver(false);
    check(event.dataTransfer.files[0]);
  }

  return (
    <Card title={t("pdfVerification.title")} className="pdf-verification">
      <p>{t("pdfVerification.intro")}</p>
      <div
        className={["pdf-verification__drop", isDragOver && "pdf-verification__drop--over"].filter(Boolean).join(" ")}
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragOver(true);
        }}
        onDragLeave={() => setIsDragOver(false)}
        onDrop={drop}
      >
        <label className="field__label" htmlFor={inputId}>
          {t("pdfVerification.fileLabel")}
        </label>
        <p className="field__hint" id={hintId}>
          {t("pdfVerification.fileHint")}
        </p>
        <input
          id={inputId}
          type="file"
          accept="application/pdf"
          aria-describedby={hintId}
          onChange={(event) => {
            check(event.target.files?.[0]);
            // The same file chosen again (after a fix elsewhere) must trigger a new check.
            event.target.value = "";
          }}
        />
      </div>
      {verify.isPending && (
        <p role="status" className="muted">
          {t("pdfVerification.checking", { fileName })}
        </p>
      )}
      {localError && <Alert>{localError}</Alert>}
      {verify.error && <Alert>{describeError(verify.error, t)}</Alert>}
      {verify.data && <VerificationReport report={verify.data} fileName={fileName ?? ""} />}
    </Card>
  );
}

function describeError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.code) {
    case "NETWORK_ERROR":
      return t("errors.network");
    case "PAYLOAD_TOO_LARGE":
      return t("pdfVerification.errors.tooLarge");
    case "UNSUPPORTED_MEDIA_TYPE":
    case "VALIDATION_FAILED":
      return t("pdfVerification.errors.notPdf");
    case "RATE_LIMITED":
      return t("pdfVerification.errors.rateLimited");
    default:
      return t("errors.unexpected");
  }
}

function VerificationReport({ report, fileName }: { report: PdfVerificationReport; fileName: string }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  const validCount = report.signatures.filter((signature) => signature.isValid).length;
  const summary =
    report.signatures.length === 0
      ? t("pdfVerification.summary.none")
      : validCount === report.signatures.length
        ? t("pdfVerification.summary.allValid", { total: report.signatures.length })
        : t("pdfVerification.summary.someInvalid", { invalid: report.signatures.length - validCount, total: report.signatures.length });

  return (
    <section className="pdf-verification__report" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("pdfVerification.reportTitle", { fileName })}</h3>
      <p role="status" className={validCount === report.signatures.length && validCount > 0 ? "pdf-verification__ok" : "pdf-verification__bad"}>
        {summary}
      </p>
      <p className="muted details__number">
        SHA-256 {report.sha256} · {t("pdfVerification.verifiedAt", { time: formatDateTime(new Date(report.verifiedAt), language) })}
      </p>
      <ol className="plain-list pdf-verification__signatures">
        {report.signatures.map((signature, index) => (
          <SignatureEntry key={`${signature.fieldName}-${index}`} signature={signature} index={index} />
        ))}
      </ol>
    </section>
  );
}

function SignatureEntry({ signature, index }: { signature: PdfSignatureReport; index: number }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  return (
    <li className={`pdf-verification__signature pdf-verification__signature--${signature.isValid ? "valid" : "invalid"}`}>
      <article aria-labelledby={headingId}>
        <h4 id={headingId}>
          {t("pdfVerification.signatureHeading", { number: index + 1, field: signature.fieldName })}{" "}
          <span className={`status-badge pdf-verification__verdict--${signature.isValid ? "valid" : "invalid"}`}>
            {signature.isValid ? t("pdfVerification.valid") : t("pdfVerification.invalid")}
          </span>
        </h4>
        <dl className="details">
          <div className="details__row">
            <dt>{t("pdfVerification.signer")}</dt>
            <dd>{signature.signer?.subjectDn ?? t("pdfVerification.unreadable")}</dd>
          </div>
          {signature.platformSigner && (
            <div className="details__row">
              <dt>{t("pdfVerification.platformSigner")}</dt>
              <dd>
                {t("pdfVerification.platformSignerValue", {
                  name: signature.platformSigner.userName,
                  organization: signature.platformSigner.organizationName,
                })}
              </dd>
            </div>
          )}
          {signature.signer && (
            <div className="details__row">
              <dt>{t("pdfVerification.issuer")}</dt>
              <dd>{signature.signer.issuerDn}</dd>
            </div>
          )}
          <div className="details__row">
            <dt>{t("pdfVerification.timestamp")}</dt>
            <dd>
              {signature.timestamp ? (
                <>
                  <time dateTime={signature.timestamp.genTime}>{formatDateTime(new Date(signature.timestamp.genTime), language)}</time>
                  <span className="muted"> · {signature.timestamp.authority}</span>
                  {!signature.timestamp.isValid && <span className="muted"> · {t("pdfVerification.timestampInvalid")}</span>}
                </>
              ) : (
                t("pdfVerification.noTimestamp")
              )}
            </dd>
          </div>
          {signature.claimedSigningTime && (
            <div className="details__row">
              <dt>{t("pdfVerification.claimedTime")}</dt>
              <dd>{formatDateTime(new Date(signature.claimedSigningTime), language)}</dd>
            </div>
          )}
          <div className="details__row">
            <dt>{t("pdfVerification.coverage")}</dt>
            <dd>{signature.coversWholeDocument ? t("pdfVerification.coversWhole") : t("pdfVerification.coversRevision", { length: signature.signedRevisionLength })}</dd>
          </div>
        </dl>
        {signature.problems.length > 0 && (
          <>
            <p className="pdf-verification__problems-title">{t("pdfVerification.problemsTitle")}</p>
            <ul className="pdf-verification__problems">
              {signature.problems.map((problem) => (
                <li key={problem}>{t(`pdfVerification.problems.${problem}`)}</li>
              ))}
            </ul>
          </>
        )}
      </article>
    </li>
  );
}
