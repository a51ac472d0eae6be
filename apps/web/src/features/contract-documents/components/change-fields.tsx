import { parseAmountInput } from "@pwp/shared/amounts";
import { DOCUMENT_NOTE_MAX_LENGTH, type ContractStanding } from "@pwp/shared/contract-documents";
import { CONTRACT_REASON_MAX_LENGTH } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { formatAmountInWords, formatAmountWithCurrency } from "@/lib/amount-format";
import { formatCalendarDate } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { changeDifference, type ChangeFormValues } from "../document-form";

type ChangeFieldsProps = {
  values: ChangeFormValues;
  onChange: (values: ChangeFormValues) => void;
  errorOf: (field: string) => string | undefined;
  standing: ContractStanding;
};

/** 変更契約 · 변경계약: the new terms in full (prefilled with the current ones), the difference, and why. */
export function ChangeFields({ values, onChange, errorOf, standing }: ChangeFieldsProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const { current, currency } = standing;
  const money = (amount: number | bigint) => formatAmountWithCurrency(Number(amount), currency, language);
  const amount = parseAmountInput(values.amount);
  const difference = changeDifference(values.amount, current.amount);
  const change = <K extends keyof ChangeFormValues>(key: K, value: ChangeFormValues[K]) => onChange({ ...values, [key]: value });

  return (
    <fieldset className="form__fieldset">
      <legend className="contract-documents__legend">{t("contractDocuments.form.change.legend")}</legend>
      <p className="muted">
        {t("contractDocuments.form.change.current", {
          amount: money(current.amount),
          start: formatCalendarDate(current.worksStartDate, language),
          end: formatCalendarDate(current.worksEndDate, language),
        })}
      </p>
      <TextField
        label={t("contractDocuments.form.change.amount", { currency })}
        hint={"amount" in amount ? t("contractDocuments.form.amountPreview", { amount: money(amount.amount), words: formatAmountInWords(amount.amount, currency) }) : t("contractDocuments.form.amountHint")}
        name="amount"
        inputMode="numeric"
        autoComplete="off"
        value={values.amount}
        error={errorOf("amount")}
        onChange={(event) => change("amount", event.target.value)}
      />
      {difference !== null && (
        <p className="contract-documents__difference" role="status">
          {difference === 0n
            ? t("contractDocuments.form.change.noDifference")
            : difference > 0n
              ? t("contractDocuments.form.change.increase", { amount: money(difference) })
              : t("contractDocuments.form.change.decrease", { amount: money(-difference) })}
        </p>
      )}
      <div className="contract-documents__row">
        <TextField
          label={t("contractDocuments.form.change.worksStartDate")}
          type="date"
          name="worksStartDate"
          value={values.worksStartDate}
          error={errorOf("worksStartDate")}
          onChange={(event) => change("worksStartDate", event.target.value)}
        />
        <TextField
          label={t("contractDocuments.form.change.worksEndDate")}
          type="date"
          name="worksEndDate"
          value={values.worksEndDate}
          error={errorOf("worksEndDate")}
          onChange={(event) => change("worksEndDate", event.target.value)}
        />
      </div>
      <TextAreaField
        label={t("contractDocuments.form.change.reason")}
        name="reason"
        rows={3}
        maxLength={CONTRACT_REASON_MAX_LENGTH}
        value={values.reason}
        error={errorOf("reason")}
        onChange={(event) => change("reason", event.target.value)}
      />
      <TextAreaField
        label={t("contractDocuments.form.change.termsNote")}
        hint={t("contractDocuments.form.change.termsNoteHint")}
        name="termsNote"
        rows={4}
        maxLength={DOCUMENT_NOTE_MAX_LENGTH}
        value={values.termsNote}
        error={errorOf("termsNote")}
        onChange={(event) => change("termsNote", event.target.value)}
      />
    </fieldset>
  );
}
