import type { CurrentUser } from "@pwp/shared/auth";
import type { ContractDetail } from "@pwp/shared/contracts";
import { isPkiError } from "@pwp/pki/errors";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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
import { signingCertificatesQueryOptions } from "@/lib/signing/signing-certificates";
import { storeChangedContract } from "../api/get-contract";
import { runContractSigning } from "../signing/run-contract-signing";
import { isContractSigningError, type SigningStep } from "../signing/sign-contract-revision";
import { describeContractError, isContractConflict } from "./describe-contract-error";

const STEPS: readonly SigningStep[] = ["preparing", "signing", "timestamping", "sending"];

type SignContractPanelProps = {
  detail: ContractDetail;
  user: CurrentUser;
  onClose: () => void;
  /** A 409: the contract moved on meanwhile; the page says so and shows its new state. */
  onConflict: (error: unknown) => void;
};

/**
 * 전자서명 · 電子署名: signs the PDF revision shown on the page with a key this browser holds (PAdES B-T), then
 * sends it. The key never leaves the browser; the server checks everything again before accepting.
 */
export function SignContractPanel({ detail, user, onClose, onConflict }: SignContractPanelProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [step, setStep] = useState<SigningStep | null>(null);
  const certificates = useQuery(signingCertificatesQueryOptions(user.id));
  const sign = useMutation({
    mutationFn: runContractSigning,
    onSuccess: (signed) => storeChangedContract(queryClient, signed),
    onError: (error) => {
      if (isContractConflict(error)) onConflict(error);
    },
    onSettled: () => setStep(null),
  });

  useEffect(() => headingRef.current?.focus(), []);

  const usable = certificates.data ?? [];
  const selected = usable.find((entry) => entry.certificate.id === selectedId) ?? usable[0];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected) return;
    sign.mutate({ queryClient, detail, signing: selected, signerName: user.name, onStep: setStep });
  }

  return (
    <section className="panel contract-sign" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("contracts.sign.title")}
      </h2>
      {sign.isSuccess ? (
        <>
          <p role="status" className="contract-sign__done">
            {sign.data.status === "COMPLETED" ? t("contracts.sign.doneCompleted") : t("contracts.sign.done")}
          </p>
          <Button variant="secondary" onClick={onClose}>
            {t("contracts.sign.close")}
          </Button>
        </>
      ) : (
        <>
          <p>{t("contracts.sign.intro")}</p>
          {detail.currentRevision && (
            <p className="muted details__number">{t("contracts.sign.revision", { sha256: detail.currentRevision.sha256 })}</p>
          )}
          {certificates.isPending ? (
            <Spinner label={t("contracts.sign.loadingCertificates")} />
          ) : certificates.isError ? (
            <Alert>{describeSigningError(certificates.error, t)}</Alert>
          ) : usable.length === 0 ? (
            <Notice>
              {t("contracts.sign.noCertificate")} <Link to={paths.certificates.getHref()}>{t("contracts.sign.certificatesLink")}</Link>
            </Notice>
          ) : (
            <form className="form" onSubmit={submit} noValidate>
              <fieldset className="certificate-choice contract-sign__choice" disabled={sign.isPending}>
                <legend>{t("contracts.sign.certificateLegend")}</legend>
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
                      <span className="contract-sign__subject">{certificate.subjectDn}</span>
                      <span className="muted contract-sign__details">
                        {t("contracts.sign.certificateDetails", {
                          issuer: certificate.issuerDn,
                          notAfter: formatDateTime(new Date(certificate.notAfter), language),
                        })}
                      </span>
                    </span>
                  </label>
                ))}
              </fieldset>
              {sign.isError && !isContractConflict(sign.error) && <Alert>{describeSigningError(sign.error, t)}</Alert>}
              {sign.isPending && (
                <ol className="contract-sign__steps" aria-label={t("contracts.sign.progress")}>
                  {STEPS.map((name) => (
                    <li key={name} aria-current={step === name ? "step" : undefined} className={step === name ? "contract-sign__step--current" : undefined}>
                      {t(`contracts.sign.steps.${name}`)}
                    </li>
                  ))}
                </ol>
              )}
              <p className="visually-hidden" role="status">
                {step ? t(`contracts.sign.steps.${step}`) : ""}
              </p>
              <div className="inline-confirm__actions">
                <Button type="submit" isLoading={sign.isPending}>
                  {t("contracts.sign.submit")}
                </Button>
                <Button variant="secondary" onClick={onClose} disabled={sign.isPending}>
                  {t("contracts.sign.close")}
                </Button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}

function describeSigningError(error: unknown, t: TFunction): string {
  if (isContractSigningError(error)) {
    switch (error.code) {
      case "REVISION_MISMATCH":
      case "NO_REVISION":
        return t("contracts.sign.errors.revisionMismatch");
      case "NOT_INCREMENTAL":
        return t("contracts.sign.errors.notIncremental");
      case "TIMESTAMP_REFUSED":
      case "TIMESTAMP_MISMATCH":
        return t("contracts.sign.errors.timestamp");
    }
  }
  if (isPkiError(error, "NO_KEY")) return t("contracts.sign.errors.wrongKey");
  if (isPkiError(error)) return t("contracts.sign.errors.pki", { reason: error.message });
  if (error instanceof KeyStoreError) return t("contracts.sign.errors.keyStore");
  if (isApiError(error, "VALIDATION_FAILED")) {
    // The server names what it refused (an expired or revoked certificate, a signature over another revision).
    const reasons = error.fields.length > 0 ? error.fields.map((field) => field.message).join(" ") : error.message;
    return t("contracts.sign.errors.rejected", { reason: reasons });
  }
  if (isApiError(error)) return describeContractError(error, t);
  return t("contracts.sign.errors.unexpected");
}
