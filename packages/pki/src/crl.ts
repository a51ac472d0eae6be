// Certificate revocation lists (RFC 5280 section 5): the issuing CA publishes one at the URL in its
// certificates' CRL distribution point; verifyCertificate reads them to answer "was it revoked at that time?".
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer, toBytes, toHex } from "./encoding.ts";
import { PkiError, decodeAsn1Strict, parseOrMalformedSync } from "./errors.ts";
import { OID, checkSigningKey, findExtension, loadCertificate, readKeyUsage, serialHexOf, serialIntegerOf } from "./certificate.ts";
import { computeKeyIdentifier, toPkiTime } from "./ca.ts";
import { formatDn, readName, type SubjectName } from "./names.ts";

export type RevocationReason = "unspecified" | "keyCompromise" | "affiliationChanged" | "superseded" | "cessationOfOperation";

/** CRLReason codes (RFC 5280 5.3.1). Only the ones the platform uses are written; others read as unspecified. */
const REASON_CODES: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
};

export type RevokedEntry = {
  serialNumberHex: string;
  revokedAt: Date;
  reason: RevocationReason;
  /** The raw CRLReason code when present (e.g. 2 cACompromise, which `reason` shows as "unspecified"). */
  reasonCode?: number;
};

export type CreateCrlInput = {
  issuerCertificateDer: Uint8Array;
  issuerPrivateKey: CryptoKey;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: bigint | number;
  revoked: { serialNumberHex: string; revokedAt: Date; reason: RevocationReason }[];
};

export type ParsedCrl = {
  der: Uint8Array<ArrayBuffer>;
  issuer: SubjectName;
  issuerDn: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  crlNumber?: bigint;
  authorityKeyIdentifierHex?: string;
  revoked: RevokedEntry[];
};

function extension(extnID: string, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical: false, extnValue: value.toBER(false) });
}

/**
 * A v2 CRL signed by the issuer's key, with CRL number and authority key identifier. Revocation times are
 * written with one-second precision (UTCTime); an "unspecified" reason is left out, as RFC 5280 5.3.1 asks.
 */
export async function createCrl(input: CreateCrlInput): Promise<Uint8Array<ArrayBuffer>> {
  const { hash } = checkSigningKey(input.issuerPrivateKey);
  if (input.nextUpdate.getTime() <= input.thisUpdate.getTime()) throw new TypeError("nextUpdate must be after thisUpdate");
  const issuer = loadCertificate(input.issuerCertificateDer);
  const keyUsage = findExtension(issuer.extensions, OID.keyUsage)?.parsedValue;
  if (keyUsage instanceof asn1js.BitString && !readKeyUsage(keyUsage).includes("cRLSign")) {
    throw new PkiError("WRONG_KEY_USAGE", "The issuer certificate may not sign CRLs");
  }
  const crlNumber = BigInt(input.crlNumber);
  if (crlNumber < 0n) throw new TypeError("crlNumber must not be negative");
  const ski = findExtension(issuer.extensions, OID.subjectKeyIdentifier)?.parsedValue;
  const keyId = ski instanceof asn1js.OctetString ? ski.valueBlock.valueHexView : await computeKeyIdentifier(issuer.subjectPublicKeyInfo);

  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = loadCertificate(input.issuerCertificateDer).subject;
  crl.thisUpdate = toPkiTime(input.thisUpdate);
  crl.nextUpdate = toPkiTime(input.nextUpdate);
  if (input.revoked.length > 0) {
    crl.revokedCertificates = input.revoked.map((entry) => {
      const code = REASON_CODES[entry.reason];
      if (code === undefined) throw new TypeError(`Unknown revocation reason ${String(entry.reason)}`);
      return new pkijs.RevokedCertificate({
        userCertificate: serialIntegerOf(entry.serialNumberHex),
        revocationDate: toPkiTime(entry.revokedAt),
        ...(code === 0
          ? {}
          : { crlEntryExtensions: new pkijs.Extensions({ extensions: [extension(OID.crlReason, new asn1js.Enumerated({ value: code }))] }) }),
      });
    });
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      extension(OID.authorityKeyIdentifier, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(keyId) }) }).toSchema()),
      extension(OID.crlNumber, asn1js.Integer.fromBigInt(crlNumber)),
    ],
  });
  await crl.sign(input.issuerPrivateKey, hash);
  return toBytes(crl.toSchema(true).toBER(false));
}

