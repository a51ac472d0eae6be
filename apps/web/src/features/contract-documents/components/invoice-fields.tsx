import { DOCUMENT_NOTE_MAX_LENGTH, type ContractStanding } from "@pwp/shared/contract-documents";
import { useTranslation } from "react-i18next";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { getCurrentLocale } from "@/lib/i18n";
import { invoiceNet, type InvoiceFormValues } from "../document-form";

type InvoiceFieldsProps = {
  values: InvoiceFormValues;
  onChange: (values: InvoiceFormValues) => void;
  errorOf: (field: string) => string | undefined;
  standing: ContractStanding;
  /** What this invoice may claim at most (invoiceableFor). */
  invoiceable: number;
};

/** 請求 · 대가 청구: the amount claimed, the advance payment deducted from it, and the net payable. */
export function InvoiceFields({ values, onChange, errorOf, standing, invoiceable }: InvoiceFieldsProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const { currency } = standing;
  const money = (amount: number | bigint) => formatAmountWithCurrency(Number(amount), currency, language);
  const net = invoiceNet(values);
  const change = <K extends keyof InvoiceFormValues>(key: K, value: InvoiceFormValues[K]) => onChange({ ...values, [key]: value });

  return (
    <fieldset className="form__fieldset">
      <legend className="contract-documents__legend">{t("contractDocuments.form.invoice.legend")}</legend>
      <p className="contract-documents__invoiceable">
        {t("contractDocuments.form.invoice.invoiceable", { amount: money(invoiceable), inspected: money(standing.inspected), invoiced: money(standing.invoiced) })}
      </p>
      <TextField
        label={t("contractDocuments.form.invoice.grossAmount", { currency })}
        hint={t("contractDocuments.form.amountHint")}
        name="grossAmount"
        inputMode="numeric"
        autoComplete="off"
        value={values.grossAmount}
        error={errorOf("grossAmount")}
        onChange={(event) => change("grossAmount", event.target.value)}
      />
      <TextField
        label={t("contractDocuments.form.invoice.advanceDeduction", { currency })}
        hint={t("contractDocuments.form.invoice.advanceDeductionHint")}
        name="advanceDeduction"
        inputMode="numeric"
        autoComplete="off"
        value={values.advanceDeduction}
        error={errorOf("advanceDeduction")}
        onChange={(event) => change("advanceDeduction", event.target.value)}
      />
      <p className="contract-documents__net" role="status">
        {net === null ? t("contractDocuments.form.invoice.netPending") : net < 0n ? t("contractDocuments.form.problems.deductionTooLarge") : t("contractDocuments.form.invoice.net", { amount: money(net) })}
      </p>
      <TextField
        label={t("contractDocuments.form.invoice.invoiceDate")}
        type="date"
        name="invoiceDate"
        value={values.invoiceDate}
        error={errorOf("invoiceDate")}
        onChange={(event) => change("invoiceDate", event.target.value)}
      />
      <TextAreaField
        label={t("contractDocuments.form.invoice.note")}
        hint={t("contractDocuments.form.optional")}
        name="note"
        rows={3}
        maxLength={DOCUMENT_NOTE_MAX_LENGTH}
        value={values.note}
        error={errorOf("note")}
        onChange={(event) => change("note", event.target.value)}
      />
    </fieldset>
  );
}
