// Reading X.509 certificates into plain data the API and the browser can show and store, plus the key helpers
// the signing modules share (which algorithms we accept, how an INTEGER serial becomes hex).
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { fromHex, sha256, toArrayBuffer, toBytes, toHex } from "./encoding.ts";
import { PkiError, decodeAsn1Strict, parseOrMalformedSync } from "./errors.ts";
import { formatDn, readName, type SubjectName } from "./names.ts";

export const OID = {
  ecPublicKey: "1.2.840.10045.2.1",
  p256: "1.2.840.10045.3.1.7",
  rsaEncryption: "1.2.840.113549.1.1.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  crlNumber: "2.5.29.20",
  crlReason: "2.5.29.21",
  crlDistributionPoints: "2.5.29.31",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
} as const;

/** Extended key usages the platform issues and checks. */
export const EKU = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  documentSigning: "1.3.6.1.5.5.7.3.36",
} as const;

/** The key algorithms the platform signs with: ECDSA P-256 by default, RSA 2048+ for imported certificates. */
export type KeyAlgorithm = "EC-P256" | "RSA";

export const KEY_USAGE_NAMES = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

export type CertificateInfo = {
  der: Uint8Array<ArrayBuffer>;
  /** Lowercase hex of the serial's value, without a DER sign byte (as `openssl x509 -serial` shows, lowercased). */
  serialNumberHex: string;
  subject: SubjectName;
  issuer: SubjectName;
  subjectDn: string;
  issuerDn: string;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  pathLength?: number;
  keyUsage: KeyUsageName[];
  isKeyUsageCritical: boolean;
  /** OIDs. */
  extendedKeyUsage: string[];
  isExtendedKeyUsageCritical: boolean;
  subjectKeyIdentifierHex?: string;
  authorityKeyIdentifierHex?: string;
  crlDistributionPoints: string[];
  fingerprintSha256Hex: string;
  publicKeySpki: Uint8Array<ArrayBuffer>;
  /** "OTHER" for keys we do not sign with (such certificates can still sit in a chain we only read). */
  keyAlgorithm: KeyAlgorithm | "OTHER";
  rsaModulusBits?: number;
  isSelfIssued: boolean;
};

/** A fresh pkijs object from bytes: pkijs retags nodes while parsing, so never re-use a parsed node twice. */
export function loadCertificate(der: Uint8Array): pkijs.Certificate {
  const schema = decodeAsn1Strict(der, "Certificate");
  return parseOrMalformedSync("Certificate", () => new pkijs.Certificate({ schema }));
}

export function encodeCertificate(certificate: pkijs.Certificate): Uint8Array<ArrayBuffer> {
  return toBytes(certificate.toSchema(true).toBER(false));
}

/** Drops DER sign bytes so a serial reads the same from a certificate, a CRL and a request. */
export function normalizeSerialHex(hex: string): string {
  let clean = hex.replace(/[\s:]/g, "").toLowerCase();
  if (clean.length % 2 === 1) clean = `0${clean}`;
  while (clean.length > 2 && clean.startsWith("00")) clean = clean.slice(2);
  return clean;
}

export function serialHexOf(serial: asn1js.Integer): string {
  return normalizeSerialHex(toHex(serial.valueBlock.valueHexView));
}

/** A positive DER INTEGER from hex (a leading zero byte is added when the top bit is set, so it stays positive). */
export function serialIntegerOf(serialNumberHex: string): asn1js.Integer {
  const bytes = fromHex(normalizeSerialHex(serialNumberHex));
  if (bytes.length === 0 || bytes.length > 20) throw new PkiError("MALFORMED", "A serial number is 1 to 20 bytes");
  const positive = (bytes[0] ?? 0) & 0x80 ? new Uint8Array([0, ...bytes]) : bytes;
  return new asn1js.Integer({ valueHex: toArrayBuffer(positive) });
}

export function describePublicKey(spki: pkijs.PublicKeyInfo): { keyAlgorithm: KeyAlgorithm | "OTHER"; rsaModulusBits?: number } {
  const algorithmId = spki.algorithm.algorithmId;
  if (algorithmId === OID.ecPublicKey) {
    const params = spki.algorithm.algorithmParams as asn1js.ObjectIdentifier | undefined;
    const curve = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : "";
    return { keyAlgorithm: curve === OID.p256 ? "EC-P256" : "OTHER" };
  }
  if (algorithmId === OID.rsaEncryption) {
    const parsed = spki.parsedKey;
    if (parsed instanceof pkijs.RSAPublicKey) {
      let modulus = parsed.modulus.valueBlock.valueHexView;
      while (modulus.length > 0 && modulus[0] === 0) modulus = modulus.subarray(1);
      const top = modulus[0] ?? 0;
      return { keyAlgorithm: "RSA", rsaModulusBits: (modulus.length - 1) * 8 + (top === 0 ? 0 : Math.floor(Math.log2(top)) + 1) };
    }
    return { keyAlgorithm: "RSA" };
  }
  return { keyAlgorithm: "OTHER" };
}

/**
 * The hash to sign with for a private key we accept, or PkiError UNSUPPORTED. ECDSA must be P-256; RSA must be
 * RSASSA-PKCS1-v1_5 with SHA-256 fixed on the key (WebCrypto binds the hash to an RSA key when it is made).
 */
