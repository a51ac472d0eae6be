import type { LookupSignatureStatus } from "@pwp/shared/guarantee-lookup";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { isVersionSignatureValid } from "../certificate-fields";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The verdict in one line; the word carries it, the colour repeats it. */
export function SignatureVerdict({ signature }: { signature: LookupSignatureStatus }) {
  const { t } = useTranslation();
  const isValid = isVersionSignatureValid(signature);
  return (
    <span className={`status-badge lookup-verdict lookup-verdict--${isValid ? "valid" : "invalid"}`}>
      {isValid ? t("verify.signature.valid") : t("verify.signature.invalid")}
    </span>
  );
}

/**
 * The server's check of one version's signatures (made when the version was signed, re-checked for revocation
 * when the CRL changes): who signed for which surety, the trusted root, the time-stamp, revocation, and the
 * detached signature over the structured data. No PKI code runs in the page.
 */
export function SignatureStatus({ signature }: { signature: LookupSignatureStatus }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const isValid = isVersionSignatureValid(signature);
  return (
    <div className={`lookup-signature lookup-signature--${isValid ? "valid" : "invalid"}`}>
      <p className="lookup-signature__verdict">
        <SignatureVerdict signature={signature} />
        <span className="muted"> {isValid ? t("verify.signature.validHelp") : t("verify.signature.invalidHelp")}</span>
      </p>
      <dl className="details">
        <Row label={t("verify.signature.surety")}>{signature.suretyOrganizationName}</Row>
        <Row label={t("verify.signature.signer")}>
          <span className="lookup-signature__subject">{signature.signerSubject}</span>
        </Row>
        <Row label={t("verify.signature.trustedRoot")}>{signature.trustedRoot ?? t("verify.signature.noTrustedRoot")}</Row>
        <Row label={t("verify.signature.timestamp")}>
          {signature.timestamp ? (
            <>
              <time dateTime={signature.timestamp.genTime}>{formatDateTime(new Date(signature.timestamp.genTime), language)}</time>
              <span className="muted"> · {signature.timestamp.authority}</span>
              {!signature.timestamp.isValid && <span className="lookup-signature__bad"> · {t("verify.signature.timestampInvalid")}</span>}
            </>
          ) : (
            t("verify.signature.noTimestamp")
          )}
        </Row>
        <Row label={t("verify.signature.revocation")}>
          {signature.isRevoked ? <span className="lookup-signature__bad">{t("verify.signature.revoked")}</span> : t("verify.signature.notRevoked")}
        </Row>
        <Row label={t("verify.signature.dataSignature")}>
          {signature.isDataSignatureValid ? t("verify.signature.dataValid") : <span className="lookup-signature__bad">{t("verify.signature.dataInvalid")}</span>}
        </Row>
        <Row label={t("verify.signature.checkedAt")}>
          <time dateTime={signature.checkedAt}>{formatDateTime(new Date(signature.checkedAt), language)}</time>
        </Row>
      </dl>
      {signature.problems.length > 0 && (
        <>
          <p className="lookup-signature__problems-title">{t("verify.signature.problemsTitle")}</p>
          <ul className="lookup-signature__problems">
            {signature.problems.map((problem) => (
              <li key={problem}>{t(`pdfVerification.problems.${problem}`)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
