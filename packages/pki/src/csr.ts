// PKCS#10 certificate requests. The browser makes one from a non-extractable key it keeps in IndexedDB; the
// API parses it, checks the proof of possession (the request's own signature) and issues a certificate.
import * as pkijs from "pkijs";
import { toBytes } from "./encoding.ts";
import { PkiError, decodeAsn1Strict, parseOrMalformedSync } from "./errors.ts";
import { checkSigningKey, describePublicKey, type KeyAlgorithm } from "./certificate.ts";
import { buildName, formatDn, readName, type SubjectName } from "./names.ts";

export type ParsedCsr = {
  subject: SubjectName;
  subjectDn: string;
  publicKeySpki: Uint8Array<ArrayBuffer>;
  keyAlgorithm: KeyAlgorithm;
  rsaModulusBits?: number;
  /** The request is signed by the key it carries: proof that the requester holds the private key. */
  isSignatureValid: boolean;
};

/** DER PKCS#10 signed with SHA-256 (ECDSA P-256 or RSASSA-PKCS1-v1_5, taken from the key). */
export async function createCsr(input: { keyPair: CryptoKeyPair; subject: SubjectName }): Promise<Uint8Array<ArrayBuffer>> {
  const { hash } = checkSigningKey(input.keyPair.privateKey);
  const request = new pkijs.CertificationRequest({ version: 0, subject: buildName(input.subject), attributes: [] });
  await request.subjectPublicKeyInfo.importKey(input.keyPair.publicKey);
  await request.sign(input.keyPair.privateKey, hash);
  return toBytes(request.toSchema().toBER(false));
}

/**
 * Reads a DER PKCS#10 request. Garbage gives PkiError MALFORMED; a key other than P-256 or RSA gives UNSUPPORTED;
 * a request whose signature does not verify (tampered, or signed by another key) gives isSignatureValid false.
 */
export async function parseCsr(der: Uint8Array): Promise<ParsedCsr> {
  const schema = decodeAsn1Strict(der, "Certificate request");
  const request = parseOrMalformedSync("Certificate request", () => new pkijs.CertificationRequest({ schema }));
  const details = parseOrMalformedSync("Certificate request", () => ({
    subject: readName(request.subject),
    subjectDn: formatDn(request.subject),
    publicKeySpki: toBytes(request.subjectPublicKeyInfo.toSchema().toBER(false)),
    key: describePublicKey(request.subjectPublicKeyInfo),
  }));
  if (details.key.keyAlgorithm === "OTHER") throw new PkiError("UNSUPPORTED", "Only ECDSA P-256 and RSA keys are accepted");
  if (details.key.keyAlgorithm === "RSA" && (details.key.rsaModulusBits ?? 0) < 2048) {
    throw new PkiError("UNSUPPORTED", "RSA keys must be at least 2048 bits");
  }
  let isSignatureValid = false;
  try {
    // A signature BIT STRING with unused bits is not a valid encoding; pkijs would ignore the count and verify.
    if (request.signatureValue.valueBlock.unusedBits !== 0) throw new PkiError("BAD_SIGNATURE");
    // pkijs throws for some broken signatures (bad ECDSA DER, unknown algorithm) and returns false for others.
    isSignatureValid = await request.verify();
  } catch {
    isSignatureValid = false;
  }
  return {
    subject: details.subject,
    subjectDn: details.subjectDn,
    publicKeySpki: details.publicKeySpki,
    keyAlgorithm: details.key.keyAlgorithm,
    ...(details.key.rsaModulusBits === undefined ? {} : { rsaModulusBits: details.key.rsaModulusBits }),
    isSignatureValid,
  };
}
