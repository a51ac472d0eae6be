// What to tell the user when signing a delegation statement, or its verification on the server, failed.
import { isPkiError } from "@pwp/pki/errors";
import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";
import { KeyStoreError } from "@/lib/key-store";

/**
 * The server names body.signedData with a fixed message per problem (lib/pki/signer-verification.ts); the common
 * ones get their own translation, the rest a general one.
 */
const SIGNATURE_PROBLEMS = {
  "is signed with a revoked certificate": "delegations.errors.certificateRevoked",
  "is signed with an expired certificate": "delegations.errors.certificateExpired",
  "is not signed with one of your certificates": "delegations.errors.notYourCertificate",
} as const;

function problemKeyOf(message: string) {
  return Object.hasOwn(SIGNATURE_PROBLEMS, message) ? SIGNATURE_PROBLEMS[message as keyof typeof SIGNATURE_PROBLEMS] : "delegations.errors.signatureRejected";
}

/** A message for a signing problem, or null when the error is not about the signature (the form handles it). */
export function describeSigningError(error: unknown, t: TFunction): string | null {
  if (isPkiError(error, "NO_KEY")) return t("delegations.errors.wrongKey");
  if (error instanceof KeyStoreError) return t("delegations.errors.keyStore");
  if (isPkiError(error)) return t("delegations.errors.signingFailed");
  if (!isApiError(error)) return null;
  const signature = error.fields.find((entry) => entry.field === "body.signedData");
  if (signature) return t(problemKeyOf(signature.message));
  if (error.fields.some((entry) => entry.field === "body.parentId")) return t("delegations.errors.parentChanged");
  return null;
}
