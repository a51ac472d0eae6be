// One message for a failed guarantee request, in the user's language. A 409 names the state the guarantee is in
// now (someone else acted first); the page refetches it so the buttons match that state. A 403 carries the
// server's reason (no guarantees authority, a certificate that is not the user's) and is shown as it is.
import { GUARANTEE_STATUSES, type GuaranteeStatus } from "@pwp/shared/guarantees";
import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";

function isGuaranteeStatus(value: string | null): value is GuaranteeStatus {
  return (GUARANTEE_STATUSES as readonly (string | null)[]).includes(value);
}

export function isGuaranteeConflict(error: unknown): boolean {
  return isApiError(error, "CONFLICT");
}

export function describeGuaranteeError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.code) {
    case "NETWORK_ERROR":
      return t("errors.network");
    case "CONFLICT":
      return isGuaranteeStatus(error.currentState)
        ? t("guarantees.errors.conflictWithState", { status: t(`guarantees.statuses.${error.currentState}`) })
        : t("guarantees.errors.conflict", { reason: error.message });
    case "NOT_FOUND":
      return t("guarantees.errors.notFound");
    case "FORBIDDEN":
      return t("guarantees.errors.forbidden", { reason: error.message });
    case "VALIDATION_FAILED":
      return error.fields.length > 0 ? t("errors.checkFields") : t("guarantees.errors.rejected", { reason: error.message });
    case "PAYLOAD_TOO_LARGE":
      return t("guarantees.errors.tooLarge");
    case "UNSUPPORTED_MEDIA_TYPE":
      return t("guarantees.errors.fileType");
    case "SERVICE_UNAVAILABLE":
      return t("guarantees.errors.unavailable");
    default:
      return t("errors.unexpected");
  }
}
