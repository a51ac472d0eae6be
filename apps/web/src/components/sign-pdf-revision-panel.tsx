import type { CurrentUser } from "@pwp/shared/auth";
import { isPkiError } from "@pwp/pki/errors";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { KeyStoreError } from "@/lib/key-store";
import { SignatureTimestampError } from "@/lib/signing/signature-timestamp";
import { isPdfSigningError, type SigningStep } from "@/lib/signing/sign-pdf-revision";
import { signingCertificatesQueryOptions, type SigningCertificate } from "@/lib/signing/signing-certificates";
import "./sign-pdf-revision-panel.css";

const STEPS: readonly SigningStep[] = ["preparing", "signing", "timestamping", "sending"];

export type SignInput = { signing: SigningCertificate; signerName: string; onStep: (step: SigningStep) => void };

type SignPdfRevisionPanelProps<Result> = {
  user: CurrentUser;
  /** "Sign the contract", "Sign the change contract", … */
  title: string;
  /** The SHA-256 of the revision the page shows, so the signer can compare it with the PDF they reviewed. */
  sha256: string | null;
  /** Signs and submits (the feature's wiring of runPdfRevisionSigning). */
  sign: (input: SignInput) => Promise<Result>;
  /** Puts the signed document into the cache. */
  onSigned: (result: Result) => Promise<void> | void;
  /** What to announce once it is signed ("The contract is complete."). */
  describeDone: (result: Result) => string;
  /** A 409: the document moved on meanwhile; the page says so and shows its new state. */
  isConflict: (error: unknown) => boolean;
  onConflict: (error: unknown) => void;
  /** The feature's words for any other API error. */
  describeApiError: (error: unknown) => string;
  onClose: () => void;
};

/**
 * 전자서명 · 電子署名: signs the PDF revision shown on the page with a key this browser holds (PAdES B-T), then sends
 * it. The key never leaves the browser; the server checks everything again before accepting. One panel for every
 * document signed this way; the feature says what is signed and where it goes.
 */
export function SignPdfRevisionPanel<Result>(props: SignPdfRevisionPanelProps<Result>) {
  const { user, title, sha256, sign: signAndSubmit, onSigned, describeDone, isConflict, onConflict, describeApiError, onClose } = props;
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [step, setStep] = useState<SigningStep | null>(null);
  const certificates = useQuery(signingCertificatesQueryOptions(user.id));
  const sign = useMutation({
    mutationFn: signAndSubmit,
    onSuccess: (signed) => onSigned(signed),
    onError: (error) => {
      if (isConflict(error)) onConflict(error);
    },
    onSettled: () => setStep(null),
  });

  useEffect(() => headingRef.current?.focus(), []);

  const usable = certificates.data ?? [];
  const selected = usable.find((entry) => entry.certificate.id === selectedId) ?? usable[0];
  const describe = (error: unknown) => describeSigningError(error, t, describeApiError);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected) return;
    sign.mutate({ signing: selected, signerName: user.name, onStep: setStep });
  }

  return (
    <section className="panel pdf-sign" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {sign.isSuccess ? (
        <>
          <p role="status" className="pdf-sign__done">
            {describeDone(sign.data)}
          </p>
          <div>
            <Button variant="secondary" onClick={onClose}>
              {t("signing.close")}
            </Button>
          </div>
        </>
      ) : (
        <>
          <p>{t("signing.intro")}</p>
          {sha256 && <p className="muted details__number">{t("signing.revision", { sha256 })}</p>}
          {certificates.isPending ? (
            <Spinner label={t("signing.loadingCertificates")} />
          ) : certificates.isError ? (
            <Alert>{describe(certificates.error)}</Alert>
          ) : usable.length === 0 ? (
            <Notice>
              {t("signing.noCertificate")} <Link to={paths.certificates.getHref()}>{t("signing.certificatesLink")}</Link>
            </Notice>
          ) : (
            <form className="form" onSubmit={submit} noValidate>
              <fieldset className="pdf-sign__choice" disabled={sign.isPending}>
                <legend>{t("signing.certificateLegend")}</legend>
                {usable.map(({ certificate }) => (
                  <label key={certificate.id} className="checkbox">
                    <input
                      type="radio"
                      name="certificate"
                      value={certificate.id}
                      checked={selected?.certificate.id === certificate.id}
                      onChange={() => setSelectedId(certificate.id)}
                    />
                    <span>
                      <span className="pdf-sign__subject">{certificate.subjectDn}</span>
                      <span className="muted pdf-sign__details">
                        {t("signing.certificateDetails", {
                          issuer: certificate.issuerDn,
                          notAfter: formatDateTime(new Date(certificate.notAfter), language),
                        })}
                      </span>
                    </span>
                  </label>
                ))}
              </fieldset>
              {sign.isError && !isConflict(sign.error) && <Alert>{describe(sign.error)}</Alert>}
              {sign.isPending && (
                <ol className="pdf-sign__steps" aria-label={t("signing.progress")}>
                  {STEPS.map((name) => (
                    <li key={name} aria-current={step === name ? "step" : undefined}>
                      {t(`signing.steps.${name}`)}
                    </li>
                  ))}
                </ol>
              )}
              <p className="visually-hidden" role="status">
                {step ? t(`signing.steps.${step}`) : ""}
              </p>
              <div className="inline-confirm__actions">
                <Button type="submit" isLoading={sign.isPending}>
                  {t("signing.submit")}
                </Button>
                <Button variant="secondary" onClick={onClose} disabled={sign.isPending}>
                  {t("signing.close")}
                </Button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}

function describeSigningError(error: unknown, t: TFunction, describeApiError: (error: unknown) => string): string {
  if (isPdfSigningError(error)) {
    switch (error.code) {
      case "REVISION_MISMATCH":
      case "NO_REVISION":
        return t("signing.errors.revisionMismatch");
      case "NOT_INCREMENTAL":
        return t("signing.errors.notIncremental");
    }
  }
  if (error instanceof SignatureTimestampError) return t("signing.errors.timestamp");
  if (isPkiError(error, "NO_KEY")) return t("signing.errors.wrongKey");
  if (isPkiError(error)) return t("signing.errors.pki", { reason: error.message });
  if (error instanceof KeyStoreError) return t("signing.errors.keyStore");
  if (isApiError(error, "VALIDATION_FAILED")) {
    // The server names what it refused (an expired or revoked certificate, a signature over another revision).
    const reasons = error.fields.length > 0 ? error.fields.map((field) => field.message).join(" ") : error.message;
    return t("signing.errors.rejected", { reason: reasons });
  }
  if (isApiError(error)) return describeApiError(error);
  return t("signing.errors.unexpected");
}
