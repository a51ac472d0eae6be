import { DOCUMENT_NOTE_MAX_LENGTH, INSPECTION_OUTCOMES, type ContractDocumentDetail, type ContractStanding, type InspectionContent } from "@pwp/shared/contract-documents";
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { getCurrentLocale } from "@/lib/i18n";
import { useUpdateContractDocument } from "../api/update-contract-document";
import { inspectionResultFromContent, toInspectionResultContent, type DocumentFormProblems, type InspectionResultValues } from "../document-form";
import { describeDocumentError, isDocumentConflict, readContentErrors } from "./describe-document-error";

type InspectionResultFormProps = {
  detail: ContractDocumentDetail;
  standing: ContractStanding;
  /** A 409: the inspection moved on meanwhile; the page says so and shows its new state. */
  onConflict: (error: unknown) => void;
  /** After a save (the edit page goes back to the document). */
  onSaved?: (saved: ContractDocumentDetail) => void;
};

/**
 * 検査結果 · 검사 결과: the orderer records the outcome of the inspection the contractor asked for — when, passed or
 * failed (with findings), and the inspected amount (cumulative) — before sending it and signing it alone.
 */
export function InspectionResultForm({ detail, standing, onConflict, onSaved }: InspectionResultFormProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const request = detail.content as InspectionContent;
  const [values, setValues] = useState<InspectionResultValues>(() => inspectionResultFromContent(request));
  const [problems, setProblems] = useState<DocumentFormProblems>({});
  const update = useUpdateContractDocument();
  const apiErrors = readContentErrors(update.error);
  const money = (amount: number) => formatAmountWithCurrency(amount, standing.currency, language);
  const isCompletion = request.inspectionKind === "COMPLETION";

  function errorOf(field: string): string | undefined {
    const problem = problems[field];
    return problem ? t(`contractDocuments.form.problems.${problem}`) : apiErrors[field];
  }

  function change<K extends keyof InspectionResultValues>(key: K, value: InspectionResultValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.reset();
    const result = toInspectionResultContent(request, values, standing);
    setProblems("problems" in result ? result.problems : {});
    if (!("content" in result)) return;
    update.mutate(
      { documentId: detail.id, body: { kind: "INSPECTION", content: result.content, version: detail.version } },
      {
        onSuccess: (saved) => {
          if (onSaved) onSaved(saved);
          else statusRef.current?.focus();
        },
        onError: (error) => {
          if (isDocumentConflict(error)) onConflict(error);
        },
      },
    );
  }

  const hasFieldErrors = Object.keys(problems).length > 0 || Object.keys(apiErrors).length > 0;
  const outcomeError = errorOf("result.outcome");

  return (
    <section className="panel contract-documents__result-form" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("contractDocuments.result.title")}</h2>
      <p>{t("contractDocuments.result.intro")}</p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={headingId}>
        {update.error && !isDocumentConflict(update.error) && <Alert>{describeDocumentError(update.error, t)}</Alert>}
        {!update.error && hasFieldErrors && <Alert>{t("errors.checkFields")}</Alert>}
        <TextField
          label={t("contractDocuments.result.inspectedOn")}
          type="date"
          name="inspectedOn"
          value={values.inspectedOn}
          error={errorOf("result.inspectedOn")}
          onChange={(event) => change("inspectedOn", event.target.value)}
        />
        <fieldset className="checkbox-group" aria-invalid={outcomeError ? true : undefined}>
          <legend>{t("contractDocuments.result.outcome")}</legend>
          {INSPECTION_OUTCOMES.map((outcome) => (
            <label key={outcome} className="checkbox">
              <input type="radio" name="outcome" value={outcome} checked={values.outcome === outcome} onChange={() => change("outcome", outcome)} />
              {t(`contractDocuments.outcomes.${outcome}`)}
            </label>
          ))}
          {outcomeError && <p className="field__error">{outcomeError}</p>}
        </fieldset>
        <TextAreaField
          label={t("contractDocuments.result.findings")}
          hint={t("contractDocuments.result.findingsHint")}
          name="findings"
          rows={4}
          maxLength={DOCUMENT_NOTE_MAX_LENGTH}
          value={values.findings}
          error={errorOf("result.findings")}
          onChange={(event) => change("findings", event.target.value)}
        />
        <TextField
          label={t("contractDocuments.result.inspectedAmount", { currency: standing.currency })}
          hint={
            isCompletion
              ? t("contractDocuments.result.inspectedAmountCompletionHint", { amount: money(standing.current.amount) })
              : t("contractDocuments.result.inspectedAmountPartialHint", { amount: money(standing.current.amount), inspected: money(standing.inspected) })
          }
          name="inspectedAmount"
          inputMode="numeric"
          autoComplete="off"
          value={values.inspectedAmount}
          error={errorOf("result.inspectedAmount")}
          onChange={(event) => change("inspectedAmount", event.target.value)}
        />
        <div className="inline-confirm__actions">
          <Button type="submit" isLoading={update.isPending}>
            {t("contractDocuments.result.save")}
          </Button>
        </div>
        <p ref={statusRef} tabIndex={-1} role="status" className="contract-documents__saved">
          {update.isSuccess && !onSaved ? t("contractDocuments.result.saved") : ""}
        </p>
      </form>
    </section>
  );
}
