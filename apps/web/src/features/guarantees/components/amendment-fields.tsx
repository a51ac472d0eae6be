import { parseAmountInput } from "@pwp/shared/amounts";
import type { Currency } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";
import { TextField } from "@/components/ui/text-field";
import { getCurrentLocale } from "@/lib/i18n";
import type { AmendmentField, AmendmentValues } from "../version-action-form";
import { formatMoney } from "./format";

type AmendmentFieldsProps = {
  fields: readonly AmendmentField[];
  values: AmendmentValues;
  currency: Currency;
  onChange: (field: AmendmentField, value: string) => void;
  /** The message under a field, keyed "amendment.<field>" as the API names it (without "body."). */
  errorOf: (field: string) => string | undefined;
};

/**
 * The new values of a guarantee, one field each: what the surety's change or correction and the contractor's change
 * request both edit, so the two forms label, hint and check them alike. Amounts show as formatted money under
 * the label while typed.
 */
export function AmendmentFields({ fields, values, currency, onChange, errorOf }: AmendmentFieldsProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();

  const moneyHint = (text: string) => {
    const parsed = parseAmountInput(text);
    return "amount" in parsed ? formatMoney(parsed.amount, currency, language) : undefined;
  };

  return (
    <div className="guarantee-form__row">
      {fields.map((field) => (
        <TextField
          key={field}
          label={t(`guarantees.sign.amendmentFields.${field}`, { currency })}
          hint={field.endsWith("Amount") ? moneyHint(values[field]) : undefined}
          type={field.endsWith("Date") ? "date" : "text"}
          inputMode={field.endsWith("Amount") ? "numeric" : undefined}
          autoComplete="off"
          value={values[field]}
          error={errorOf(`amendment.${field}`)}
          onChange={(event) => onChange(field, event.target.value)}
        />
      ))}
    </div>
  );
}
