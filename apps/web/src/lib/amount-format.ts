// Contract amounts (請負金額 / 계약금액) on screen, through the shared formatter the contract PDF uses too, so the
// page and the signed document write the same figures: the contract pages and the documents that follow a contract
// (changes, unit prices, inspections, invoices) show money the same way. The amount is an integer from the API;
// nothing here parses text as a float or divides.
import { formatAmount, formatJapaneseContractAmount, formatKoreanContractAmount } from "@pwp/shared/amounts";
import type { Currency } from "@pwp/shared/contracts";
import type { Locale } from "@pwp/shared/enums";

/** 123,450,000원 · 123,450,000円 · KRW 123,450,000, in the UI language; the currency comes from the contract. */
export function formatAmountWithCurrency(amount: number, currency: Currency, locale: Locale): string {
  return formatAmount(amount, currency, locale);
}

/**
 * The amount as the contract writes it in words, by the contract's currency (won contracts are Korean, yen ones
 * Japanese): 금 일억이천삼백사십오만원정(₩123,450,000) / 金壱億弐千参百四拾五万円也.
 */
export function formatAmountInWords(amount: number, currency: Currency): string {
  return currency === "KRW" ? formatKoreanContractAmount(amount, currency) : formatJapaneseContractAmount(amount, currency);
}
