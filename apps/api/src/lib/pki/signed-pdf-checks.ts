// What a PDF signed in a user's browser must be before the platform accepts it, whatever the document (a contract,
// a guarantee certificate, a fee statement): the prepared bytes unchanged, followed by one incremental update adding
// exactly one PAdES B-T signature over the whole file, valid with a trusted time-stamp made just now, every earlier
// signature still valid. Pure rules over what verifyPlatformPdf found; callers add whose certificate and what authority.
import type { VerifiedPdfSignature } from "@pwp/pki/pades";
import type { PdfSignatureProblem } from "@pwp/shared/pdf-verification";
import type { AppError } from "../app-error.ts";

/**
 * How far the time-stamp's genTime may be from the server's clock. The browser asks the platform TSA right after
 * signing and uploads at once; minutes cover a slow upload, while an old stamp (a signature prepared earlier and
 * held back) is refused.
 */
export const TIMESTAMP_MAX_SKEW_MS = 5 * 60 * 1000;

export const PDF_SIGNATURE_PROBLEM_MESSAGES: Record<PdfSignatureProblem, string> = {
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

/** The upload is `previous` followed by more bytes: an incremental update, nothing before it touched. */
export function isIncrementalUpdateOf(previous: Uint8Array, signed: Uint8Array): boolean {
  if (signed.byteLength <= previous.byteLength) return false;
  return Buffer.from(signed.buffer, signed.byteOffset, previous.byteLength).equals(
    Buffer.from(previous.buffer, previous.byteOffset, previous.byteLength),
  );
}

export type AcceptedPdfSignature = {
  signature: VerifiedPdfSignature;
  /** The fingerprint of the certificate that signed, to look up on the platform. */
  signerFingerprintSha256: string;
  /** The trusted signing time: the time-stamp's genTime. */
  genTime: Date;
  timestampSerialHex: string;
};

/**
 * Checks the signatures the verifier found in an upload that had `previousCount` signatures before this increment.
 * `refuse` turns a reason ("adds no signature") into the caller's VALIDATION_FAILED naming its field; the first
 * reason found is thrown.
 */
export function checkAddedPdfSignature(input: {
  signatures: VerifiedPdfSignature[];
  previousCount: number;
  signedPdfLength: number;
  now: Date;
  /** The field the new signature must be in, when the document fixes one (a contract's side). */
  expectedFieldName?: string;
  /** How a wrong field is explained ("where your side signs"). */
  expectedFieldReason?: string;
  refuse: (reason: string) => AppError;
}): AcceptedPdfSignature {
  const { signatures, previousCount, refuse } = input;
  if (signatures.length !== previousCount + 1) {
    throw refuse(
      signatures.length <= previousCount ? "adds no signature" : `adds ${signatures.length - previousCount} signatures where exactly one was expected`,
    );
  }
  for (const earlier of signatures.slice(0, previousCount)) {
    // An earlier signature that no longer holds means the increment changed what the other party signed.
    if (!earlier.isValid || earlier.problems.includes("MODIFIED_AFTER_SIGNING")) {
      const problem = earlier.problems[0];
      throw refuse(`invalidates the earlier signature "${earlier.fieldName}"${problem ? `: it ${PDF_SIGNATURE_PROBLEM_MESSAGES[problem]}` : ""}`);
    }
  }
  const added = signatures[previousCount] as VerifiedPdfSignature;
  if (input.expectedFieldName !== undefined && added.fieldName !== input.expectedFieldName) {
    throw refuse(`signs the field "${added.fieldName}" ${input.expectedFieldReason ?? "where the document expects"} "${input.expectedFieldName}"`);
  }
  if (!added.coversWholeDocument || added.revisionLength !== input.signedPdfLength) {
    throw refuse("has content after the new signature: the signature must cover the whole document");
  }
  if (added.timestamp === null) {
    throw refuse("has a signature without a time-stamp (PAdES B-T is required: add the platform time-stamp over the signature)");
  }
  if (!added.isValid || !added.timestamp.isValid) {
    const problem = added.problems[0] ?? (added.timestamp.isValid ? "BAD_SIGNATURE" : "BAD_TIMESTAMP");
    throw refuse(PDF_SIGNATURE_PROBLEM_MESSAGES[problem]);
  }
  if (!added.signer) throw refuse(PDF_SIGNATURE_PROBLEM_MESSAGES.MALFORMED);
  const genTime = added.timestamp.genTime;
  if (Math.abs(genTime.getTime() - input.now.getTime()) > TIMESTAMP_MAX_SKEW_MS) {
    throw refuse(`has a time-stamp of ${genTime.toISOString()}, more than ${TIMESTAMP_MAX_SKEW_MS / 60_000} minutes from now: sign again to get a fresh one`);
  }
  return { signature: added, signerFingerprintSha256: added.signer.fingerprintSha256Hex, genTime, timestampSerialHex: added.timestamp.serialNumberHex };
}
