// One message for a failed document request, in the user's language. A 409 names the state the document is in now
// (someone else acted first, or the step is not open to this side); the page refetches it so the buttons match.
import { CONTRACT_DOCUMENT_STATUSES, type ContractDocumentStatus } from "@pwp/shared/contract-documents";
import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";
import { readFieldErrors } from "@/lib/form-errors";

function isDocumentStatus(value: string | null): value is ContractDocumentStatus {
  return (CONTRACT_DOCUMENT_STATUSES as readonly (string | null)[]).includes(value);
}

export function isDocumentConflict(error: unknown): boolean {
  return isApiError(error, "CONFLICT");
}

export function describeDocumentError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.code) {
    case "NETWORK_ERROR":
      return t("errors.network");
    case "CONFLICT":
      // The API says what stands in the way (another one still open, no passed inspection yet) in its message.
      return isDocumentStatus(error.currentState)
        ? t("contractDocuments.errors.conflictWithState", { status: t(`contractDocuments.statuses.${error.currentState}`), reason: error.message })
        : t("contractDocuments.errors.conflict", { reason: error.message });
    case "NOT_FOUND":
      return t("contractDocuments.errors.notFound");
    case "FORBIDDEN":
      // The server says why (no authority to sign for the organisation, a kind the other side starts).
      return t("contractDocuments.errors.forbidden", { reason: error.message });
    case "VALIDATION_FAILED":
      return error.fields.length > 0 ? t("errors.checkFields") : t("contractDocuments.errors.rejected", { reason: error.message });
    case "PAYLOAD_TOO_LARGE":
      return t("contractDocuments.errors.tooLarge");
    case "SERVICE_UNAVAILABLE":
      return t("contractDocuments.errors.unavailable");
    default:
      return t("errors.unexpected");
  }
}

/**
 * The API's field errors about a document's content, keyed by the content path ("rows.2.amount"), and its error
 * about the content as a whole ("body.content": a change that changes nothing, an inspection sent without result)
 * under "". Errors about other parts of the body ("body.version") are left to describeDocumentError.
 */
export function readContentErrors(error: unknown): Record<string, string> {
  const errors = readFieldErrors(error, "body.content.");
  const whole = readFieldErrors(error, "body.").content;
  return whole === undefined ? errors : { ...errors, "": whole };
}