export function loadCrl(der: Uint8Array): pkijs.CertificateRevocationList {
  const schema = decodeAsn1Strict(der, "CRL");
  return parseOrMalformedSync("CRL", () => new pkijs.CertificateRevocationList({ schema }));
}

function reasonOf(code: number | undefined): RevocationReason {
  const match = (Object.entries(REASON_CODES) as [RevocationReason, number][]).find(([, value]) => value === code);
  return match?.[0] ?? "unspecified";
}

function readEntry(entry: pkijs.RevokedCertificate): RevokedEntry {
  const reasonExtension = findExtension(entry.crlEntryExtensions?.extensions, OID.crlReason);
  let reasonCode: number | undefined;
  if (reasonExtension) {
    const decoded = asn1js.fromBER(reasonExtension.extnValue.valueBlock.valueHexView);
    if (decoded.offset === -1 || !(decoded.result instanceof asn1js.Enumerated)) throw new PkiError("MALFORMED", "Bad CRL reason code");
    reasonCode = decoded.result.valueBlock.valueDec;
  }
  return {
    serialNumberHex: serialHexOf(entry.userCertificate),
    revokedAt: entry.revocationDate.value,
    reason: reasonOf(reasonCode),
    ...(reasonCode === undefined ? {} : { reasonCode }),
  };
}

/** CRL → plain data (signature not checked: use verifyCrlSignature). Throws PkiError MALFORMED for garbage. */
export async function parseCrl(der: Uint8Array): Promise<ParsedCrl> {
  const crl = loadCrl(der);
  return parseOrMalformedSync("CRL", () => {
    const numberExtension = findExtension(crl.crlExtensions?.extensions, OID.crlNumber);
    const akiExtension = findExtension(crl.crlExtensions?.extensions, OID.authorityKeyIdentifier);
    let crlNumber: bigint | undefined;
    if (numberExtension) {
      const decoded = asn1js.fromBER(numberExtension.extnValue.valueBlock.valueHexView);
      if (decoded.offset === -1 || !(decoded.result instanceof asn1js.Integer)) throw new PkiError("MALFORMED", "Bad CRL number");
      crlNumber = decoded.result.toBigInt();
    }
    const aki = akiExtension?.parsedValue;
    return {
      der: toBytes(der),
      issuer: readName(crl.issuer),
      issuerDn: formatDn(crl.issuer),
      thisUpdate: crl.thisUpdate.value,
      ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.value } : {}),
      ...(crlNumber === undefined ? {} : { crlNumber }),
      ...(aki instanceof pkijs.AuthorityKeyIdentifier && aki.keyIdentifier ? { authorityKeyIdentifierHex: toHex(aki.keyIdentifier.valueBlock.valueHexView) } : {}),
      revoked: (crl.revokedCertificates ?? []).map(readEntry),
    };
  });
}

/**
 * True when the CRL names this certificate's subject as its issuer, the issuer may sign CRLs, no unknown
 * critical extension is present, and the signature verifies with the issuer's key. Garbage CRLs give
 * PkiError MALFORMED; a CRL that is well formed but not the issuer's gives false.
 */
export async function verifyCrlSignature(crlDer: Uint8Array, issuerCertificateDer: Uint8Array): Promise<boolean> {
  const crl = loadCrl(crlDer);
  const issuer = loadCertificate(issuerCertificateDer);
  const keyUsage = findExtension(issuer.extensions, OID.keyUsage)?.parsedValue;
  if (keyUsage instanceof asn1js.BitString && !readKeyUsage(keyUsage).includes("cRLSign")) return false;
  if (crl.signatureValue.valueBlock.unusedBits !== 0) return false;
  // The outer and inner signature algorithms must agree (RFC 5280 5.1.1.2), or an attacker could swap one.
  if (!crl.signature.isEqual(crl.signatureAlgorithm)) return false;
  try {
    return await crl.verify({ issuerCertificate: issuer });
  } catch {
    return false;
  }
}
