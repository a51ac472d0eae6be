// Amounts and dates of a guarantee on screen, in the UI language. Amounts are integers from the API and go through
// the shared formatter the certificate PDF uses, so the page and the signed document write the same figures.
import { formatAmount } from "@pwp/shared/amounts";
import type { Currency } from "@pwp/shared/contracts";
import type { Locale } from "@pwp/shared/enums";
import { formatCalendarDate } from "@/lib/format";

export function formatMoney(amount: number, currency: Currency, locale: Locale): string {
  return formatAmount(amount, currency, locale);
}

// The verification page writes dates the same way, so the one definition lives in lib.
export { formatCalendarDate } from "@/lib/format";

/**
 * A before/after value of the version history: the API writes amounts as digits and dates as YYYY-MM-DD; those
 * are shown formatted, anything else as it is.
 */
export function formatChangeValue(field: string, value: string | null, currency: Currency, locale: Locale): string {
  if (value === null || value === "") return "—";
  if (/Amount$/.test(field) && /^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return formatMoney(Number(value), currency, locale);
  if (/Date$/.test(field)) return formatCalendarDate(value, locale);
  return value;
}
