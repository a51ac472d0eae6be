// One message for a failed contract request, in the user's language. A 409 names the state the contract is in
// now (someone else acted first); the page refetches it so the buttons match that state.
import type { ContractStatus } from "@pwp/shared/contracts";
import { CONTRACT_STATUSES } from "@pwp/shared/contracts";
import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";

function isContractStatus(value: string | null): value is ContractStatus {
  return (CONTRACT_STATUSES as readonly (string | null)[]).includes(value);
}

export function isContractConflict(error: unknown): boolean {
  return isApiError(error, "CONFLICT");
}

export function describeContractError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.code) {
    case "NETWORK_ERROR":
      return t("errors.network");
    case "CONFLICT":
      return isContractStatus(error.currentState)
        ? t("contracts.errors.conflictWithState", { status: t(`contracts.statuses.${error.currentState}`) })
        : t("contracts.errors.conflict");
    case "NOT_FOUND":
      return t("contracts.errors.notFound");
    case "FORBIDDEN":
      // The server says why (no authority to sign for the organisation, a certificate that is not the user's).
      return t("contracts.errors.forbidden", { reason: error.message });
    case "VALIDATION_FAILED":
      return error.fields.length > 0 ? t("errors.checkFields") : t("contracts.errors.rejected", { reason: error.message });
    case "PAYLOAD_TOO_LARGE":
      return t("contracts.errors.tooLarge");
    case "UNSUPPORTED_MEDIA_TYPE":
      return t("contracts.errors.notPdf");
    case "SERVICE_UNAVAILABLE":
      return t("contracts.errors.unavailable");
    default:
      return t("errors.unexpected");
  }
}
