// Signing a prepared guarantee version in the browser, as steps with their dependencies passed in, so the rules
// are tested without a server or a key store: the surety reviews and signs exactly the bytes the server prepared
// (each PDF's SHA-256 must be the prepared one), the structured data is signed as the canonical JSON's UTF-8 bytes
// (detached CMS carrying the signer certificate), each PDF gets one incremental PAdES signature (B-T) in its own
// field, and the body carries all three.
import type { GuaranteeDetail, GuaranteeVersionKind, PreparedGuaranteeVersion, SignGuaranteeVersionBody } from "@pwp/shared/guarantees";
import type { CreateSignedDataOptions } from "@pwp/pki/cms";
import { isEqualBytes, sha256, toBase64, toHex } from "@pwp/pki/encoding";
import type { PadesSigner, PdfSignatureFieldOptions } from "@pwp/pki/pades";

export type GuaranteeSigningStep = "signing" | "timestamping" | "sending";

export type GuaranteeSigningErrorCode =
  /** A PDF the server sent is not the prepared one: the version changed, or the download was damaged. */
  | "HASH_MISMATCH"
  /** The prepared version has a fee statement that could not be fetched, or the reverse. */
  | "FEE_STATEMENT_MISSING"
  /** A signed file does not start with the reviewed bytes. */
  | "NOT_INCREMENTAL";

export class GuaranteeSigningError extends Error {
  override readonly name = "GuaranteeSigningError";
  readonly code: GuaranteeSigningErrorCode;

