// What the certificate page does with keys: make one, certify it (new request, renewal, reissue), import one from a
// PKCS#12 file, and find which of the user's certificates have their key in this browser. The key is stored
// before the server is asked, so a certificate issued for it can never be left without its key because the tab
// closed at the wrong moment; a request the server refused takes its key with it.
import type { Certificate, ImportCertificateBody } from "@pwp/shared/certificates";
import { parseCertificate } from "@pwp/pki/certificate";
import { createCsr } from "@pwp/pki/csr";
import { fromBase64, toBase64 } from "@pwp/pki/encoding";
import { importPkcs12 } from "@pwp/pki/pkcs12";
import { isApiError } from "@/lib/api-client";
import {
  attachCertificate,
  attachRequest,
  deleteKey,
  generateSigningKeyPair,
  keyAlgorithmOf,
  listKeys,
  matchKeysToCertificates,
  saveKey,
  type SigningKeyType,
  type StoredKey,
} from "@/lib/key-store";

/** The import body may carry at most this many chain certificates (ImportCertificateBodySchema). */
const MAX_CHAIN_CERTIFICATES = 8;

/** A definite "no" from the server (4xx): the key made for it is of no use. A lost answer may still have succeeded. */
function isRefusal(error: unknown): boolean {
  return isApiError(error) && error.status >= 400 && error.status < 500;
}

async function discardOnRefusal(error: unknown, key: StoredKey): Promise<never> {
  if (isRefusal(error)) await deleteKey(key.id).catch(() => undefined);
  throw error;
}

type CertifyNewKeyInput<T> = {
  userId: string;
  /** Only a placeholder subject: the platform writes the real one (organisation, registration number, name). */
  userName: string;
  keyType: SigningKeyType;
  send: (csrBase64: string) => Promise<T>;
  /** The ids the answer gives the key: the request's (waits for approval) or the certificate's (issued at once). */
  linksOf: (answer: T) => { requestId?: string; certificateId?: string };
};

/** A new non-extractable key pair, its PKCS#10 request sent with `send`, and the key kept for this user. */
export async function certifyNewKey<T>(input: CertifyNewKeyInput<T>): Promise<T> {
  const keyPair = await generateSigningKeyPair(input.keyType);
  const csr = await createCsr({ keyPair, subject: { commonName: input.userName } });
  const key = await saveKey({
    userId: input.userId,
    keyAlgorithm: keyAlgorithmOf(input.keyType),
    privateKey: keyPair.privateKey,
    publicKey: keyPair.publicKey,
  });
  let answer: T;
  try {
    answer = await input.send(toBase64(csr));
  } catch (error) {
    return discardOnRefusal(error, key);
  }
  const { requestId, certificateId } = input.linksOf(answer);
  if (requestId) await attachRequest(key.id, requestId);
  if (certificateId) await attachCertificate(key.id, certificateId);
  return answer;
}

/** The key type a renewal or reissue keeps: the one the user chose for the certificate being replaced. */
export function keyTypeOf(certificate: Pick<Certificate, "keyAlgorithm">): SigningKeyType {
  return certificate.keyAlgorithm === "RSA" ? "RSA-2048" : "EC-P256";
}

export type ImportOutcome =
  /** Registered now, key stored. */
  | { kind: "imported"; certificate: Certificate }
  /** Already registered for this user (e.g. the browser's data was cleared): only the key was put back. */
  | { kind: "restored"; certificateId: string };

/**
 * Opens a PKCS#12 file (PkiError LEGACY_ENCRYPTION, WRONG_PASSWORD, NO_KEY, UNSUPPORTED, MALFORMED), keeps its
 * key non-extractable for this user and registers the certificate with `send`. A certificate the user has
 * already registered is not sent again: importing the same file is how a key lost with the browser's data comes back.
 */
export async function importPkcs12File(input: {
  userId: string;
  bytes: Uint8Array;
  password: string;
  registered: readonly Certificate[];
  send: (body: ImportCertificateBody) => Promise<Certificate>;
}): Promise<ImportOutcome> {
  const imported = await importPkcs12(input.bytes, input.password);
  const info = await parseCertificate(imported.certificateDer);
  // The public key comes from the certificate (the file holds only the private one); exportable, to match it later.
  const publicKey = await crypto.subtle.importKey(
    "spki",
    info.publicKeySpki,
    imported.keyAlgorithm === "EC-P256" ? { name: "ECDSA", namedCurve: "P-256" } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    true,
    ["verify"],
  );
  const already = input.registered.find(
    (certificate) => certificate.fingerprintSha256.toLowerCase().replace(/:/g, "") === info.fingerprintSha256Hex.toLowerCase() && certificate.status !== "REVOKED",
  );
  const key = await saveKey({
    userId: input.userId,
    keyAlgorithm: imported.keyAlgorithm,
    privateKey: imported.privateKey,
    publicKey,
    certificateId: already?.id ?? null,
  });
  if (already) return { kind: "restored", certificateId: already.id };

  const chain = imported.chainDer.slice(0, MAX_CHAIN_CERTIFICATES).map(toBase64);
  let certificate: Certificate;
  try {
    certificate = await input.send({ certificate: toBase64(imported.certificateDer), ...(chain.length > 0 ? { chain } : {}) });
  } catch (error) {
    return discardOnRefusal(error, key);
  }
  await attachCertificate(key.id, certificate.id);
  return { kind: "imported", certificate };
}

/** The ids of the user's certificates whose private key this browser holds (linking keys found by public key). */
export async function findCertificatesWithKeyHere(userId: string, certificates: readonly Certificate[]): Promise<string[]> {
  const withSpki = await Promise.all(
    certificates.map(async (certificate) => ({
      id: certificate.id,
      publicKeySpki: (await parseCertificate(fromBase64(certificate.certificate))).publicKeySpki,
    })),
  );
  const matched = await matchKeysToCertificates(userId, withSpki);
  return [...matched.keys()];
}

/** Drops the key made for a request that will never be answered with a certificate (cancelled). */
export async function discardKeyOfRequest(userId: string, requestId: string): Promise<void> {
  const keys = await listKeys(userId);
  for (const key of keys) {
    if (key.requestId === requestId && key.certificateId === null) await deleteKey(key.id);
  }
}