export function checkSigningKey(privateKey: CryptoKey): { keyAlgorithm: KeyAlgorithm; hash: "SHA-256" } {
  const algorithm = privateKey.algorithm as EcKeyAlgorithm & RsaHashedKeyAlgorithm;
  if (algorithm.name === "ECDSA" && algorithm.namedCurve === "P-256") return { keyAlgorithm: "EC-P256", hash: "SHA-256" };
  if (algorithm.name === "RSASSA-PKCS1-v1_5") {
    if (algorithm.hash?.name !== "SHA-256") throw new PkiError("UNSUPPORTED", "RSA keys must be bound to SHA-256");
    if (algorithm.modulusLength < 2048) throw new PkiError("UNSUPPORTED", "RSA keys must be at least 2048 bits");
    return { keyAlgorithm: "RSA", hash: "SHA-256" };
  }
  throw new PkiError("UNSUPPORTED", `Unsupported key algorithm ${algorithm.name}`);
}

function readBitString(bits: asn1js.BitString): boolean[] {
  const bytes = bits.valueBlock.valueHexView;
  const flags: boolean[] = [];
  for (let i = 0; i < bytes.length * 8; i++) flags.push((((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1) === 1);
  return flags;
}

export function readKeyUsage(bits: asn1js.BitString): KeyUsageName[] {
  const flags = readBitString(bits);
  return KEY_USAGE_NAMES.filter((_, index) => flags[index] === true);
}

/** The extension by OID, or undefined; a certificate repeating an extension is malformed (RFC 5280 4.2). */
export function findExtension(extensions: pkijs.Extension[] | undefined, oid: string): pkijs.Extension | undefined {
  const matches = (extensions ?? []).filter((extension) => extension.extnID === oid);
  if (matches.length > 1) throw new PkiError("MALFORMED", `Extension ${oid} appears twice`);
  return matches[0];
}

export function readCrlDistributionPointUrls(extension: pkijs.Extension | undefined): string[] {
  const parsed = extension?.parsedValue;
  if (!(parsed instanceof pkijs.CRLDistributionPoints)) return [];
  const urls: string[] = [];
  for (const point of parsed.distributionPoints) {
    const name = point.distributionPoint;
    if (!Array.isArray(name)) continue;
    for (const general of name) {
      // GeneralName type 6 is uniformResourceIdentifier.
      if (general.type === 6 && typeof general.value === "string") urls.push(general.value);
    }
  }
  return urls;
}

/** Certificate → plain data. Throws PkiError MALFORMED for bytes that are not a certificate. */
export async function parseCertificate(der: Uint8Array): Promise<CertificateInfo> {
  const certificate = loadCertificate(der);
  const info = parseOrMalformedSync("Certificate", () => describeCertificate(certificate, der));
  return { ...info, fingerprintSha256Hex: toHex(await sha256(der)) };
}

/** The same data for an already-parsed certificate (used by chain checks, which hold pkijs objects). */
export function describeCertificate(certificate: pkijs.Certificate, der: Uint8Array): Omit<CertificateInfo, "fingerprintSha256Hex"> {
  const extensions = certificate.extensions;
  const basic = findExtension(extensions, OID.basicConstraints);
  const basicValue = basic?.parsedValue instanceof pkijs.BasicConstraints ? basic.parsedValue : undefined;
  const keyUsage = findExtension(extensions, OID.keyUsage);
  const eku = findExtension(extensions, OID.extKeyUsage);
  const ski = findExtension(extensions, OID.subjectKeyIdentifier);
  const aki = findExtension(extensions, OID.authorityKeyIdentifier);
  const pathLength = basicValue?.pathLenConstraint;
  const key = describePublicKey(certificate.subjectPublicKeyInfo);
  return {
    der: toBytes(der),
    serialNumberHex: serialHexOf(certificate.serialNumber),
    subject: readName(certificate.subject),
    issuer: readName(certificate.issuer),
    subjectDn: formatDn(certificate.subject),
    issuerDn: formatDn(certificate.issuer),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    isCa: basicValue?.cA === true,
    ...(pathLength === undefined ? {} : { pathLength: typeof pathLength === "number" ? pathLength : pathLength.valueBlock.valueDec }),
    keyUsage: keyUsage?.parsedValue instanceof asn1js.BitString ? readKeyUsage(keyUsage.parsedValue) : [],
    isKeyUsageCritical: keyUsage?.critical === true,
    extendedKeyUsage: eku?.parsedValue instanceof pkijs.ExtKeyUsage ? [...eku.parsedValue.keyPurposes] : [],
    isExtendedKeyUsageCritical: eku?.critical === true,
    ...(ski?.parsedValue instanceof asn1js.OctetString ? { subjectKeyIdentifierHex: toHex(ski.parsedValue.valueBlock.valueHexView) } : {}),
    ...(aki?.parsedValue instanceof pkijs.AuthorityKeyIdentifier && aki.parsedValue.keyIdentifier
      ? { authorityKeyIdentifierHex: toHex(aki.parsedValue.keyIdentifier.valueBlock.valueHexView) }
      : {}),
    crlDistributionPoints: readCrlDistributionPointUrls(findExtension(extensions, OID.crlDistributionPoints)),
    publicKeySpki: toBytes(certificate.subjectPublicKeyInfo.toSchema().toBER(false)),
    ...key,
    isSelfIssued: certificate.subject.isEqual(certificate.issuer),
  };
}

/** Imports a certificate's or CSR's public key for verifying our own signatures (ECDSA P-256 or RSA PKCS#1 v1.5). */
export async function importVerifyKey(spkiDer: Uint8Array, keyAlgorithm: KeyAlgorithm): Promise<CryptoKey> {
  const algorithm =
    keyAlgorithm === "EC-P256" ? { name: "ECDSA", namedCurve: "P-256" } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  return crypto.subtle.importKey("spki", toArrayBuffer(spkiDer), algorithm, true, ["verify"]);
}
