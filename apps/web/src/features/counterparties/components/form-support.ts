// Small pieces the counterparty forms share: the live registration-number check and the message for a refused
// request. (The API's field errors are read with readFieldErrors from lib/form-errors.)
import type { Country } from "@pwp/shared/enums";
import { isValidRegistrationNumber, normalizeRegistrationNumber } from "@pwp/shared/registration-number";
import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";

export const REGISTRATION_NUMBER_DIGITS: Record<Country, number> = { KR: 10, JP: 13 };

export type RegistrationNumberCheck = "empty" | "incomplete" | "wrongLength" | "wrongCheckDigit" | "valid";

/** Checked as the member types: incomplete numbers are not errors yet, a full one is checked at once. */
export function checkRegistrationNumber(country: Country, input: string): RegistrationNumberCheck {
  const digits = normalizeRegistrationNumber(input.trim());
  if (digits === "") return "empty";
  const length = REGISTRATION_NUMBER_DIGITS[country];
  if (!/^\d+$/.test(digits) || digits.length > length) return "wrongLength";
  if (digits.length < length) return "incomplete";
  return isValidRegistrationNumber(country, digits) ? "valid" : "wrongCheckDigit";
}

/** A refused request that names no field of the form: one message for the whole form. */
export function describeRequestError(error: unknown, t: TFunction): string | null {
  if (!error) return null;
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.code) {
    case "NETWORK_ERROR":
      return t("errors.network");
    case "FORBIDDEN":
      return t("counterparties.errors.forbidden");
    case "NOT_FOUND":
      return t("counterparties.errors.notFound");
    case "CONFLICT":
      return t("counterparties.errors.conflict");
    case "VALIDATION_FAILED":
      return error.fields.length > 0 ? t("errors.checkFields") : error.message;
    default:
      return t("errors.unexpected");
  }
}
