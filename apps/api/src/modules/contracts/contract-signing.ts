// What a signed contract PDF must be before the platform accepts it: the current revision's bytes, unchanged,
// followed by one incremental update adding exactly one PAdES B-T signature in the signer's side's field, over the
// whole file, valid with a trusted time-stamp made just now, with every earlier signature still valid. Pure rules
// over what the PDF verifier found; the service adds the platform's own checks (whose certificate, what authority).
import type { VerifiedPdfSignature } from "@pwp/pki/pades";
import { SIGNATURE_FIELD_BY_SIDE, type ContractSide } from "@pwp/shared/contracts";
import type { PdfSignatureProblem } from "@pwp/shared/pdf-verification";
import { AppError } from "../../lib/app-error.ts";

export const SIGNED_PDF_FIELD = "body.signedPdf";

/**
 * How far the time-stamp's genTime may be from the server's clock. The browser asks the platform TSA right after
 * signing and uploads at once; minutes cover a slow upload, while an old stamp (a signature prepared earlier and
 * held back) is refused.
 */
export const TIMESTAMP_MAX_SKEW_MS = 5 * 60 * 1000;

const PROBLEM_MESSAGES: Record<PdfSignatureProblem, string> = {
  MALFORMED: "has a signature that cannot be read",
  DIGEST_MISMATCH: "was changed after it was signed (the digest does not match)",
  BAD_SIGNATURE: "has a signature that does not verify",
  UNTRUSTED: "is signed with a certificate that does not chain to a trusted root",
  EXPIRED: "is signed with a certificate that had expired at the time-stamp",
  NOT_YET_VALID: "is signed with a certificate that was not valid yet at the time-stamp",
  REVOKED: "is signed with a revoked certificate",
  WRONG_KEY_USAGE: "is signed with a certificate not meant for signing",
  UNSUPPORTED: "uses an algorithm the platform does not accept",
  SIGNING_CERTIFICATE_MISMATCH: "names a different certificate than the one that signed (signing-certificate-v2)",
  BAD_TIMESTAMP: "has a time-stamp that does not verify or is not from a trusted time-stamp authority",
  MODIFIED_AFTER_SIGNING: "changes the document after an earlier signature",
};

export function refuseSignedPdf(message: string): AppError {
  return new AppError("VALIDATION_FAILED", `The signed PDF ${message}.`, { fields: [{ field: SIGNED_PDF_FIELD, message }] });
}

/** The upload is the current revision followed by more bytes: an incremental update, nothing before it touched. */
export function isIncrementalUpdateOf(previous: Uint8Array, signed: Uint8Array): boolean {
  if (signed.byteLength <= previous.byteLength) return false;
  return Buffer.from(signed.buffer, signed.byteOffset, previous.byteLength).equals(
    Buffer.from(previous.buffer, previous.byteOffset, previous.byteLength),
  );
}

export type AcceptedSignature = {
  signature: VerifiedPdfSignature;
  /** The fingerprint of the certificate that signed, to look up on the platform. */
  signerFingerprintSha256: string;
  /** The trusted signing time: the time-stamp's genTime. */
  genTime: Date;
  timestampSerialHex: string;
};

/**
 * Checks the signatures the verifier found in an uploaded PDF that had `previousCount` signatures before this
 * increment. Throws VALIDATION_FAILED naming body.signedPdf with the first reason found.
 */
export function checkAddedSignature(input: {
  side: ContractSide;
  signatures: VerifiedPdfSignature[];
  previousCount: number;
  signedPdfLength: number;
  now: Date;
}): AcceptedSignature {
  const { signatures, previousCount, side } = input;
  if (signatures.length !== previousCount + 1) {
    throw refuseSignedPdf(
      signatures.length <= previousCount
        ? "adds no signature"
        : `adds ${signatures.length - previousCount} signatures where exactly one was expected`,
    );
  }
  for (const earlier of signatures.slice(0, previousCount)) {
    // An earlier signature that no longer holds means the increment changed what the other party signed.
    if (!earlier.isValid || earlier.problems.includes("MODIFIED_AFTER_SIGNING")) {
      const problem = earlier.problems[0];
      throw refuseSignedPdf(`invalidates the earlier signature "${earlier.fieldName}"${problem ? `: it ${PROBLEM_MESSAGES[problem]}` : ""}`);
    }
  }
  const added = signatures[previousCount] as VerifiedPdfSignature;
  const expectedField = SIGNATURE_FIELD_BY_SIDE[side];
  if (added.fieldName !== expectedField) {
    throw refuseSignedPdf(`signs the field "${added.fieldName}" where your side signs "${expectedField}"`);
  }
  if (!added.coversWholeDocument || added.revisionLength !== input.signedPdfLength) {
    throw refuseSignedPdf("has content after the new signature: the signature must cover the whole document");
  }
  if (added.timestamp === null) {
    throw refuseSignedPdf("has a signature without a time-stamp (PAdES B-T is required: add the platform time-stamp over the signature)");
  }
  if (!added.isValid || !added.timestamp.isValid) {
    const problem = added.problems[0] ?? (added.timestamp.isValid ? "BAD_SIGNATURE" : "BAD_TIMESTAMP");
    throw refuseSignedPdf(PROBLEM_MESSAGES[problem]);
  }
  if (!added.signer) throw refuseSignedPdf(PROBLEM_MESSAGES.MALFORMED);
  const genTime = added.timestamp.genTime;
  if (Math.abs(genTime.getTime() - input.now.getTime()) > TIMESTAMP_MAX_SKEW_MS) {
    throw refuseSignedPdf(
      `has a time-stamp of ${genTime.toISOString()}, more than ${TIMESTAMP_MAX_SKEW_MS / 60_000} minutes from now: sign again to get a fresh one`,
    );
  }
  return { signature: added, signerFingerprintSha256: added.signer.fingerprintSha256Hex, genTime, timestampSerialHex: added.timestamp.serialNumberHex };
}