  constructor(code: GuaranteeSigningErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isGuaranteeSigningError(error: unknown, code?: GuaranteeSigningErrorCode): error is GuaranteeSigningError {
  return error instanceof GuaranteeSigningError && (code === undefined || error.code === code);
}

/** The PAdES fields the surety signs in; the API checks these names. */
export const CERTIFICATE_SIGNATURE_FIELD = "SuretySignature";
export const FEE_STATEMENT_SIGNATURE_FIELD = "FeeStatementSignature";

/** /Reason of each signature, in the certificate's language (the orderer's country's). */
const SIGNING_REASONS: Record<"ko" | "ja", Record<GuaranteeVersionKind | "FEE_STATEMENT", string>> = {
  ko: { ISSUE: "보증서 발급", CHANGE: "보증 변경", CORRECTION: "보증서 정정", CANCELLATION: "보증 취소", RELEASE: "보증 해제", FEE_STATEMENT: "보증료 계산서 발급" },
  ja: { ISSUE: "保証証書の発行", CHANGE: "保証契約の変更", CORRECTION: "保証証書の訂正", CANCELLATION: "保証契約の取消", RELEASE: "保証債務の解除", FEE_STATEMENT: "保証料計算書の発行" },
};

/** The canonical document's language ("ko" or "ja"); null if the JSON does not say (the reason is then left out). */
export function readDocumentLanguage(canonicalJson: string): "ko" | "ja" | null {
  try {
    const parsed: unknown = JSON.parse(canonicalJson);
    const language = typeof parsed === "object" && parsed !== null && "language" in parsed ? parsed.language : null;
    return language === "ko" || language === "ja" ? language : null;
  } catch {
    return null;
  }
}

/** A SHA-256 as the API writes it (hex, any case, possibly with colons) → lowercase hex. */
export function normalizeSha256Hex(value: string): string {
  return value.replace(/:/g, "").toLowerCase();
}

export type PreparedDocuments = { certificatePdf: Uint8Array; feeStatementPdf: Uint8Array | null };

/**
 * Fetches the prepared PDFs and checks them against the hashes the prepare answer gave, before anything is shown
 * as "what you are about to sign".
 */
export async function fetchPreparedDocuments(
  prepared: Pick<PreparedGuaranteeVersion, "certificatePdfSha256" | "feeStatementPdfSha256">,
  fetchPdf: (document: "certificate" | "fee-statement") => Promise<Uint8Array>,
): Promise<PreparedDocuments> {
  const expectFeeStatement = prepared.feeStatementPdfSha256 !== null;
  const [certificatePdf, feeStatementPdf] = await Promise.all([fetchPdf("certificate"), expectFeeStatement ? fetchPdf("fee-statement") : Promise.resolve(null)]);
  await checkHash(certificatePdf, prepared.certificatePdfSha256, "certificate");
  if (feeStatementPdf && prepared.feeStatementPdfSha256) await checkHash(feeStatementPdf, prepared.feeStatementPdfSha256, "fee statement");
  return { certificatePdf, feeStatementPdf };
}

async function checkHash(bytes: Uint8Array, expected: string, what: string): Promise<void> {
  const actual = toHex(await sha256(bytes));
  if (actual !== normalizeSha256Hex(expected)) {
    throw new GuaranteeSigningError("HASH_MISMATCH", `The ${what} PDF received (SHA-256 ${actual}) is not the prepared one (SHA-256 ${expected}).`);
  }
}

export type GuaranteeSigner = Omit<PadesSigner, "requestTimestamp"> & { signerName: string };

export type SignGuaranteeDependencies = {
  createSignedData: (options: CreateSignedDataOptions) => Promise<Uint8Array>;
  signPdf: (basePdf: Uint8Array, options: PdfSignatureFieldOptions & PadesSigner) => Promise<Uint8Array>;
  /** An RFC 3161 TimeStampToken over a signature value. */
  requestTimestamp: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  /** POST /api/guarantees/:id/versions/:number/sign. */
  submit: (body: SignGuaranteeVersionBody) => Promise<GuaranteeDetail>;
  onStep?: (step: GuaranteeSigningStep) => void;
  now?: () => Date;
};

export async function signPreparedVersion(
  prepared: Pick<PreparedGuaranteeVersion, "kind" | "canonicalJson" | "feeStatementPdfSha256">,
  documents: PreparedDocuments,
  signer: GuaranteeSigner,
  dependencies: SignGuaranteeDependencies,
): Promise<GuaranteeDetail> {
  if ((prepared.feeStatementPdfSha256 !== null) !== (documents.feeStatementPdf !== null)) {
    throw new GuaranteeSigningError("FEE_STATEMENT_MISSING", "The fee statement does not match the prepared version.");
  }
  const language = readDocumentLanguage(prepared.canonicalJson);
  const claimedSigningTime = (dependencies.now ?? (() => new Date()))();
  const chain = signer.chainDer && signer.chainDer.length > 0 ? { chainDer: signer.chainDer } : {};

  dependencies.onStep?.("signing");
  const signedData = await dependencies.createSignedData({
    content: new TextEncoder().encode(prepared.canonicalJson),
    signerCertificateDer: signer.certificateDer,
    ...(chain.chainDer ? { certificatesDer: chain.chainDer } : {}),
    privateKey: signer.privateKey,
  });

  const signOne = async (basePdf: Uint8Array, fieldName: string, reasonKey: GuaranteeVersionKind | "FEE_STATEMENT"): Promise<Uint8Array> => {
    dependencies.onStep?.("signing");
    const signed = await dependencies.signPdf(basePdf, {
      fieldName,
      signerName: signer.signerName,
      ...(language ? { reason: SIGNING_REASONS[language][reasonKey] } : {}),
      // Only a claim (/M); the time-stamp authority's time is the one that counts.
      claimedSigningTime,
      privateKey: signer.privateKey,
      certificateDer: signer.certificateDer,
      ...chain,
      requestTimestamp: async (signatureValue) => {
        dependencies.onStep?.("timestamping");
        return dependencies.requestTimestamp(signatureValue);
      },
    });
    // An incremental update keeps every byte before it, so the server can see the reviewed PDF inside.
    if (signed.length <= basePdf.length || !isEqualBytes(signed.subarray(0, basePdf.length), basePdf)) {
      throw new GuaranteeSigningError("NOT_INCREMENTAL", "The signed PDF does not extend the reviewed one.");
    }
    return signed;
  };

  const signedCertificatePdf = await signOne(documents.certificatePdf, CERTIFICATE_SIGNATURE_FIELD, prepared.kind);
  const signedFeeStatementPdf = documents.feeStatementPdf ? await signOne(documents.feeStatementPdf, FEE_STATEMENT_SIGNATURE_FIELD, "FEE_STATEMENT") : null;

  dependencies.onStep?.("sending");
  return dependencies.submit({
    signedData: toBase64(signedData),
    signedCertificatePdf: toBase64(signedCertificatePdf),
    ...(signedFeeStatementPdf ? { signedFeeStatementPdf: toBase64(signedFeeStatementPdf) } : {}),
  });
}
