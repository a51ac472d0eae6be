import type { CurrentUser, Session } from "@pwp/shared/auth";
import { isPkiError } from "@pwp/pki/errors";
import type { TFunction } from "i18next";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { KeyStoreError } from "@/lib/key-store";
import { useSignInCertificates } from "../api/get-sign-in-certificates";
import { useSignInWithCertificate } from "../api/sign-in-with-certificate";
import "./certificate-sign-in.css";

type CertificateSignInStepProps = {
  user: CurrentUser;
  onSignedIn: (session: Session) => void;
  /** Go on with the password session; only offered when the organisation does not require certificate sign-in. */
  onSkip: () => void;
  /** Where a user whose organisation requires certificate sign-in can still go: the certificate page. */
  onOpenCertificates: () => void;
};

/** The second step after the password: sign a server challenge with a key this browser holds for the user. */
export function CertificateSignInStep({ user, onSignedIn, onSkip, onOpenCertificates }: CertificateSignInStepProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  const certificates = useSignInCertificates(user.id);
  const signIn = useSignInWithCertificate();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const isRequired = user.organization.requireCertificateSignIn === true;

  const usable = certificates.data ?? [];
  const selected = usable.find((entry) => entry.certificate.id === selectedId) ?? usable[0];

  return (
    <section className="panel sign-in__panel" aria-labelledby={headingId}>
      <h1 id={headingId}>{t("certificateSignIn.title")}</h1>
      <p className="lead">{t("certificateSignIn.intro")}</p>
      {isRequired && <Notice>{t("certificateSignIn.requiredNotice")}</Notice>}

      {certificates.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : certificates.isError ? (
        <Alert>{describeError(certificates.error, t)}</Alert>
      ) : usable.length === 0 ? (
        <Alert tone="warning">{t("certificateSignIn.noCertificate")}</Alert>
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (selected) signIn.mutate(selected, { onSuccess: onSignedIn });
          }}
        >
          {signIn.isError && <Alert>{describeError(signIn.error, t)}</Alert>}
          <fieldset className="certificate-choice">
            <legend>{t("certificateSignIn.certificateLegend")}</legend>
            {usable.map(({ certificate }) => (
              <label key={certificate.id} className="certificate-choice__option">
                <input
                  type="radio"
                  name="certificate"
                  value={certificate.id}
                  checked={selected?.certificate.id === certificate.id}
                  onChange={() => setSelectedId(certificate.id)}
                />
                <span>
                  <span className="certificate-choice__subject">{certificate.subjectDn}</span>
                  <span className="certificate-choice__details">
                    {t("certificateSignIn.certificateDetails", {
                      issuer: certificate.issuerDn,
                      serial: certificate.serialNumberHex,
                      notAfter: formatDateTime(new Date(certificate.notAfter), language),
                    })}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <Button type="submit" isFullWidth isLoading={signIn.isPending}>
            {t("certificateSignIn.submit")}
          </Button>
        </form>
      )}

      <p className="certificate-sign-in__alternative">
        {isRequired ? (
          <Button variant="secondary" onClick={onOpenCertificates}>
            {t("certificateSignIn.openCertificates")}
          </Button>
        ) : (
          <Button variant="secondary" onClick={onSkip} disabled={signIn.isPending}>
            {t("certificateSignIn.skip")}
          </Button>
        )}
      </p>
    </section>
  );
}

function describeError(error: unknown, t: TFunction): string {
  if (isPkiError(error, "NO_KEY")) return t("certificateSignIn.errors.wrongKey");
  if (error instanceof KeyStoreError) return t("certificateSignIn.errors.keyStore");
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.code) {
    case "NETWORK_ERROR":
      return t("errors.network");
    case "CONFLICT":
    case "NOT_FOUND":
      return t("certificateSignIn.errors.challengeExpired");
    case "VALIDATION_FAILED":
      // The server says what was wrong (revoked, expired, not one of the user's certificates), in the UI language.
      return t("certificateSignIn.errors.rejected", { reason: error.message });
    case "RATE_LIMITED":
      return t("signIn.errors.rateLimitedNoTime");
    default:
      return t("errors.unexpected");
  }
}
