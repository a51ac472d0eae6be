// Importing a certificate and its private key from a PKCS#12 (.p12/.pfx) file, e.g. one a user exported from
// another certificate authority. The key is imported non-extractable: once in the browser's key store it can sign
// but never leave. pkijs decrypts only PBES2 with AES (openssl 3's default); older files are refused with a
// message that tells the user how to re-export.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer, toBytes } from "./encoding.ts";
import { PkiError, parseOrMalformed, parseOrMalformedSync } from "./errors.ts";
import { OID, encodeCertificate, loadCertificate, type KeyAlgorithm } from "./certificate.ts";

const P12 = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  pbes2: "1.2.840.113549.1.5.13",
  /** PKCS#12 PBE (RC4, 3DES, 2-key 3DES, RC2-128, RC2-40): 1.2.840.113549.1.12.1.1 … .6. */
  pkcs12PbePrefix: "1.2.840.113549.1.12.1.",
  /** PKCS#5 v1.5 PBES1 (DES, RC2 with MD2/MD5/SHA-1). */
  pbes1Prefix: "1.2.840.113549.1.5.",
} as const;

/** PBES2 encryption schemes pkijs can decrypt: AES-128/192/256 in CBC mode. */
const AES_CBC = new Set(["2.16.840.1.101.3.4.1.2", "2.16.840.1.101.3.4.1.22", "2.16.840.1.101.3.4.1.42"]);

export const LEGACY_PKCS12_MESSAGE =
  "This PKCS#12 file uses legacy encryption (RC2 or 3DES). Export it again with modern encryption, e.g. " +
  "`openssl pkcs12 -export` without -legacy (AES-256 with PBKDF2), and import the new file.";

export type ImportedPkcs12 = {
  privateKey: CryptoKey;
  certificateDer: Uint8Array<ArrayBuffer>;
  /** The other certificates in the file, the leaf's issuer first where it can be found by name. */
  chainDer: Uint8Array<ArrayBuffer>[];
  keyAlgorithm: KeyAlgorithm;
};

function isLegacyAlgorithm(algorithm: pkijs.AlgorithmIdentifier): boolean {
  const id = algorithm.algorithmId;
  if (id.startsWith(P12.pkcs12PbePrefix)) return true;
  if (id === P12.pbes2) {
    try {
      const params = new pkijs.PBES2Params({ schema: algorithm.algorithmParams });
      return !AES_CBC.has(params.encryptionScheme.algorithmId);
    } catch {
      return false;
    }
  }
  return id.startsWith(P12.pbes1Prefix);
}

/** Finds legacy encryption from the structure alone (the algorithm identifiers are not encrypted), before any password work. */
function hasLegacyEncryption(pfxBytes: Uint8Array): boolean {
  // A separate parse: pkijs retags ASN.1 nodes while parsing, so the nodes the import uses are never scanned twice.
  const pfx = pkijs.PFX.fromBER(toArrayBuffer(pfxBytes));
  if (pfx.authSafe.contentType !== P12.data || !(pfx.authSafe.content instanceof asn1js.OctetString)) return false;
  const authenticatedSafe = pkijs.AuthenticatedSafe.fromBER(pfx.authSafe.content.getValue());
  for (const contentInfo of authenticatedSafe.safeContents) {
    if (contentInfo.contentType === P12.encryptedData) {
      const encrypted = new pkijs.EncryptedData({ schema: contentInfo.content });
      if (isLegacyAlgorithm(encrypted.encryptedContentInfo.contentEncryptionAlgorithm)) return true;
    } else if (contentInfo.contentType === P12.data && contentInfo.content instanceof asn1js.OctetString) {
      const safeContents = pkijs.SafeContents.fromBER(contentInfo.content.getValue());
      if (safeContents.safeBags.some((bag) => bag.bagId === P12.shroudedKeyBag && bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag && isLegacyAlgorithm(bag.bagValue.encryptionAlgorithm))) {
        return true;
      }
    }
  }
  return false;
}

