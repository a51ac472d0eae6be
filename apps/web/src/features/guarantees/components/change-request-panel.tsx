import { GUARANTEE_REASON_MAX_LENGTH, type GuaranteeDetail } from "@pwp/shared/guarantees";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/text-field";
import { readFieldErrors } from "@/lib/form-errors";
import { useRequestGuaranteeChange } from "../api/request-guarantee-change";
import { CHANGE_REQUEST_FIELDS, initialChangeRequestValues, toRequestChangeBody, type ChangeRequestValues } from "../change-request-form";
import type { AmendmentField, VersionActionProblems } from "../version-action-form";
import { AmendmentFields } from "./amendment-fields";
import { describeGuaranteeError, isGuaranteeConflict } from "./describe-guarantee-error";

type ChangeRequestPanelProps = {
  detail: GuaranteeDetail;
  onClose: () => void;
  /** The request reached the surety; the page closes the panel and says so. */
  onSent: () => void;
  /** A 409: the guarantee moved on meanwhile; the page says so and shows its new state. */
  onConflict: (error: unknown) => void;
};

/**
 * 変更申込: the contractor says what the surety should change on an issued guarantee and why (after a change
 * contract, usually the amounts and the period). Nothing changes until the surety signs a change; a new request
 * replaces an open one, so the form starts from the open one.
 */
export function ChangeRequestPanel({ detail, onClose, onSent, onConflict }: ChangeRequestPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<ChangeRequestValues>(() => initialChangeRequestValues(detail));
  const [problems, setProblems] = useState<VersionActionProblems>({});
  const requestChange = useRequestGuaranteeChange({ contractId: detail.contractId ?? undefined });
  const serverErrors = readFieldErrors(requestChange.error);

  useEffect(() => headingRef.current?.focus(), []);

  function errorOf(field: string): string | undefined {
    const problem = problems[field];
    return problem ? t(`guarantees.sign.problems.${problem}`) : serverErrors[field];
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    requestChange.reset();
    const result = toRequestChangeBody(detail, values);
    setProblems("problems" in result ? result.problems : {});
    if (!("body" in result)) return;
    requestChange.mutate(
      { guaranteeId: detail.id, body: result.body },
      {
        onSuccess: onSent,
        onError: (error) => {
          if (isGuaranteeConflict(error)) onConflict(error);
        },
      },
    );
  }

  const title = t("guarantees.changeRequest.title");
  const hasProblems = Object.keys(problems).length > 0;
  return (
    <section className="panel guarantee-sign" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <form className="form" onSubmit={submit} noValidate aria-label={title}>
        <p>{t("guarantees.changeRequest.intro")}</p>
        {requestChange.error && !isGuaranteeConflict(requestChange.error) && <Alert>{describeGuaranteeError(requestChange.error, t)}</Alert>}
        {!requestChange.error && hasProblems && <Alert>{t("errors.checkFields")}</Alert>}
        {errorOf("amendment") && <Alert>{errorOf("amendment")}</Alert>}
        <fieldset className="form__fieldset guarantee-form__kind">
          <legend>{t("guarantees.changeRequest.valuesLegend")}</legend>
          <AmendmentFields
            fields={CHANGE_REQUEST_FIELDS}
            values={values.amendment}
            currency={detail.currency}
            onChange={(field: AmendmentField, value: string) => setValues((current) => ({ ...current, amendment: { ...current.amendment, [field]: value } }))}
            errorOf={errorOf}
          />
        </fieldset>
        <TextAreaField
          label={t("guarantees.changeRequest.reason")}
          hint={t("guarantees.changeRequest.reasonHint")}
          rows={3}
          maxLength={GUARANTEE_REASON_MAX_LENGTH}
          value={values.reason}
          error={errorOf("reason")}
          onChange={(event) => {
            const reason = event.target.value;
            setValues((current) => ({ ...current, reason }));
          }}
        />
        <div className="inline-confirm__actions">
          <Button type="submit" isLoading={requestChange.isPending}>
            {t("guarantees.changeRequest.submit")}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={requestChange.isPending}>
            {t("guarantees.changeRequest.close")}
          </Button>
        </div>
      </form>
    </section>
  );
}
