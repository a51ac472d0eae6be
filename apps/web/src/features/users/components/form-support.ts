// Reading the API's answers for the users forms.
import { isApiError } from "@/lib/api-client";

/** The API's field errors by form field name: "body.loginId" → "loginId". */
export function readFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const errors: Record<string, string> = {};
  for (const { field, message } of error.fields) {
    if (field.startsWith("body.")) errors[field.slice("body.".length)] ??= message;
  }
  return errors;
}

export function hasFieldError(error: unknown, field: string): boolean {
  return isApiError(error) && error.fields.some((entry) => entry.field === field);
}