function keyAlgorithmOf(keyInfo: pkijs.PrivateKeyInfo): { keyAlgorithm: KeyAlgorithm; importParams: EcKeyImportParams | RsaHashedImportParams } {
  const id = keyInfo.privateKeyAlgorithm.algorithmId;
  if (id === OID.ecPublicKey) {
    const params = keyInfo.privateKeyAlgorithm.algorithmParams;
    if (params instanceof asn1js.ObjectIdentifier && params.valueBlock.toString() === OID.p256) {
      return { keyAlgorithm: "EC-P256", importParams: { name: "ECDSA", namedCurve: "P-256" } };
    }
  }
  if (id === OID.rsaEncryption) return { keyAlgorithm: "RSA", importParams: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } };
  throw new PkiError("UNSUPPORTED", "Only ECDSA P-256 and RSA keys can be imported");
}

function signParamsOf(keyAlgorithm: KeyAlgorithm): EcdsaParams | AlgorithmIdentifier {
  return keyAlgorithm === "EC-P256" ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5" };
}

/** The certificate whose public key verifies a signature made with the private key: the key's own certificate. */
async function findKeyCertificate(
  privateKey: CryptoKey,
  keyAlgorithm: KeyAlgorithm,
  importParams: EcKeyImportParams | RsaHashedImportParams,
  certificates: Uint8Array<ArrayBuffer>[],
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  const signature = await crypto.subtle.sign(signParamsOf(keyAlgorithm), privateKey, challenge);
  for (const der of certificates) {
    try {
      const spki = loadCertificate(der).subjectPublicKeyInfo.toSchema().toBER(false);
      const publicKey = await crypto.subtle.importKey("spki", spki, importParams, false, ["verify"]);
      if (await crypto.subtle.verify(signParamsOf(keyAlgorithm), publicKey, signature, challenge)) return der;
    } catch {
      // A certificate for another kind of key: not this one.
    }
  }
  return undefined;
}

function orderChain(leafDer: Uint8Array, others: Uint8Array<ArrayBuffer>[]): Uint8Array<ArrayBuffer>[] {
  const remaining = [...others];
  const ordered: Uint8Array<ArrayBuffer>[] = [];
  let current = loadCertificate(leafDer);
  while (remaining.length > 0) {
    const index = remaining.findIndex((der) => loadCertificate(der).subject.isEqual(current.issuer));
    if (index === -1) break;
    const [next] = remaining.splice(index, 1) as [Uint8Array<ArrayBuffer>];
    ordered.push(next);
    current = loadCertificate(next);
    if (current.subject.isEqual(current.issuer)) break;
  }
  return [...ordered, ...remaining];
}

/**
 * Opens a PKCS#12 file with its password. Errors (PkiError): LEGACY_ENCRYPTION for RC2/3DES files (the message
 * says how to re-export), WRONG_PASSWORD, NO_KEY when the file holds no private key with a matching certificate,
 * UNSUPPORTED for keys other than P-256 and RSA, MALFORMED for anything that is not a PKCS#12 file.
 */
