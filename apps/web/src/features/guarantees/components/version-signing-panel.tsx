import type { CurrentUser } from "@pwp/shared/auth";
import {
  KINDS_WITH_DEPOSIT_BANK,
  type GuaranteeDetail,
  type PrepareGuaranteeVersionBody,
  type PreparedGuaranteeVersion,
  type SigningGuaranteeAction,
} from "@pwp/shared/guarantees";
import { isPkiError } from "@pwp/pki/errors";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { isApiError } from "@/lib/api-client";
import { readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { KeyStoreError } from "@/lib/key-store";
import { SignatureTimestampError } from "@/lib/signing/signature-timestamp";
import { signingCertificatesQueryOptions } from "@/lib/signing/signing-certificates";
import { storeChangedGuarantee } from "../api/get-guarantee";
import { prepareGuaranteeVersion } from "../api/prepare-guarantee-version";
import { parseAmountInput } from "@pwp/shared/amounts";
import { loadPreparedDocuments, runGuaranteeSigning } from "../signing/run-guarantee-signing";
import { isGuaranteeSigningError, type GuaranteeSigningStep, type PreparedDocuments } from "../signing/sign-guarantee-version";
import {
  AMENDMENT_FIELDS,
  initialVersionActionValues,
  isPreparedFor,
  isReasonRequired,
  proposedFee,
  toPrepareBody,
  withFeeInputs,
  type AmendmentField,
  type VersionActionProblems,
  type VersionActionValues,
} from "../version-action-form";
import { AmendmentFields } from "./amendment-fields";
import { describeGuaranteeError, isGuaranteeConflict } from "./describe-guarantee-error";
import { formatMoney } from "./format";
import { RadioGroup } from "./radio-group";

const STEPS: readonly GuaranteeSigningStep[] = ["signing", "timestamping", "sending"];

type Review = { prepared: PreparedGuaranteeVersion; documents: PreparedDocuments };

type VersionSigningPanelProps = {
  detail: GuaranteeDetail;
  user: CurrentUser;
  action: SigningGuaranteeAction;
  onClose: () => void;
  /** A 409: the guarantee moved on meanwhile; the page says so and shows its new state. */
  onConflict: (error: unknown) => void;
};

/**
 * 発行 · 변경 · 정정 · 취소 · 해제: the surety fills in what the version says, the server prepares it (number, canonical
 * document, certificate and fee statement PDFs), the page checks the PDFs against the prepared hashes and shows
 * them, and the surety signs all of it in the browser with its own key (CMS over the JSON, PAdES B-T over the PDFs).
 */
export function VersionSigningPanel({ detail, user, action, onClose, onConflict }: VersionSigningPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const [values, setValues] = useState<VersionActionValues>(() => initialVersionActionValues(detail, action));
  const [problems, setProblems] = useState<VersionActionProblems>({});
  const [review, setReview] = useState<Review | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [step, setStep] = useState<GuaranteeSigningStep | null>(null);
  const certificates = useQuery(signingCertificatesQueryOptions(user.id));

  const prepare = useMutation({
    mutationFn: async (input: { body: PrepareGuaranteeVersionBody } | { existing: PreparedGuaranteeVersion }): Promise<Review> => {
      const prepared = "existing" in input ? input.existing : await prepareGuaranteeVersion({ guaranteeId: detail.id, body: input.body });
      return { prepared, documents: await loadPreparedDocuments(detail.id, prepared) };
    },
    onSuccess: setReview,
    onError: (error) => {
      if (isGuaranteeConflict(error)) onConflict(error);
    },
  });
  const sign = useMutation({
    mutationFn: runGuaranteeSigning,
    onSuccess: (signed) => storeChangedGuarantee(queryClient, signed),
    onError: (error) => {
      if (isGuaranteeConflict(error)) onConflict(error);
    },
    onSettled: () => setStep(null),
  });

  useEffect(() => headingRef.current?.focus(), []);

  const usable = certificates.data ?? [];
  const selected = usable.find((entry) => entry.certificate.id === selectedId) ?? usable[0];
  const prepareErrors = readFieldErrors(prepare.error);
  const reusable = isPreparedFor(detail, action) ? detail.preparedVersion : null;

  function errorOf(field: string): string | undefined {
    const problem = problems[field];
    return problem ? t(`guarantees.sign.problems.${problem}`) : prepareErrors[field];
  }

  function submitForm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    prepare.reset();
    const result = toPrepareBody(action, detail, values);
    setProblems("problems" in result ? result.problems : {});
    if ("body" in result) prepare.mutate({ body: result.body });
  }

  function submitSignature(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected || !review) return;
    sign.mutate({ guaranteeId: detail.id, prepared: review.prepared, documents: review.documents, signing: selected, signerName: user.name, onStep: setStep });
  }

  const title = t(`guarantees.sign.titles.${action}`);

  return (
    <section className="panel guarantee-sign" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {sign.isSuccess ? (
        <>
          <p role="status" className="guarantee-sign__done">
            {t(`guarantees.sign.done.${action}`, { number: sign.data.guaranteeNumber ?? "", version: sign.data.currentVersion })}
          </p>
          <div>
            <Button variant="secondary" onClick={onClose}>
              {t("guarantees.sign.close")}
            </Button>
          </div>
        </>
      ) : review === null ? (
        <form className="form" onSubmit={submitForm} noValidate aria-label={title}>
          <p>{t(`guarantees.sign.intros.${action}`)}</p>
          {reusable && (
            <Notice>
              {t("guarantees.sign.preparedWaiting", { number: reusable.number })}{" "}
              <Button variant="secondary" isLoading={prepare.isPending} onClick={() => prepare.mutate({ existing: reusable })}>
                {t("guarantees.sign.reviewPrepared")}
              </Button>
            </Notice>
          )}
          {certificates.isSuccess && usable.length === 0 && <NoCertificateNotice />}
          {prepare.error && !isGuaranteeConflict(prepare.error) && <Alert>{describePrepareError(prepare.error, t)}</Alert>}
          {!prepare.error && Object.keys(problems).length > 0 && <Alert>{t("errors.checkFields")}</Alert>}
          {errorOf("amendment") && <Alert>{errorOf("amendment")}</Alert>}
          <ActionFields action={action} detail={detail} values={values} onChange={setValues} errorOf={errorOf} />
          <div className="inline-confirm__actions">
            <Button type="submit" isLoading={prepare.isPending}>
              {t("guarantees.sign.prepare")}
            </Button>
            <Button variant="secondary" onClick={onClose} disabled={prepare.isPending}>
              {t("guarantees.sign.close")}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <ReviewDocuments guaranteeNumber={review.prepared.guaranteeNumber} review={review} />
          {certificates.isPending ? (
            <Spinner label={t("guarantees.sign.loadingCertificates")} />
          ) : certificates.isError ? (
            <Alert>{describeSigningError(certificates.error, t)}</Alert>
          ) : usable.length === 0 ? (
            <NoCertificateNotice />
          ) : (
            <form className="form" onSubmit={submitSignature} noValidate aria-label={t("guarantees.sign.signForm")}>
              <fieldset className="guarantee-sign__choice" disabled={sign.isPending}>
                <legend>{t("guarantees.sign.certificateLegend")}</legend>
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
                      <span className="guarantee-sign__subject">{certificate.subjectDn}</span>
                      <span className="muted guarantee-sign__subject">
                        {t("guarantees.sign.certificateDetails", {
                          issuer: certificate.issuerDn,
                          notAfter: formatDateTime(new Date(certificate.notAfter), getCurrentLocale()),
                        })}
                      </span>
                    </span>
                  </label>
                ))}
              </fieldset>
              {sign.isError && !isGuaranteeConflict(sign.error) && <Alert>{describeSigningError(sign.error, t)}</Alert>}
              {sign.isPending && (
                <ol className="guarantee-sign__steps" aria-label={t("guarantees.sign.progress")}>
                  {STEPS.map((name) => (
                    <li key={name} aria-current={step === name ? "step" : undefined}>
                      {t(`guarantees.sign.steps.${name}`)}
                    </li>
                  ))}
                </ol>
              )}
              <p className="visually-hidden" role="status">
                {step ? t(`guarantees.sign.steps.${step}`) : ""}
              </p>
              <div className="inline-confirm__actions">
                <Button type="submit" isLoading={sign.isPending}>
                  {t(`guarantees.sign.submit.${action}`)}
                </Button>
                <Button
                  variant="secondary"
                  disabled={sign.isPending}
                  onClick={() => {
                    sign.reset();
                    setReview(null);
                  }}
                >
                  {t("guarantees.sign.back")}
                </Button>
                <Button variant="secondary" onClick={onClose} disabled={sign.isPending}>
                  {t("guarantees.sign.close")}
                </Button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}

function NoCertificateNotice() {
  const { t } = useTranslation();
  return (
    <Notice>
      {t("guarantees.sign.noCertificate")} <Link to={paths.certificates.getHref()}>{t("guarantees.sign.certificatesLink")}</Link>
    </Notice>
  );
}

type ActionFieldsProps = {
  action: SigningGuaranteeAction;
  detail: GuaranteeDetail;
  values: VersionActionValues;
  onChange: (update: (current: VersionActionValues) => VersionActionValues) => void;
  errorOf: (field: string) => string | undefined;
};

/** What each action asks for: the fee on issue, the amended fields on change or correction, the release's scope. */
function ActionFields({ action, detail, values, onChange, errorOf }: ActionFieldsProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const currency = detail.currency;

  function changeAmendment(field: AmendmentField, value: string) {
    onChange((current) => ({ ...current, amendment: { ...current.amendment, [field]: value } }));
  }

  const moneyHint = (text: string) => {
    const parsed = parseAmountInput(text);
    return "amount" in parsed ? formatMoney(parsed.amount, currency, language) : undefined;
  };

  return (
    <>
      {action === "ISSUE" && (
        <fieldset className="form__fieldset guarantee-form__kind">
          <legend>{t("guarantees.sign.feeLegend")}</legend>
          <p className="muted">{t("guarantees.sign.feeIntro")}</p>
          <div className="guarantee-form__row">
            <TextField
              label={t("guarantees.sign.feeBase", { currency })}
              hint={moneyHint(values.feeBaseAmount)}
              inputMode="numeric"
              autoComplete="off"
              value={values.feeBaseAmount}
              error={errorOf("fee.baseAmount")}
              onChange={(event) => {
                const feeBaseAmount = event.target.value;
                onChange((current) => withFeeInputs(current, { feeBaseAmount }));
              }}
            />
            <TextField
              label={t("guarantees.sign.feeRate")}
              hint={t("guarantees.sign.feeRateHint")}
              inputMode="decimal"
              autoComplete="off"
              value={values.feeRatePercent}
              error={errorOf("fee.rateBasisPoints")}
              onChange={(event) => {
                const feeRatePercent = event.target.value;
                onChange((current) => withFeeInputs(current, { feeRatePercent }));
              }}
            />
            <TextField
              label={t("guarantees.sign.feeAmount", { currency })}
              hint={
                proposedFee(values) === null
                  ? t("guarantees.sign.feeAmountHint")
                  : t("guarantees.sign.feeProposed", { fee: formatMoney(proposedFee(values) ?? 0, currency, language) })
              }
              inputMode="numeric"
              autoComplete="off"
              value={values.feeAmount}
              error={errorOf("fee.feeAmount")}
              onChange={(event) => {
                const feeAmount = event.target.value;
                // Cleared, the fee follows base and rate again.
                onChange((current) => (feeAmount.trim() === "" ? withFeeInputs({ ...current, isFeeEdited: false }, {}) : { ...current, feeAmount, isFeeEdited: true }));
              }}
            />
          </div>
        </fieldset>
      )}
      {(action === "CHANGE" || action === "CORRECT") && (
        <fieldset className="form__fieldset guarantee-form__kind">
          <legend>{t("guarantees.sign.amendmentLegend")}</legend>
          <p className="muted">{t("guarantees.sign.amendmentIntro")}</p>
          {action === "CHANGE" && detail.changeRequest && <p className="muted">{t("guarantees.changeRequest.prefilled")}</p>}
          <AmendmentFields
            fields={AMENDMENT_FIELDS.filter((field) => KINDS_WITH_DEPOSIT_BANK.includes(detail.kind) || (field !== "depositBankName" && field !== "depositBranchName"))}
            values={values.amendment}
            currency={currency}
            onChange={changeAmendment}
            errorOf={errorOf}
          />
        </fieldset>
      )}
      {action === "RELEASE" && (
        <>
          <RadioGroup
            legend={t("guarantees.sign.releaseLegend")}
            name="release"
            value={values.release}
            options={[
              { value: "whole", label: t("guarantees.sign.releaseWhole") },
              { value: "partial", label: t("guarantees.sign.releasePartial") },
            ]}
            onChange={(release) => onChange((current) => ({ ...current, release: release === "partial" ? "partial" : "whole" }))}
          />
          {values.release === "partial" && (
            <TextField
              label={t("guarantees.sign.remainingAmount", { currency })}
              hint={moneyHint(values.remainingAmount) ?? t("guarantees.sign.remainingAmountHint", { amount: formatMoney(detail.guaranteeAmount, currency, language) })}
              inputMode="numeric"
              autoComplete="off"
              value={values.remainingAmount}
              error={errorOf("amendment.guaranteeAmount")}
              onChange={(event) => {
                const remainingAmount = event.target.value;
                onChange((current) => ({ ...current, remainingAmount }));
              }}
            />
          )}
        </>
      )}
      {isReasonRequired(action) && (
        <TextAreaField
          label={t("guarantees.sign.reason")}
          hint={t("guarantees.sign.reasonHint")}
          rows={3}
          maxLength={1000}
          value={values.reason}
          error={errorOf("reason")}
          onChange={(event) => {
            const reason = event.target.value;
            onChange((current) => ({ ...current, reason }));
          }}
        />
      )}
    </>
  );
}

/** Points the frame at an object URL of the bytes, revoked when the frame goes (a ref callback with cleanup). */
function usePdfFrameRef(bytes: Uint8Array) {
  return useCallback(
    (frame: HTMLIFrameElement | null) => {
      if (!frame) return;
      const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: "application/pdf" }));
      frame.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [bytes],
  );
}

