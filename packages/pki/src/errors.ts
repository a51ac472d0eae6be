// One error type for the PKI package; the API maps `code` to its own error codes and HTTP statuses in one place.
import * as asn1js from "asn1js";
import { toArrayBuffer } from "./encoding.ts";

export type PkiErrorCode =
  | "MALFORMED"
  | "BAD_SIGNATURE"
  | "UNTRUSTED"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "REVOKED"
  | "DIGEST_MISMATCH"
  | "LEGACY_ENCRYPTION"
  | "WRONG_PASSWORD"
  | "NO_KEY"
  | "UNSUPPORTED"
  | "WRONG_KEY_USAGE"
  /** A PDF signature field with that name exists already (pades.ts). */
  | "FIELD_EXISTS";

export class PkiError extends Error {
  readonly code: PkiErrorCode;

  constructor(code: PkiErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? code, options);
    this.name = "PkiError";
    this.code = code;
  }
}

export function isPkiError(error: unknown, code?: PkiErrorCode): error is PkiError {
  return error instanceof PkiError && (code === undefined || error.code === code);
}

/** Runs a parse step; anything it throws that is not already a PkiError becomes MALFORMED (garbage must never crash a caller). */
export async function parseOrMalformed<T>(what: string, parse: () => T | Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof PkiError) throw error;
    throw new PkiError("MALFORMED", `${what} could not be parsed`, { cause: error });
  }
}

export function parseOrMalformedSync<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof PkiError) throw error;
    throw new PkiError("MALFORMED", `${what} could not be parsed`, { cause: error });
  }
}

/**
 * Decodes exactly one ASN.1 value that fills the whole input. asn1js alone accepts trailing bytes and some
 * length errors, which would let a tampered file parse; for signed objects we want those rejected as MALFORMED.
 */
export function decodeAsn1Strict(bytes: Uint8Array, what: string): asn1js.AsnType {
  const decoded = parseOrMalformedSync(what, () => asn1js.fromBER(toArrayBuffer(bytes)));
  if (decoded.offset === -1 || decoded.offset !== bytes.length || decoded.result.error) {
    throw new PkiError("MALFORMED", `${what} is not a single well-formed ASN.1 value`);
  }
  return decoded.result;
}