export async function importPkcs12(bytes: Uint8Array, password: string, options: { extractable?: false } = {}): Promise<ImportedPkcs12> {
  if (options.extractable !== undefined && options.extractable !== false) throw new TypeError("Imported keys are never extractable");
  const pfx = parseOrMalformedSync("PKCS#12 file", () => pkijs.PFX.fromBER(toArrayBuffer(bytes)));
  if (parseOrMalformedSync("PKCS#12 file", () => hasLegacyEncryption(bytes))) throw new PkiError("LEGACY_ENCRYPTION", LEGACY_PKCS12_MESSAGE);

  const passwordBytes = toArrayBuffer(new TextEncoder().encode(password));
  try {
    // Without a MAC (openssl -nomac) a wrong password shows up later as a failed decryption.
    await pfx.parseInternalValues({ password: passwordBytes, checkIntegrity: pfx.macData !== undefined });
  } catch (error) {
    if (error instanceof Error && /Integrity/.test(error.message)) throw new PkiError("WRONG_PASSWORD", "The password is wrong or the file is damaged", { cause: error });
    throw new PkiError("MALFORMED", "PKCS#12 file could not be read", { cause: error });
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw new PkiError("MALFORMED", "PKCS#12 file has no content");
  try {
    await authenticatedSafe.parseInternalValues({ safeContents: authenticatedSafe.safeContents.map(() => ({ password: passwordBytes })) });
  } catch (error) {
    // With a MAC the password was already right, so a failure here is a broken file; without one it is the password.
    throw pfx.macData
      ? new PkiError("MALFORMED", "PKCS#12 contents could not be decrypted", { cause: error })
      : new PkiError("WRONG_PASSWORD", "The password is wrong or the file is damaged", { cause: error });
  }

  const keys: pkijs.PrivateKeyInfo[] = [];
  const certificates: Uint8Array<ArrayBuffer>[] = [];
  const safeContentsList = (authenticatedSafe.parsedValue?.safeContents ?? []) as { value: pkijs.SafeContents }[];
  for (const { value } of safeContentsList) {
    for (const bag of value.safeBags) {
      if (bag.bagId === P12.shroudedKeyBag && bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag) {
        if (isLegacyAlgorithm(bag.bagValue.encryptionAlgorithm)) throw new PkiError("LEGACY_ENCRYPTION", LEGACY_PKCS12_MESSAGE);
        // pkijs types this method protected, yet it is the documented way to decrypt a shrouded key bag.
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag & { parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void> };
        try {
          await shrouded.parseInternalValues({ password: passwordBytes });
        } catch (error) {
          throw pfx.macData
            ? new PkiError("MALFORMED", "The private key could not be decrypted", { cause: error })
            : new PkiError("WRONG_PASSWORD", "The password is wrong or the file is damaged", { cause: error });
        }
        if (shrouded.parsedValue) keys.push(shrouded.parsedValue);
      } else if (bag.bagId === P12.keyBag && bag.bagValue instanceof pkijs.PrivateKeyInfo) {
        keys.push(bag.bagValue);
      } else if (bag.bagId === P12.certBag && bag.bagValue instanceof pkijs.CertBag && bag.bagValue.certId === P12.x509Certificate) {
        const certificate = bag.bagValue.parsedValue;
        if (certificate instanceof pkijs.Certificate) certificates.push(encodeCertificate(certificate));
      }
    }
  }
  // Re-parse each certificate from its bytes so later users never touch pkijs's retagged nodes.
  const certificateDers = certificates.map((der) => toBytes(encodeCertificate(loadCertificate(der))));
  if (keys.length === 0) throw new PkiError("NO_KEY", "The file holds no private key");

  for (const keyInfo of keys) {
    const { keyAlgorithm, importParams } = keyAlgorithmOf(keyInfo);
    const pkcs8 = toBytes(keyInfo.toSchema().toBER(false));
    const privateKey = await parseOrMalformed("PKCS#12 key", () => crypto.subtle.importKey("pkcs8", toArrayBuffer(pkcs8), importParams, false, ["sign"]));
    const certificateDer = await findKeyCertificate(privateKey, keyAlgorithm, importParams, certificateDers);
    if (!certificateDer) continue;
    if (keyAlgorithm === "RSA") {
      const modulusLength = (privateKey.algorithm as RsaHashedKeyAlgorithm).modulusLength;
      if (modulusLength < 2048) throw new PkiError("UNSUPPORTED", "RSA keys must be at least 2048 bits");
    }
    const chainDer = orderChain(
      certificateDer,
      certificateDers.filter((der) => der !== certificateDer),
    );
    return { privateKey, certificateDer, chainDer, keyAlgorithm };
  }
  throw new PkiError("NO_KEY", "No certificate in the file matches its private key");
}

