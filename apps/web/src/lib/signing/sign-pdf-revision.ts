// Signing a server-rendered PDF revision in the browser (PAdES B-T), as steps with their dependencies passed in, so
// the rules are tested without a server or a key store. Every document that is signed this way (a contract, a
// document that follows it) has the same rules: the signer signs exactly the bytes they reviewed (the PDF's
// SHA-256 must be the revision's), the result must be those bytes plus one incremental update, the time-stamp
// must answer our own request, and the body carries the edition and revision it was made on. What differs — the
// field, the /Reason, the endpoint — is the caller's.
import type { PadesSigner, PdfSignatureFieldOptions } from "@pwp/pki/pades";
import { isEqualBytes, sha256, toBase64, toHex } from "@pwp/pki/encoding";

export type SigningStep = "preparing" | "signing" | "timestamping" | "sending";

export type PdfSigningErrorCode =
  /** The PDF the server sent is not the revision the page showed: the document changed, or the download was damaged. */
  | "REVISION_MISMATCH"
  /** There is no PDF revision to sign (a draft). */
  | "NO_REVISION"
  /** The signed file does not start with the reviewed bytes. */
  | "NOT_INCREMENTAL";

export class PdfSigningError extends Error {
  override readonly name = "PdfSigningError";
  readonly code: PdfSigningErrorCode;

  constructor(code: PdfSigningErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isPdfSigningError(error: unknown, code?: PdfSigningErrorCode): error is PdfSigningError {
  return error instanceof PdfSigningError && (code === undefined || error.code === code);
}

/** The revision shown on the page, as the API describes it. */
export type ReviewedRevision = { revision: number; sha256: string };

/** What is signed and how: the revision the page showed, the signer's field and the signature's /Reason. */
export type PdfRevisionToSign = {
  edition: number;
  currentRevision: ReviewedRevision | null;
  /** The signature field of the signer's side (ContractorSignature / OrdererSignature). */
  fieldName: string;
  /** /Reason, in the document's language. */
  reason: string;
};

export type PdfRevisionSigner = Omit<PadesSigner, "requestTimestamp"> & { signerName: string };

/** The body every signature endpoint takes: the whole signed PDF, with the revision it extends. */
export type SignedRevisionBody = { edition: number; revision: number; signedPdf: string };

export type SignPdfRevisionDependencies<Result> = {
  /** The current revision's bytes. */
  fetchRevisionPdf: () => Promise<Uint8Array>;
  signPdf: (basePdf: Uint8Array, options: PdfSignatureFieldOptions & PadesSigner) => Promise<Uint8Array>;
  /** An RFC 3161 TimeStampToken over the signature value. */
  requestTimestamp: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  /** POST …/signatures. */
  submit: (body: SignedRevisionBody) => Promise<Result>;
  onStep?: (step: SigningStep) => void;
  now?: () => Date;
};

/** A SHA-256 as the API writes it (hex, any case, possibly with colons) → lowercase hex. */
export function normalizeSha256Hex(value: string): string {
  return value.replace(/:/g, "").toLowerCase();
}

export async function signPdfRevision<Result>(
  target: PdfRevisionToSign,
  signer: PdfRevisionSigner,
  dependencies: SignPdfRevisionDependencies<Result>,
): Promise<Result> {
  const revision = target.currentRevision;
  if (!revision) throw new PdfSigningError("NO_REVISION", "There is no PDF to sign yet.");

  dependencies.onStep?.("preparing");
  const basePdf = await dependencies.fetchRevisionPdf();
  const actualSha256 = toHex(await sha256(basePdf));
  if (actualSha256 !== normalizeSha256Hex(revision.sha256)) {
    throw new PdfSigningError("REVISION_MISMATCH", `The PDF received (SHA-256 ${actualSha256}) is not the revision shown (SHA-256 ${revision.sha256}).`);
  }

  dependencies.onStep?.("signing");
  const signedPdf = await dependencies.signPdf(basePdf, {
    fieldName: target.fieldName,
    signerName: signer.signerName,
    reason: target.reason,
    // Only a claim (/M); the time-stamp authority's time is the one that counts.
    claimedSigningTime: (dependencies.now ?? (() => new Date()))(),
    privateKey: signer.privateKey,
    certificateDer: signer.certificateDer,
    ...(signer.chainDer && signer.chainDer.length > 0 ? { chainDer: signer.chainDer } : {}),
    requestTimestamp: async (signatureValue) => {
      dependencies.onStep?.("timestamping");
      return dependencies.requestTimestamp(signatureValue);
    },
  });
  // An incremental update keeps every byte before it: anything else would break the earlier signatures.
  if (signedPdf.length <= basePdf.length || !isEqualBytes(signedPdf.subarray(0, basePdf.length), basePdf)) {
    throw new PdfSigningError("NOT_INCREMENTAL", "The signed PDF does not extend the reviewed revision.");
  }

  dependencies.onStep?.("sending");
  return dependencies.submit({ edition: target.edition, revision: revision.revision, signedPdf: toBase64(signedPdf) });
}