function PdfFrame({ bytes, title }: { bytes: Uint8Array; title: string }) {
  const frameRef = usePdfFrameRef(bytes);
  return <iframe ref={frameRef} className="guarantee-sign__frame" title={title} />;
}

/** Exactly what will be signed: the checked PDFs and the structured data, before the surety commits. */
function ReviewDocuments({ guaranteeNumber, review }: { guaranteeNumber: string; review: Review }) {
  const { t } = useTranslation();
  const { prepared, documents } = review;
  const canonical = (() => {
    try {
      return JSON.stringify(JSON.parse(prepared.canonicalJson), null, 2);
    } catch {
      return prepared.canonicalJson;
    }
  })();
  return (
    <div className="guarantee-sign__review">
      <p>
        {t("guarantees.sign.reviewIntro", { number: guaranteeNumber, version: prepared.number, kind: t(`guarantees.versionKinds.${prepared.kind}`) })}
      </p>
      <p className="muted guarantee-sign__hash">{t("guarantees.sign.hashChecked", { sha256: prepared.certificatePdfSha256 })}</p>
      <h3>{t("guarantees.sign.certificatePdf")}</h3>
      <PdfFrame bytes={documents.certificatePdf} title={t("guarantees.sign.certificateFrame", { number: guaranteeNumber })} />
      {documents.feeStatementPdf && (
        <>
          <h3>{t("guarantees.sign.feeStatementPdf")}</h3>
          <PdfFrame bytes={documents.feeStatementPdf} title={t("guarantees.sign.feeStatementFrame", { number: guaranteeNumber })} />
        </>
      )}
      <details className="guarantee-sign__data">
        <summary>{t("guarantees.sign.canonicalData")}</summary>
        <pre>{canonical}</pre>
      </details>
    </div>
  );
}

