// Reading an ApiError for a form: the messages under fields, and the one message above the form.
import type { TFunction } from "i18next";
import { isApiError, type ApiErrorCode } from "@/lib/api-client";

/** The API's field errors keyed by the form's field name: "body.contact.email" → "contact.email" with prefix "body.". */
export function readFieldErrors(error: unknown, prefix = "body."): Record<string, string> {
  if (!isApiError(error)) return {};
  const errors: Record<string, string> = {};
  for (const { field, message } of error.fields) {
    if (field.startsWith(prefix)) errors[field.slice(prefix.length)] ??= message;
  }
  return errors;
}

/** Whether the API named this field (its full path, e.g. "body.loginId"). */
export function hasFieldError(error: unknown, field: string): boolean {
  return isApiError(error) && error.fields.some((entry) => entry.field === field);
}

/**
 * The one message for a failed request, shown above its form or list: "check the fields" when a field shows an
 * error, the caller's own message for an error code it knows, otherwise the network or the generic message; null
 * when there is nothing to say.
 */
export function describeFormError(
  error: unknown,
  t: TFunction,
  { hasFieldErrors = false, byCode = {} }: { hasFieldErrors?: boolean; byCode?: Partial<Record<ApiErrorCode, string>> } = {},
): string | null {
  if (hasFieldErrors) return t("errors.checkFields");
  if (!error) return null;
  const own = isApiError(error) ? byCode[error.code] : undefined;
  if (own) return own;
  return isApiError(error, "NETWORK_ERROR") ? t("errors.network") : t("errors.unexpected");
}
