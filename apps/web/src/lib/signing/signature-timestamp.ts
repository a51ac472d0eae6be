// The platform's RFC 3161 time-stamp for a signature made in the browser (PAdES B-T): one request to
// POST /api/pki/tsa, checked to answer our own request (nonce and digest) before it goes into a signature. Used by
// every feature that signs (contracts, guarantees); the token's signature and chain are checked by the server
// when the signed document arrives.
import { isEqualBytes, sha256, toBytes } from "@pwp/pki/encoding";
import { createTimestampRequest, parseTimestampResponse } from "@pwp/pki/tsa";
import { requestBlob } from "@/lib/api-client";

export type SignatureTimestampErrorCode =
  | "TIMESTAMP_REFUSED"
  /** The authority answered something other than our request. */
  | "TIMESTAMP_MISMATCH";

export class SignatureTimestampError extends Error {
  override readonly name = "SignatureTimestampError";
  readonly code: SignatureTimestampErrorCode;

  constructor(code: SignatureTimestampErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** 63 random bits as a positive INTEGER: the authority must echo it, so an old or foreign answer is refused. */
function randomNonce(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/**
 * Asks the time-stamp authority for a token over `signatureValue` and returns it, after checking that the answer
 * is granted and is about our request (nonce and SHA-256 imprint).
 */
export async function requestSignatureTimestamp(signatureValue: Uint8Array, postQuery: (queryDer: Uint8Array) => Promise<Uint8Array>): Promise<Uint8Array> {
  const nonce = randomNonce();
  const query = await createTimestampRequest({ data: signatureValue, nonce, isCertRequested: true });
  const response = await parseTimestampResponse(await postQuery(query));
  if (!response.isGranted || !response.tokenDer) {
    throw new SignatureTimestampError("TIMESTAMP_REFUSED", response.statusText || `The time-stamp authority refused the request (status ${response.status}).`);
  }
  if (response.nonce !== nonce || !response.digest || !isEqualBytes(response.digest, await sha256(signatureValue))) {
    throw new SignatureTimestampError("TIMESTAMP_MISMATCH", "The time-stamp does not answer this signature's request.");
  }
  return response.tokenDer;
}

/** RFC 3161 over HTTP to the platform's authority. */
export async function postTimestampQuery(queryDer: Uint8Array): Promise<Uint8Array> {
  const reply = await requestBlob("/pki/tsa", { method: "POST", body: queryDer, contentType: "application/timestamp-query" });
  return toBytes(await reply.arrayBuffer());
}