function describePrepareError(error: unknown, t: TFunction): string {
  if (isGuaranteeSigningError(error, "HASH_MISMATCH")) return t("guarantees.sign.errors.hashMismatch");
  return describeGuaranteeError(error, t);
}

function describeSigningError(error: unknown, t: TFunction): string {
  if (isGuaranteeSigningError(error)) {
    switch (error.code) {
      case "HASH_MISMATCH":
      case "FEE_STATEMENT_MISSING":
        return t("guarantees.sign.errors.hashMismatch");
      case "NOT_INCREMENTAL":
        return t("guarantees.sign.errors.notIncremental");
    }
  }
  if (error instanceof SignatureTimestampError) return t("guarantees.sign.errors.timestamp");
  if (isPkiError(error, "NO_KEY")) return t("guarantees.sign.errors.wrongKey");
  if (isPkiError(error)) return t("guarantees.sign.errors.pki", { reason: error.message });
  if (error instanceof KeyStoreError) return t("guarantees.sign.errors.keyStore");
  if (isApiError(error, "VALIDATION_FAILED")) {
    // The server names what it refused (an expired or revoked certificate, a signature over other bytes).
    const reasons = error.fields.length > 0 ? error.fields.map((field) => field.message).join(" ") : error.message;
    return t("guarantees.sign.errors.rejected", { reason: reasons });
  }
  return describeGuaranteeError(error, t);
}
