// Signing a contract revision in the browser (PAdES B-T), as steps with their dependencies passed in, so the rules
// are tested without a server or a key store: the signer signs exactly the bytes they reviewed (the PDF's SHA-256
// must be the revision's), the result must be those bytes plus one incremental update, the time-stamp must answer
// our own request (nonce and digest), and the body carries the revision it was made on.
import type { ContractDetail, SignContractBody } from "@pwp/shared/contracts";
import { SIGNATURE_FIELD_BY_SIDE } from "@pwp/shared/contracts";
import type { PadesSigner, PdfSignatureFieldOptions } from "@pwp/pki/pades";
import { isEqualBytes, sha256, toBase64, toHex } from "@pwp/pki/encoding";
import { requestSignatureTimestamp as requestTimestampToken, SignatureTimestampError } from "@/lib/signing/signature-timestamp";

export type SigningStep = "preparing" | "signing" | "timestamping" | "sending";

export type ContractSigningErrorCode =
  /** The PDF the server sent is not the revision the page showed: the contract changed, or the download was damaged. */
  | "REVISION_MISMATCH"
  /** There is no PDF revision to sign (a draft). */
  | "NO_REVISION"
  /** The signed file does not start with the reviewed bytes. */
  | "NOT_INCREMENTAL"
  | "TIMESTAMP_REFUSED"
  /** The authority answered something other than our request. */
  | "TIMESTAMP_MISMATCH";

export class ContractSigningError extends Error {
  override readonly name = "ContractSigningError";
  readonly code: ContractSigningErrorCode;

  constructor(code: ContractSigningErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isContractSigningError(error: unknown, code?: ContractSigningErrorCode): error is ContractSigningError {
  return error instanceof ContractSigningError && (code === undefined || error.code === code);
}

/** The part of the contract the signature depends on. */
export type ContractToSign = Pick<ContractDetail, "edition" | "currentRevision" | "mySide"> & { orderer: Pick<ContractDetail["orderer"], "country"> };

export type ContractSigner = Omit<PadesSigner, "requestTimestamp"> & { signerName: string };

export type SignContractDependencies = {
  /** The current revision's bytes (GET /api/contracts/:id/pdf). */
  fetchRevisionPdf: () => Promise<Uint8Array>;
  signPdf: (basePdf: Uint8Array, options: PdfSignatureFieldOptions & PadesSigner) => Promise<Uint8Array>;
  /** An RFC 3161 TimeStampToken over the signature value. */
  requestTimestamp: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  /** POST /api/contracts/:id/signatures. */
  submit: (body: SignContractBody) => Promise<ContractDetail>;
  onStep?: (step: SigningStep) => void;
  now?: () => Date;
};

/** /Reason of the signature, in the contract's language (the orderer's country decides the PDF's layout). */
export const SIGNING_REASON_BY_COUNTRY = { KR: "계약 체결", JP: "契約締結" } as const;

/** A SHA-256 as the API writes it (hex, any case, possibly with colons) → lowercase hex. */
export function normalizeSha256Hex(value: string): string {
  return value.replace(/:/g, "").toLowerCase();
}

export async function signContractRevision(contract: ContractToSign, signer: ContractSigner, dependencies: SignContractDependencies): Promise<ContractDetail> {
  const revision = contract.currentRevision;
  if (!revision) throw new ContractSigningError("NO_REVISION", "This contract has no PDF to sign yet.");

  dependencies.onStep?.("preparing");
  const basePdf = await dependencies.fetchRevisionPdf();
  const actualSha256 = toHex(await sha256(basePdf));
  if (actualSha256 !== normalizeSha256Hex(revision.sha256)) {
    throw new ContractSigningError("REVISION_MISMATCH", `The PDF received (SHA-256 ${actualSha256}) is not the revision shown (SHA-256 ${revision.sha256}).`);
  }

  dependencies.onStep?.("signing");
  const signedPdf = await dependencies.signPdf(basePdf, {
    fieldName: SIGNATURE_FIELD_BY_SIDE[contract.mySide],
    signerName: signer.signerName,
    reason: SIGNING_REASON_BY_COUNTRY[contract.orderer.country],
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
  // An incremental update keeps every byte before it: anything else would break the earlier signature.
  if (signedPdf.length <= basePdf.length || !isEqualBytes(signedPdf.subarray(0, basePdf.length), basePdf)) {
    throw new ContractSigningError("NOT_INCREMENTAL", "The signed PDF does not extend the reviewed revision.");
  }

  dependencies.onStep?.("sending");
  return dependencies.submit({ edition: contract.edition, revision: revision.revision, signedPdf: toBase64(signedPdf) });
}

/**
 * Asks the time-stamp authority (POST /api/pki/tsa, RFC 3161 over HTTP) for a token over `signatureValue`, checked
 * to answer our request (lib/signing/signature-timestamp); its refusals are reported as this feature's errors.
 */
export async function requestSignatureTimestamp(signatureValue: Uint8Array, postQuery: (queryDer: Uint8Array) => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await requestTimestampToken(signatureValue, postQuery);
  } catch (error) {
    if (error instanceof SignatureTimestampError) throw new ContractSigningError(error.code, error.message);
    throw error;
  }
}
