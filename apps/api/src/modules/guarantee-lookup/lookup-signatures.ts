// A version's signature status as the lookup shows it, read from what the guarantees module stored when the surety
// signed (GuaranteeVersion.verification: the CMS over the canonical JSON and the PAdES report of the certificate
// PDF, see modules/guarantees/guarantee-signing.ts) plus the revocation re-check this module adds. No CMS or PDF is
// parsed per view: that was done once, at signing.
import type { LookupSignatureStatus } from "@pwp/shared/guarantee-lookup";
import type { PdfSignatureProblem, PdfSignatureReport } from "@pwp/shared/pdf-verification";

/** What this module adds to the stored verification when it re-checks revocation against a newer CRL. */
export type RevocationCheck = {
  checkedAt: string;
  crlNumber: string;
  isRevoked: boolean;
  /** When the signer certificate was revoked, even if after the signature (which then stays valid). */
  revokedAt: string | null;
  revocationReason: string | null;
};

/** The stored verification, as far as the lookup reads it; anything else in it is left as it is. */
export type StoredVerification = {
  verifiedAt?: string;
  signedData?: { isValid?: boolean; certificateId?: string | null; subjectDn?: string | null };
  certificatePdf?: { signatures?: PdfSignatureReport[] } | null;
  revocation?: RevocationCheck;
};

export function readStoredVerification(value: unknown): StoredVerification {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as StoredVerification) : {};
}

/**
 * Signed before the certificate was revoked, proven by the time-stamp: the signature stands (the PAdES rule for
 * B-T signatures); signed on or after the revocation: revoked.
 */
export function isRevokedAtSigning(revokedAt: Date | null, signedAt: Date | null): boolean {
  return revokedAt !== null && (signedAt === null || revokedAt.getTime() <= signedAt.getTime());
}

/** The surety's PAdES signature on the certificate PDF: the PDF carries exactly one, added over the prepared bytes. */
function suretyPdfSignature(verification: StoredVerification): PdfSignatureReport | null {
  return verification.certificatePdf?.signatures?.at(-1) ?? null;
}

/** fallback: the surety named in the signed document, and when the version reached the platform (verified then). */
export function toSignatureStatus(verification: StoredVerification, fallback: { suretyName: string; checkedAt: string }): LookupSignatureStatus {
  const pdfSignature = suretyPdfSignature(verification);
  const isRevoked = verification.revocation?.isRevoked ?? false;
  const isDataSignatureValid = verification.signedData?.isValid === true;
  const problems: PdfSignatureProblem[] = pdfSignature ? [...pdfSignature.problems] : ["MALFORMED"];
  if (isRevoked && !problems.includes("REVOKED")) problems.push("REVOKED");
  const isTrusted = pdfSignature !== null && pdfSignature.chain.length > 0 && !problems.includes("UNTRUSTED");
  return {
    isValid: pdfSignature?.isValid === true && isDataSignatureValid && problems.length === 0,
    problems,
    signerSubject: verification.signedData?.subjectDn ?? pdfSignature?.signer?.subjectDn ?? "",
    suretyOrganizationName: pdfSignature?.platformSigner?.organizationName ?? fallback.suretyName,
    trustedRoot: isTrusted ? (pdfSignature.chain.at(-1)?.subjectDn ?? null) : null,
    timestamp: pdfSignature?.timestamp ?? null,
    isRevoked,
    isDataSignatureValid,
    checkedAt: verification.revocation?.checkedAt ?? verification.verifiedAt ?? fallback.checkedAt,
  };
}
