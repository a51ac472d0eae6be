// Issuing certificates: the platform's root, its issuing CA, and end-entity certificates for signers and the
// time-stamping authority. Profiles are fixed here so every certificate of one kind carries the same extensions.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer, toBytes } from "./encoding.ts";
import { PkiError, parseOrMalformedSync } from "./errors.ts";
import {
  EKU,
  OID,
  checkSigningKey,
  encodeCertificate,
  findExtension,
  loadCertificate,
  normalizeSerialHex,
  serialIntegerOf,
  type KeyUsageName,
  KEY_USAGE_NAMES,
  readKeyUsage,
} from "./certificate.ts";
import { buildName, type SubjectName } from "./names.ts";

export type CertificateProfile = "ISSUING_CA" | "SIGNER" | "TSA";

/** 16 random bytes with the top bit cleared: positive, unguessable, within RFC 5280's 20-byte limit. */
export function randomSerialNumberHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  // A zero first byte would be dropped by DER minimal encoding and shorten the serial; keep it 16 bytes.
  if (bytes[0] === 0) bytes[0] = 0x01;
  return normalizeSerialHex(Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""));
}

/** UTCTime up to 2049 and GeneralizedTime from 2050, as RFC 5280 4.1.2.5 requires. */
export function toPkiTime(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: date });
}

/** KeyUsage as a DER BIT STRING: named bits with trailing zero bits removed (X.690 11.2.2). */
export function encodeKeyUsage(usages: KeyUsageName[]): asn1js.BitString {
  const indexes = usages.map((usage) => KEY_USAGE_NAMES.indexOf(usage));
  const highest = Math.max(...indexes);
  const bytes = new Uint8Array((highest >> 3) + 1);
  for (const index of indexes) bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (0x80 >> (index & 7));
  const unusedBits = 7 - (highest & 7);
  return new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits });
}

function makeExtension(extnID: string, critical: boolean, value: asn1js.AsnType | { toSchema(): asn1js.AsnType }): pkijs.Extension {
  const schema = "toSchema" in value ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes (what openssl computes too). */
export async function computeKeyIdentifier(spki: pkijs.PublicKeyInfo): Promise<Uint8Array<ArrayBuffer>> {
  const keyBytes = spki.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(await crypto.subtle.digest("SHA-1", toArrayBuffer(keyBytes)));
}

async function keyIdentifierOfIssuer(issuer: pkijs.Certificate): Promise<Uint8Array> {
  const ski = findExtension(issuer.extensions, OID.subjectKeyIdentifier);
  if (ski?.parsedValue instanceof asn1js.OctetString) return ski.parsedValue.valueBlock.valueHexView;
  return computeKeyIdentifier(issuer.subjectPublicKeyInfo);
}

function checkValidity(notBefore: Date, notAfter: Date): void {
  if (!(notBefore instanceof Date) || !(notAfter instanceof Date) || Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    throw new TypeError("notBefore and notAfter must be valid dates");
  }
  if (notAfter.getTime() <= notBefore.getTime()) throw new TypeError("notAfter must be after notBefore");
}

async function signCertificate(certificate: pkijs.Certificate, privateKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const { hash } = checkSigningKey(privateKey);
  await certificate.sign(privateKey, hash);
  // Hand back bytes of a fresh encoding: pkijs caches the TBS it signed, and callers only ever pass DER around.
  return encodeCertificate(certificate);
}

export type CreateSelfSignedCaInput = {
  subject: SubjectName;
  keyPair: CryptoKeyPair;
  serialNumberHex: string;
  notBefore: Date;
  notAfter: Date;
  /** How many CA certificates may follow this one in a path; omitted means no limit. */
  pathLength?: number;
};

/** A root CA certificate: basicConstraints CA (critical), keyUsage keyCertSign + cRLSign (critical), SKI = AKI. */
export async function createSelfSignedCa(input: CreateSelfSignedCaInput): Promise<Uint8Array<ArrayBuffer>> {
  checkValidity(input.notBefore, input.notAfter);
  checkSigningKey(input.keyPair.privateKey);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialIntegerOf(input.serialNumberHex);
  certificate.subject = buildName(input.subject);
  certificate.issuer = buildName(input.subject);
  certificate.notBefore = toPkiTime(input.notBefore);
  certificate.notAfter = toPkiTime(input.notAfter);
  await certificate.subjectPublicKeyInfo.importKey(input.keyPair.publicKey);
  const keyId = await computeKeyIdentifier(certificate.subjectPublicKeyInfo);
  certificate.extensions = [
    makeExtension(
      OID.basicConstraints,
      true,
      new pkijs.BasicConstraints(input.pathLength === undefined ? { cA: true } : { cA: true, pathLenConstraint: input.pathLength }),
    ),
    makeExtension(OID.keyUsage, true, encodeKeyUsage(["keyCertSign", "cRLSign"])),
    makeExtension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(keyId) })),
    makeExtension(OID.authorityKeyIdentifier, false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(keyId) }) })),
  ];
  return signCertificate(certificate, input.keyPair.privateKey);
}

