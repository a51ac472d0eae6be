// One place that turns what can go wrong on the certificate page into a message for the user: the browser's key
// store, the PKCS#12 file, and the API's refusals.
import type { PkiErrorCode } from "@pwp/pki/errors";
import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";
import { KeyStoreError } from "@/lib/key-store";

/**
 * The API names an import refusal only in English in the field message (body.certificate); these phrases
 * (certificates.service.ts) are mapped to the user's language, anything else is shown as the server wrote it.
 */
const IMPORT_REFUSALS = [
  ["does not chain to a root", "certificates.errors.import.untrusted"],
  ["does not name your organisation", "certificates.errors.import.otherOrganization"],
  ["has expired", "certificates.errors.import.expired"],
  ["is not valid yet", "certificates.errors.import.notYetValid"],
  ["is revoked", "certificates.errors.import.revoked"],
  ["is a CA certificate", "certificates.errors.import.caCertificate"],
  ["must have an ECDSA P-256 or RSA", "certificates.errors.import.keyType"],
  ["signature that does not verify", "certificates.errors.import.badSignature"],
] as const;

/**
 * The code of a PkiError, read by shape rather than with isPkiError: importing @pwp/pki/errors at runtime would
 * bring the ASN.1 library into the approvals page, which opens no certificate files.
 */
export function pkiErrorCodeOf(error: unknown): PkiErrorCode | null {
  if (error instanceof Error && error.name === "PkiError" && typeof (error as { code?: unknown }).code === "string") {
    return (error as Error & { code: PkiErrorCode }).code;
  }
  return null;
}

export type CertificateAction = "request" | "renew" | "reissue" | "revoke" | "import" | "cancel" | "approve" | "reject";

export function describeCertificateError(error: unknown, action: CertificateAction, t: TFunction): string | null {
  if (!error) return null;
  if (error instanceof KeyStoreError) return t("certificates.errors.keyStoreUnavailable");
  const pkiCode = pkiErrorCodeOf(error);
  if (pkiCode) {
    switch (pkiCode) {
      case "LEGACY_ENCRYPTION":
        return t("certificates.errors.pkcs12.legacy");
      case "WRONG_PASSWORD":
        return t("certificates.errors.pkcs12.wrongPassword");
      case "NO_KEY":
        return t("certificates.errors.pkcs12.noKey");
      case "UNSUPPORTED":
        return t("certificates.errors.pkcs12.unsupported");
      default:
        return t("certificates.errors.pkcs12.malformed");
    }
  }
  if (isApiError(error)) {
    if (error.code === "NETWORK_ERROR") return t("errors.network");
    if (action === "import" && error.code === "VALIDATION_FAILED") {
      const message = error.fields.find((field) => field.field === "body.certificate")?.message ?? error.message;
      const known = IMPORT_REFUSALS.find(([phrase]) => message.includes(phrase));
      return known ? t(known[1]) : t("certificates.errors.import.refused", { message });
    }
    if (error.code === "CONFLICT") return t(`certificates.errors.conflict.${action}`);
    if (error.code === "NOT_FOUND") return t("certificates.errors.notFound");
    if (error.code === "FORBIDDEN") return t("certificates.errors.forbidden");
    if (error.code === "VALIDATION_FAILED" && (action === "request" || action === "renew" || action === "reissue")) {
      return t("certificates.errors.badRequest");
    }
  }
  // WebCrypto may refuse to make a key (an old browser, an unusual policy); say what failed, not why.
  if (error instanceof DOMException && (action === "request" || action === "renew" || action === "reissue")) {
    return t("certificates.errors.keyGeneration");
  }
  return t("errors.unexpected");
}