export type IssueCertificateInput = {
  issuerCertificateDer: Uint8Array;
  issuerPrivateKey: CryptoKey;
  subject: SubjectName;
  subjectPublicKeySpki: Uint8Array;
  serialNumberHex: string;
  notBefore: Date;
  notAfter: Date;
  profile: CertificateProfile;
  crlDistributionPointUrl?: string;
};

function profileExtensions(profile: CertificateProfile): pkijs.Extension[] {
  switch (profile) {
    case "ISSUING_CA":
      return [
        makeExtension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 })),
        makeExtension(OID.keyUsage, true, encodeKeyUsage(["keyCertSign", "cRLSign"])),
      ];
    case "SIGNER":
      return [
        makeExtension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false })),
        makeExtension(OID.keyUsage, true, encodeKeyUsage(["digitalSignature", "nonRepudiation"])),
        // emailProtection too: NSS (pdfsig, Firefox, Thunderbird) validates document signers against it and
        // reports an "unknown issue" with the certificate without it.
        makeExtension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [EKU.documentSigning, EKU.emailProtection, EKU.clientAuth] })),
      ];
    case "TSA":
      // RFC 3161 2.3: the TSA certificate has exactly one EKU, timeStamping, and it is critical.
      return [
        makeExtension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false })),
        makeExtension(OID.keyUsage, true, encodeKeyUsage(["digitalSignature", "nonRepudiation"])),
        makeExtension(OID.extKeyUsage, true, new pkijs.ExtKeyUsage({ keyPurposes: [EKU.timeStamping] })),
      ];
  }
}

/**
 * A certificate signed by an issuing certificate's key. The issuer must be a CA allowed to sign certificates,
 * and the new certificate is checked against the issuer's public key before it is returned, so a wrong
 * issuerPrivateKey fails here (PkiError BAD_SIGNATURE) rather than in a relying party later.
 */
export async function issueCertificate(input: IssueCertificateInput): Promise<Uint8Array<ArrayBuffer>> {
  checkValidity(input.notBefore, input.notAfter);
  checkSigningKey(input.issuerPrivateKey);
  const issuer = loadCertificate(input.issuerCertificateDer);
  const issuerBasic = findExtension(issuer.extensions, OID.basicConstraints)?.parsedValue;
  const issuerKeyUsage = findExtension(issuer.extensions, OID.keyUsage)?.parsedValue;
  const isIssuerCa = issuerBasic instanceof pkijs.BasicConstraints && issuerBasic.cA;
  const canIssuerSign = !(issuerKeyUsage instanceof asn1js.BitString) || readKeyUsage(issuerKeyUsage).includes("keyCertSign");
  if (!isIssuerCa || !canIssuerSign) throw new PkiError("WRONG_KEY_USAGE", "The issuer certificate is not a CA that may sign certificates");

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialIntegerOf(input.serialNumberHex);
  certificate.subject = buildName(input.subject);
  // The issuer's subject is copied byte for byte (re-parsed from DER): chain building compares encoded names.
  certificate.issuer = loadCertificate(input.issuerCertificateDer).subject;
  certificate.notBefore = toPkiTime(input.notBefore);
  certificate.notAfter = toPkiTime(input.notAfter);
  certificate.subjectPublicKeyInfo = parseOrMalformedSync("Subject public key", () =>
    pkijs.PublicKeyInfo.fromBER(toArrayBuffer(input.subjectPublicKeySpki)),
  );
  const subjectKeyId = await computeKeyIdentifier(certificate.subjectPublicKeyInfo);
  const issuerKeyId = await keyIdentifierOfIssuer(issuer);
  certificate.extensions = [
    ...profileExtensions(input.profile),
    makeExtension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(subjectKeyId) })),
    makeExtension(
      OID.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(issuerKeyId) }) }),
    ),
  ];
  if (input.crlDistributionPointUrl) {
    const points = new pkijs.CRLDistributionPoints({
      distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: input.crlDistributionPointUrl })] })],
    });
    certificate.extensions.push(makeExtension(OID.crlDistributionPoints, false, points));
  }
  const der = await signCertificate(certificate, input.issuerPrivateKey);
  const isSignedByIssuer = await loadCertificate(der).verify(loadCertificate(input.issuerCertificateDer));
  if (!isSignedByIssuer) throw new PkiError("BAD_SIGNATURE", "The issuer private key does not match the issuer certificate");
  return toBytes(der);
}
