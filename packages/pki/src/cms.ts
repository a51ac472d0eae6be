// CMS SignedData (RFC 5652) in the CAdES form the platform signs with: detached content; signed attributes
// contentType, messageDigest, signingTime (left out for PAdES, where the signature dictionary carries the time) and
// signingCertificateV2 (RFC 5035), DER-sorted; an optional signature time-stamp as unsigned attribute (CAdES-T).
//
// What we write is assembled from DER pieces instead of pkijs objects: the signed attributes must be exactly the
// bytes that were signed, pkijs does not sort SET OF, and re-encoding a parsed pkijs object can change bytes
// (certificates, names). Reading goes through pkijs, plus a fresh asn1js parse wherever the original bytes matter.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID, checkSigningKey, describePublicKey, loadCertificate, parseCertificate, type CertificateInfo } from "./certificate.ts";
import { verifyCertificate } from "./chain.ts";
import { compareBytes, concatBytes, isEqualBytes, toArrayBuffer, toBytes } from "./encoding.ts";
import { PkiError, type PkiErrorCode } from "./errors.ts";
import { verifyTimestampToken } from "./tsa.ts";

export const CMS_OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
} as const;

/** Digests we accept when verifying. SHA-1 is refused: a collision lets a signature move to other content. */
const HASH_BY_OID: Record<string, "SHA-256" | "SHA-384" | "SHA-512"> = {
  [CMS_OID.sha256]: "SHA-256",
  [CMS_OID.sha384]: "SHA-384",
  [CMS_OID.sha512]: "SHA-512",
};

export function hashNameOf(oid: string): "SHA-256" | "SHA-384" | "SHA-512" {
  const name = HASH_BY_OID[oid];
  if (!name) throw new PkiError("UNSUPPORTED", `Digest algorithm ${oid} is not accepted (SHA-256, SHA-384 or SHA-512)`);
  return name;
}

export async function digestOf(hash: string, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(data)));
}

// ---------------------------------------------------------------------------------------------------------------
// DER pieces (also used by tsa.ts)

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return new Uint8Array([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

/** One DER element: a single-byte tag (all we need), its definite length, and the contents. */
export function encodeTlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concatBytes(...contents);
  return concatBytes(new Uint8Array([tag]), encodeLength(body.length), body);
}

export const encodeSequence = (...contents: Uint8Array[]) => encodeTlv(0x30, ...contents);

/** DER SET OF: the elements sorted by their encodings (X.690 11.6), which pkijs leaves to the caller. */
export function encodeSetOf(elements: Uint8Array[]): Uint8Array {
  return encodeTlv(0x31, ...[...elements].sort(compareBytes));
}

export const encodeOctetString = (bytes: Uint8Array) => encodeTlv(0x04, bytes);

export function encodeOid(oid: string): Uint8Array {
  return toBytes(new asn1js.ObjectIdentifier({ value: oid }).toBER(false));
}

export function encodeSmallInteger(value: number): Uint8Array {
  return toBytes(new asn1js.Integer({ value }).toBER(false));
}

/** A non-negative INTEGER from big-endian magnitude bytes (minimal: leading zeros dropped, one added for the sign). */
export function encodeUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const contents = (trimmed[0] ?? 0) & 0x80 ? concatBytes(new Uint8Array([0]), trimmed) : trimmed.length ? trimmed : new Uint8Array([0]);
  return encodeTlv(0x02, contents);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** GeneralizedTime in DER form: UTC, "Z", fraction only when non-zero and without trailing zeros. */
export function encodeGeneralizedTime(date: Date, hasMilliseconds = false): Uint8Array {
  const base = `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
  const millis = date.getUTCMilliseconds();
  const fraction = hasMilliseconds && millis > 0 ? `.${pad(millis, 3).replace(/0+$/, "")}` : "";
  return encodeTlv(0x18, new TextEncoder().encode(`${base}${fraction}Z`));
}

/** Time as RFC 5652 wants it for signingTime: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds. */
export function encodeTime(date: Date): Uint8Array {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) return encodeGeneralizedTime(date);
  const text = `${pad(year % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return encodeTlv(0x17, new TextEncoder().encode(text));
}

function encodeAttribute(type: string, value: Uint8Array): Uint8Array {
  return encodeSequence(encodeOid(type), encodeSetOf([value]));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading DER without pkijs, where the original bytes are what we need

type AsnNode = asn1js.AsnType;

/** A fresh asn1js parse; trailing bytes or a parse error are MALFORMED. */
export function parseDer(bytes: Uint8Array, what: string): AsnNode {
  const buffer = toArrayBuffer(bytes);
  const parsed = asn1js.fromBER(buffer);
  if (parsed.offset === -1 || parsed.offset !== buffer.byteLength) throw new PkiError("MALFORMED", `${what} is not valid DER`);
  return parsed.result;
}

/** The elements inside a constructed node (end-of-contents markers of indefinite-length BER left out). */
export function childrenOf(node: AsnNode, what: string): AsnNode[] {
  const value = (node.valueBlock as { value?: unknown }).value;
  if (!node.idBlock.isConstructed || !Array.isArray(value)) throw new PkiError("MALFORMED", `${what} is not a constructed element`);
  return (value as AsnNode[]).filter((child) => !(child.idBlock.tagClass === 1 && child.idBlock.tagNumber === 0));
}

export function rawOf(node: AsnNode): Uint8Array {
  return toBytes(node.valueBeforeDecodeView);
}

const isContextTag = (node: AsnNode, number: number) => node.idBlock.tagClass === 3 && node.idBlock.tagNumber === number;
const isUniversalTag = (node: AsnNode, number: number) => node.idBlock.tagClass === 1 && node.idBlock.tagNumber === number;

/** Issuer Name and serial INTEGER of a certificate, as their exact encodings. */
function readIssuerAndSerial(certificateDer: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const [tbs] = childrenOf(parseDer(certificateDer, "Certificate"), "Certificate");
  if (!tbs) throw new PkiError("MALFORMED", "Certificate has no tbsCertificate");
  const fields = childrenOf(tbs, "tbsCertificate");
  const offset = fields[0] && isContextTag(fields[0], 0) ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  if (!serial || !issuer) throw new PkiError("MALFORMED", "Certificate has no issuer or serial");
  return { issuer: rawOf(issuer), serial: rawOf(serial) };
}

// ---------------------------------------------------------------------------------------------------------------
// Creating

export type CreateSignedAttributesOptions = {
  /** SHA-256 of the content (for PAdES: of the ByteRange bytes). */
  contentDigest: Uint8Array;
  signerCertificateDer: Uint8Array;
  /** undefined: now; null: no signingTime attribute (PAdES). */
  signingTime?: Date | null;
  contentTypeOid?: string;
};

/**
 * The DER SET OF signed attributes, sorted: exactly the bytes the signer signs (RFC 5652 5.4). Split from
 * createSignedData so the browser can sign a digest it computed itself (PAdES over a PDF's ByteRange).
 */
export async function createSignedAttributes(options: CreateSignedAttributesOptions): Promise<Uint8Array> {
  if (options.contentDigest.length !== 32) throw new PkiError("UNSUPPORTED", "The content digest must be SHA-256 (32 bytes)");
  const { issuer, serial } = readIssuerAndSerial(options.signerCertificateDer);
  const certificateHash = await digestOf("SHA-256", options.signerCertificateDer);
  // ESSCertIDv2 with hashAlgorithm left out: it is DEFAULT sha256, and DER omits defaults (RFC 5035 5.4.1.1).
  const issuerSerial = encodeSequence(encodeSequence(encodeTlv(0xa4, issuer)), serial);
  const signingCertificateV2 = encodeSequence(encodeSequence(encodeSequence(encodeOctetString(certificateHash), issuerSerial)));
  const attributes = [
    encodeAttribute(CMS_OID.contentType, encodeOid(options.contentTypeOid ?? CMS_OID.data)),
    encodeAttribute(CMS_OID.messageDigest, encodeOctetString(options.contentDigest)),
    encodeAttribute(CMS_OID.signingCertificateV2, signingCertificateV2),
  ];
  if (options.signingTime !== null) attributes.push(encodeAttribute(CMS_OID.signingTime, encodeTime(options.signingTime ?? new Date())));
  return encodeSetOf(attributes);
}

/** WebCrypto ECDSA gives r‖s; CMS wants ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5753). */
function encodeEcdsaSignature(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return encodeSequence(encodeUnsignedInteger(raw.subarray(0, half)), encodeUnsignedInteger(raw.subarray(half)));
}

/** Signs the signed attributes; the value is in CMS form (DER ECDSA-Sig-Value, or the RSA PKCS#1 v1.5 block). */
export async function signSignedAttributes(signedAttributesDer: Uint8Array, privateKey: CryptoKey): Promise<Uint8Array> {
  const { keyAlgorithm } = checkSigningKey(privateKey);
  const data = toArrayBuffer(signedAttributesDer);
  if (keyAlgorithm === "EC-P256") {
    return encodeEcdsaSignature(new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, data)));
  }
  return new Uint8Array(await crypto.subtle.sign({ name: "RSASSA-PKCS1-v1_5" }, privateKey, data));
}

function signatureAlgorithmFor(certificateDer: Uint8Array): Uint8Array {
  const { keyAlgorithm } = describePublicKey(loadCertificate(certificateDer).subjectPublicKeyInfo);
  // ecdsa-with-SHA256 takes no parameters (RFC 5758); sha256WithRSAEncryption takes NULL (RFC 4055).
  if (keyAlgorithm === "EC-P256") return encodeSequence(encodeOid(OID.ecdsaWithSha256));
  if (keyAlgorithm === "RSA") return encodeSequence(encodeOid(OID.sha256WithRsa), encodeTlv(0x05));
  throw new PkiError("UNSUPPORTED", "The signer certificate's key is neither ECDSA P-256 nor RSA");
}

export type AssembleSignedDataOptions = {
  /** From createSignedAttributes. */
  signedAttributesDer: Uint8Array;
  /** From signSignedAttributes (or any signer giving the CMS form). */
  signatureValue: Uint8Array;
  signerCertificateDer: Uint8Array;
  /** Further certificates to carry, e.g. the issuing CA, so verifiers can build the chain. */
  certificatesDer?: Uint8Array[];
  /** Carry the content inside (attached); detached when left out. */
  content?: Uint8Array;
  /** false leaves the certificates field out entirely (RFC 3161 when the request had no certReq). */
  isSignerCertificateIncluded?: boolean;
};

/** ContentInfo(SignedData) DER around signed attributes and their signature. */
export function assembleSignedData(options: AssembleSignedDataOptions): Uint8Array {
  if (options.signedAttributesDer[0] !== 0x31) throw new PkiError("MALFORMED", "Signed attributes must be a DER SET");
  const contentTypeAttribute = childrenOf(parseDer(options.signedAttributesDer, "Signed attributes"), "Signed attributes")
    .map((attribute) => childrenOf(attribute, "Attribute"))
    .find(([type]) => type instanceof asn1js.ObjectIdentifier && type.valueBlock.toString() === CMS_OID.contentType);
  const contentTypeValue = contentTypeAttribute?.[1] ? childrenOf(contentTypeAttribute[1], "contentType")[0] : undefined;
  if (!(contentTypeValue instanceof asn1js.ObjectIdentifier)) throw new PkiError("MALFORMED", "Signed attributes have no contentType");
  const eContentType = contentTypeValue.valueBlock.toString();

  const { issuer, serial } = readIssuerAndSerial(options.signerCertificateDer);
  const digestAlgorithm = encodeSequence(encodeOid(CMS_OID.sha256)); // RFC 5754: parameters absent
  // In SignerInfo the attributes are [0] IMPLICIT: same contents, context tag instead of SET.
  const taggedAttributes = concatBytes(new Uint8Array([0xa0]), options.signedAttributesDer.subarray(1));
  const signerInfo = encodeSequence(
    encodeSmallInteger(1),
    encodeSequence(issuer, serial),
    digestAlgorithm,
    taggedAttributes,
    signatureAlgorithmFor(options.signerCertificateDer),
    encodeOctetString(options.signatureValue),
  );
  const encapsulated = options.content
    ? encodeSequence(encodeOid(eContentType), encodeTlv(0xa0, encodeOctetString(options.content)))
    : encodeSequence(encodeOid(eContentType));

  const certificates: Uint8Array[] = [];
  const candidates = [...(options.isSignerCertificateIncluded === false ? [] : [options.signerCertificateDer]), ...(options.certificatesDer ?? [])];
  for (const candidate of candidates) if (!certificates.some((known) => isEqualBytes(known, candidate))) certificates.push(candidate);

  // RFC 5652 5.1: version 3 when the content is not id-data (e.g. a TSTInfo), 1 otherwise.
  const signedData = encodeSequence(
    encodeSmallInteger(eContentType === CMS_OID.data ? 1 : 3),
    encodeSetOf([digestAlgorithm]),
    encapsulated,
    ...(certificates.length > 0 ? [encodeTlv(0xa0, ...[...certificates].sort(compareBytes))] : []),
    encodeSetOf([signerInfo]),
  );
  return encodeSequence(encodeOid(CMS_OID.signedData), encodeTlv(0xa0, signedData));
}

export type CreateSignedDataOptions = {
  content: Uint8Array;
  /** Detached unless false (the platform keeps the content next to the signature). */
  isDetached?: boolean;
  signerCertificateDer: Uint8Array;
  certificatesDer?: Uint8Array[];
  privateKey: CryptoKey;
  /** undefined: now; null: no signingTime attribute (PAdES). */
  signingTime?: Date | null;
  contentTypeOid?: string;
  /** false leaves the certificates out (RFC 3161 without certReq). */
  isSignerCertificateIncluded?: boolean;
};

/** CAdES-BES SignedData (DER ContentInfo) over the content, SHA-256, ECDSA P-256 or RSA PKCS#1 v1.5. */
export async function createSignedData(options: CreateSignedDataOptions): Promise<Uint8Array> {
  const signedAttributesDer = await createSignedAttributes({
    contentDigest: await digestOf("SHA-256", options.content),
    signerCertificateDer: options.signerCertificateDer,
    ...(options.signingTime === undefined ? {} : { signingTime: options.signingTime }),
    ...(options.contentTypeOid ? { contentTypeOid: options.contentTypeOid } : {}),
  });
  const signatureValue = await signSignedAttributes(signedAttributesDer, options.privateKey);
  // A key that is not the certificate's (a reissued certificate, a stale IndexedDB entry) would give a signature
  // nobody can verify; say so here rather than at the verifier.
  const certificate = loadCertificate(options.signerCertificateDer);
  if (!(await isSignatureCorrect(signedAttributesDer, signatureValue, certificate, CMS_OID.sha256, signatureAlgorithmFor(options.signerCertificateDer)))) {
    throw new PkiError("NO_KEY", "The private key does not belong to the signer certificate");
  }
  return assembleSignedData({
    signedAttributesDer,
    signatureValue,
    signerCertificateDer: options.signerCertificateDer,
    ...(options.certificatesDer ? { certificatesDer: options.certificatesDer } : {}),
    ...(options.isDetached === false ? { content: options.content } : {}),
    ...(options.isSignerCertificateIncluded === undefined ? {} : { isSignerCertificateIncluded: options.isSignerCertificateIncluded }),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and verifying

export type LoadedSignedData = {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  eContentType: string;
  /** The encapsulated content, when attached. */
  eContent?: Uint8Array;
  /** Embedded certificates, exact bytes. */
  certificatesDer: Uint8Array[];
  /** Embedded CRLs, exact bytes. */
  crlsDer: Uint8Array[];
  signatureValue: Uint8Array;
};

/** Parses ContentInfo(SignedData) with exactly one signer. MALFORMED for anything else, UNSUPPORTED for several signers. */
export function loadSignedData(der: Uint8Array): LoadedSignedData {
  const contentInfo = parseDer(der, "CMS");
  const [contentType, explicit] = childrenOf(contentInfo, "ContentInfo");
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== CMS_OID.signedData || !explicit) {
    throw new PkiError("MALFORMED", "Not a CMS SignedData");
  }
  const [signedDataNode] = childrenOf(explicit, "ContentInfo content");
  if (!signedDataNode) throw new PkiError("MALFORMED", "Empty ContentInfo");
  const fields = childrenOf(signedDataNode, "SignedData");
  const certificatesNode = fields.find((field) => isContextTag(field, 0));
  const crlsNode = fields.find((field) => isContextTag(field, 1));
  // Only X.509 certificates and CRLs (plain SEQUENCEs); attribute certificates and other revocation formats are skipped.
  const certificatesDer = certificatesNode ? childrenOf(certificatesNode, "certificates").filter((node) => isUniversalTag(node, 16)).map(rawOf) : [];
  const crlsDer = crlsNode ? childrenOf(crlsNode, "crls").filter((node) => isUniversalTag(node, 16)).map(rawOf) : [];

  // pkijs gets its own parse of the same bytes: it retags nodes while reading them.
  let signedData: pkijs.SignedData;
  try {
    const parsed = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
    signedData = new pkijs.SignedData({ schema: parsed.content });
  } catch (error) {
    throw new PkiError("MALFORMED", "CMS SignedData could not be parsed", { cause: error });
  }
  if (signedData.signerInfos.length !== 1) throw new PkiError("UNSUPPORTED", `Expected one signer, found ${signedData.signerInfos.length}`);
  const signerInfo = signedData.signerInfos[0] as pkijs.SignerInfo;
  const eContent = signedData.encapContentInfo.eContent;
  return {
    signedData,
    signerInfo,
    eContentType: signedData.encapContentInfo.eContentType,
    ...(eContent ? { eContent: toBytes(eContent.getValue()) } : {}),
    certificatesDer,
    crlsDer,
    signatureValue: toBytes(signerInfo.signature.valueBlock.valueHexView),
  };
}

/** The signer's signature value: what a signature time-stamp is taken over (CAdES-T, PAdES B-T). */
export function signatureValueOf(signedDataDer: Uint8Array): Uint8Array {
  return loadSignedData(signedDataDer).signatureValue;
}

/**
 * Adds a time-stamp token (from the TSA, over signatureValueOf) as unsigned attribute signatureTimeStampToken.
 * Works on the bytes: everything that is signed, and every certificate, stays exactly as it was.
 */
export function addSignatureTimestamp(signedDataDer: Uint8Array, timestampTokenDer: Uint8Array): Uint8Array {
  const [tokenType] = childrenOf(parseDer(timestampTokenDer, "Time-stamp token"), "Time-stamp token");
  if (!(tokenType instanceof asn1js.ObjectIdentifier) || tokenType.valueBlock.toString() !== CMS_OID.signedData) {
    throw new PkiError("MALFORMED", "A time-stamp token is a CMS SignedData");
  }
  loadSignedData(signedDataDer); // one signer, parseable: the checks the surgery below relies on
  const [contentType, explicit] = childrenOf(parseDer(signedDataDer, "CMS"), "ContentInfo") as [AsnNode, AsnNode];
  const [signedDataNode] = childrenOf(explicit, "ContentInfo content") as [AsnNode];
  const fields = childrenOf(signedDataNode, "SignedData");
  const signerInfos = fields.at(-1) as AsnNode;
  const [signerInfo] = childrenOf(signerInfos, "SignerInfos") as [AsnNode];
  const signerFields = childrenOf(signerInfo, "SignerInfo");
  const last = signerFields.at(-1);
  const hasUnsigned = last !== undefined && isContextTag(last, 1);
  const existing = hasUnsigned ? childrenOf(last, "unsignedAttrs").map(rawOf) : [];
  const attribute = encodeAttribute(CMS_OID.signatureTimeStampToken, timestampTokenDer);
  // [1] IMPLICIT SET OF Attribute: sorted like any DER SET OF.
  const unsigned = encodeTlv(0xa1, ...[...existing, attribute].sort(compareBytes));
  const keptSignerFields = (hasUnsigned ? signerFields.slice(0, -1) : signerFields).map(rawOf);
  const newSignerInfo = encodeSequence(...keptSignerFields, unsigned);
  const newSignedData = encodeSequence(...fields.slice(0, -1).map(rawOf), encodeTlv(0x31, newSignerInfo));
  return encodeSequence(rawOf(contentType), encodeTlv(0xa0, newSignedData));
}

function singleAttribute(attributes: pkijs.Attribute[] | undefined, type: string): pkijs.Attribute | undefined {
  const found = (attributes ?? []).filter((attribute) => attribute.type === type);
  if (found.length > 1) throw new PkiError("MALFORMED", `Attribute ${type} appears more than once`);
  const attribute = found[0];
  if (attribute && attribute.values.length !== 1) throw new PkiError("MALFORMED", `Attribute ${type} must have exactly one value`);
  return attribute;
}

function attributeValueBytes(attribute: pkijs.Attribute): Uint8Array {
  return toBytes((attribute.values[0] as AsnNode).valueBeforeDecodeView);
}

async function isSignatureCorrect(
  data: Uint8Array,
  signature: Uint8Array,
  certificate: pkijs.Certificate,
  digestAlgorithmOid: string,
  signatureAlgorithmDer: Uint8Array,
): Promise<boolean> {
  const engine = pkijs.getCrypto(true);
  const signatureAlgorithm = new pkijs.AlgorithmIdentifier({ schema: parseDer(signatureAlgorithmDer, "Signature algorithm") });
  // pkijs throws for some bad signatures (unparseable ECDSA values, unknown algorithms) and returns false for
  // others: both are a bad signature here.
  try {
    const hash = hashNameOf(digestAlgorithmOid);
    // Signers may name the key algorithm (rsaEncryption) instead of the signature algorithm; the hash then comes
    // from the digest algorithm, as pkijs's own SignedData.verify does.
    const isKeyAlgorithmOnly = signatureAlgorithm.algorithmId === OID.rsaEncryption;
    return await engine.verifyWithPublicKey(
      toArrayBuffer(data),
      new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
      certificate.subjectPublicKeyInfo,
      signatureAlgorithm,
      isKeyAlgorithmOnly ? hash : undefined,
    );
  } catch (error) {
    if (error instanceof PkiError && error.code === "UNSUPPORTED") throw error;
    return false;
  }
}

type SignerCertificateMatch = { problem?: PkiErrorCode; detail?: string; isPresent: boolean };

/**
 * Checks signingCertificateV2 (or, for tokens from older TSAs, signingCertificate with SHA-1) against the signer
 * certificate: without this, a certificate with the same key could be swapped in (pkijs does not check it).
 */
export async function matchSigningCertificate(signerInfo: pkijs.SignerInfo, certificateDer: Uint8Array): Promise<SignerCertificateMatch> {
  const attributes = signerInfo.signedAttrs?.attributes;
  const v2 = singleAttribute(attributes, CMS_OID.signingCertificateV2);
  const v1 = singleAttribute(attributes, CMS_OID.signingCertificate);
  const attribute = v2 ?? v1;
  if (!attribute) return { isPresent: false };
  const [certs] = childrenOf(parseDer(attributeValueBytes(attribute), "SigningCertificate"), "SigningCertificate");
  const [first] = certs ? childrenOf(certs, "SigningCertificate certs") : [];
  if (!first) throw new PkiError("MALFORMED", "SigningCertificate lists no certificate");
  const fields = childrenOf(first, "ESSCertID");
  let hash = "SHA-1";
  if (v2 && fields[0] && isUniversalTag(fields[0], 16)) {
    const [algorithm] = childrenOf(fields.shift() as AsnNode, "hashAlgorithm");
    hash = hashNameOf(algorithm instanceof asn1js.ObjectIdentifier ? algorithm.valueBlock.toString() : "");
  } else if (v2) {
    hash = "SHA-256";
  }
  const [certHash, issuerSerial] = fields;
  if (!(certHash instanceof asn1js.OctetString)) throw new PkiError("MALFORMED", "ESSCertID has no certHash");
  if (!isEqualBytes(toBytes(certHash.valueBlock.valueHexView), await digestOf(hash, certificateDer))) {
    return { isPresent: true, problem: "BAD_SIGNATURE", detail: "The signing-certificate attribute names another certificate than the one given" };
  }
  if (issuerSerial) {
    const { issuer, serial } = readIssuerAndSerial(certificateDer);
    const [names, serialNode] = childrenOf(issuerSerial, "IssuerSerial");
    const directoryNames = names ? childrenOf(names, "GeneralNames").filter((name) => isContextTag(name, 4)) : [];
    const isIssuerListed = directoryNames.some((name) => childrenOf(name, "directoryName").some((inner) => isEqualBytes(rawOf(inner), issuer)));
    if (!isIssuerListed || !serialNode || !isEqualBytes(rawOf(serialNode), serial)) {
      return { isPresent: true, problem: "BAD_SIGNATURE", detail: "The signing-certificate attribute names another issuer or serial" };
    }
  }
  return { isPresent: true };
}

export type SignerCheck = {
  problem?: PkiErrorCode;
  detail?: string;
  signerCertificateDer?: Uint8Array;
  signingTime?: Date;
  hasSigningCertificateAttribute: boolean;
  timestampTokensDer: Uint8Array[];
};

function findSignerCertificate(signerInfo: pkijs.SignerInfo, candidatesDer: Uint8Array[]): Uint8Array | undefined {
  const sid = signerInfo.sid as unknown;
  for (const candidate of candidatesDer) {
    let certificate: pkijs.Certificate;
    try {
      certificate = loadCertificate(candidate);
    } catch {
      continue;
    }
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      if (certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber)) return candidate;
    } else if (sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive) {
      // [0] SubjectKeyIdentifier: compare with the certificate's subjectKeyIdentifier extension (RFC 5652 5.3).
      const keyId = sid.idBlock.isConstructed
        ? ((sid.valueBlock as { value?: asn1js.OctetString[] }).value?.[0]?.valueBlock.valueHexView ?? new Uint8Array())
        : (sid.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView;
      const extension = certificate.extensions?.find((item) => item.extnID === OID.subjectKeyIdentifier);
      const ski = extension?.parsedValue;
      if (ski instanceof asn1js.OctetString && isEqualBytes(toBytes(ski.valueBlock.valueHexView), toBytes(keyId))) return candidate;
    }
  }
  return undefined;
}

/**
 * Digest, signature and signing-certificate binding of the one signer; chain and time are the caller's (they
 * differ between a document signature and a time-stamp token).
 */
export async function checkSigner(
  loaded: LoadedSignedData,
  options: { content?: Uint8Array; extraCertificatesDer?: Uint8Array[]; isSigningCertificateAttributeRequired?: boolean },
): Promise<SignerCheck> {
  const { signerInfo } = loaded;
  const unsignedTokens = (signerInfo.unsignedAttrs?.attributes ?? [])
    .filter((attribute) => attribute.type === CMS_OID.signatureTimeStampToken)
    .flatMap((attribute) => attribute.values.map((value: AsnNode) => toBytes(value.valueBeforeDecodeView)));
  const result: SignerCheck = { hasSigningCertificateAttribute: false, timestampTokensDer: unsignedTokens };
  const fail = (problem: PkiErrorCode, detail: string): SignerCheck => ({ ...result, problem, detail });

  const attributes = signerInfo.signedAttrs?.attributes;
  if (!attributes?.length) return fail("UNSUPPORTED", "Signatures without signed attributes are not accepted");
  const contentType = singleAttribute(attributes, CMS_OID.contentType);
  const messageDigest = singleAttribute(attributes, CMS_OID.messageDigest);
  const signingTime = singleAttribute(attributes, CMS_OID.signingTime);
  if (!contentType || !messageDigest) return fail("MALFORMED", "contentType and messageDigest are required signed attributes");
  const contentTypeValue = contentType.values[0] as unknown;
  if (!(contentTypeValue instanceof asn1js.ObjectIdentifier) || contentTypeValue.valueBlock.toString() !== loaded.eContentType) {
    return fail("MALFORMED", "The contentType attribute does not match the content");
  }
  if (signingTime) {
    const value = signingTime.values[0] as unknown;
    if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) result.signingTime = value.toDate();
    else return fail("MALFORMED", "signingTime is not a time");
  }

  const content = loaded.eContent ?? options.content;
  if (!content) return fail("MALFORMED", "Detached signature checked without its content");
  if (loaded.eContent && options.content && !isEqualBytes(loaded.eContent, options.content)) {
    return fail("DIGEST_MISMATCH", "The content given differs from the content inside the signature");
  }
  const digestAlgorithmOid = signerInfo.digestAlgorithm.algorithmId;
  const hash = hashNameOf(digestAlgorithmOid);
  const expectedDigest = messageDigest.values[0] as unknown;
  if (!(expectedDigest instanceof asn1js.OctetString)) return fail("MALFORMED", "messageDigest is not an OCTET STRING");
  if (!isEqualBytes(toBytes(expectedDigest.valueBlock.valueHexView), await digestOf(hash, content))) {
    return fail("DIGEST_MISMATCH", "The content does not match the signed digest");
  }

  const signerCertificateDer = findSignerCertificate(signerInfo, [...loaded.certificatesDer, ...(options.extraCertificatesDer ?? [])]);
  if (!signerCertificateDer) return fail("UNTRUSTED", "The signer certificate is neither in the signature nor given");
  result.signerCertificateDer = signerCertificateDer;

  const signedAttributesDer = toBytes(signerInfo.signedAttrs?.encodedValue ?? new ArrayBuffer(0));
  const signatureAlgorithmDer = toBytes(signerInfo.signatureAlgorithm.toSchema().toBER(false));
  const certificate = loadCertificate(signerCertificateDer);
  if (!(await isSignatureCorrect(signedAttributesDer, loaded.signatureValue, certificate, digestAlgorithmOid, signatureAlgorithmDer))) {
    return fail("BAD_SIGNATURE", "The signature does not verify with the signer certificate's key");
  }

  const match = await matchSigningCertificate(signerInfo, signerCertificateDer);
  result.hasSigningCertificateAttribute = match.isPresent;
  if (match.problem) return fail(match.problem, match.detail ?? "signing-certificate mismatch");
  if (!match.isPresent && options.isSigningCertificateAttributeRequired) return fail("BAD_SIGNATURE", "No signing-certificate attribute binds the signer certificate");
  return result;
}

export type VerifySignedDataOptions = {
  signedDataDer: Uint8Array;
  /** The detached content (may be left out when the content is inside). */
  content?: Uint8Array;
  trustedRootsDer: Uint8Array[];
  intermediatesDer?: Uint8Array[];
  crlsDer?: Uint8Array[];
  /** The time to check at when the signature carries no time-stamp (default: its signingTime, else now). */
  at?: Date;
  /** Refuse signatures without signingCertificate(V2); off by default so CMS from plain `openssl cms -sign` verifies. */
  isSigningCertificateAttributeRequired?: boolean;
  /** An extended key usage the signer certificate must have (none by default). */
  requiredExtendedKeyUsage?: string;
};

export type SignedDataVerification = {
  isValid: boolean;
  problem?: PkiErrorCode;
  /** Why, in words, for logs and support (not for end users). */
  detail?: string;
  signer?: CertificateInfo;
  signingTime?: Date;
  /** The time chain, validity and revocation were checked at. */
  checkedAt?: Date;
  revokedAt?: Date;
  hasSigningCertificateAttribute?: boolean;
  timestamp?: { genTime: Date; tsa: CertificateInfo; serialNumberHex: string };
};

/**
 * Verifies a CMS signature: digest, signature (both pkijs failure modes), the signing-certificate binding, the
 * time-stamp if any, and the signer's chain, validity and revocation at the time-stamp's genTime (a time a third
 * party vouches for), else `at`, else the signer's own signingTime, else now. Never throws for bad input: the
 * problem comes back as a code.
 */
export async function verifySignedData(options: VerifySignedDataOptions): Promise<SignedDataVerification> {
  try {
    return await verifySignedDataOrThrow(options);
  } catch (error) {
    if (error instanceof PkiError) return { isValid: false, problem: error.code, detail: error.message };
    return { isValid: false, problem: "MALFORMED", detail: error instanceof Error ? error.message : String(error) };
  }
}

async function verifySignedDataOrThrow(options: VerifySignedDataOptions): Promise<SignedDataVerification> {
  const loaded = loadSignedData(options.signedDataDer);
  const check = await checkSigner(loaded, {
    ...(options.content ? { content: options.content } : {}),
    ...(options.intermediatesDer ? { extraCertificatesDer: options.intermediatesDer } : {}),
    ...(options.isSigningCertificateAttributeRequired ? { isSigningCertificateAttributeRequired: true } : {}),
  });
  const signer = check.signerCertificateDer ? await parseCertificate(check.signerCertificateDer) : undefined;
  const base: SignedDataVerification = {
    isValid: false,
    ...(signer ? { signer } : {}),
    ...(check.signingTime ? { signingTime: check.signingTime } : {}),
    hasSigningCertificateAttribute: check.hasSigningCertificateAttribute,
  };
  if (check.problem || !signer || !check.signerCertificateDer) return { ...base, problem: check.problem ?? "MALFORMED", ...(check.detail ? { detail: check.detail } : {}) };

  let timestamp: SignedDataVerification["timestamp"];
  for (const tokenDer of check.timestampTokensDer) {
    const stamped = await verifyTimestampToken({
      tokenDer,
      data: loaded.signatureValue,
      trustedRootsDer: options.trustedRootsDer,
      ...(options.intermediatesDer ? { intermediatesDer: options.intermediatesDer } : {}),
      ...(options.crlsDer ? { crlsDer: options.crlsDer } : {}),
    });
    if (!stamped.isValid) return { ...base, problem: stamped.problem, detail: `Time-stamp: ${stamped.detail ?? stamped.problem}` };
    // Several tokens: the earliest is the strongest claim of when the signature existed.
    if (!timestamp || stamped.genTime < timestamp.genTime) timestamp = { genTime: stamped.genTime, tsa: stamped.tsa, serialNumberHex: stamped.serialNumberHex };
  }

  const checkedAt = timestamp?.genTime ?? options.at ?? check.signingTime ?? new Date();
  const withTime = { ...base, checkedAt, ...(timestamp ? { timestamp } : {}) };

  // A key usage extension that allows neither digitalSignature nor nonRepudiation forbids document signatures.
  if (signer.keyUsage.length > 0 && !signer.keyUsage.includes("digitalSignature") && !signer.keyUsage.includes("nonRepudiation")) {
    return { ...withTime, problem: "WRONG_KEY_USAGE", detail: "The signer certificate may not sign documents" };
  }

  const chain = await verifyCertificate({
    certificateDer: check.signerCertificateDer,
    intermediatesDer: [...loaded.certificatesDer.filter((der) => !isEqualBytes(der, check.signerCertificateDer as Uint8Array)), ...(options.intermediatesDer ?? [])],
    trustedRootsDer: options.trustedRootsDer,
    at: checkedAt,
    crlsDer: [...loaded.crlsDer, ...(options.crlsDer ?? [])],
    ...(options.requiredExtendedKeyUsage ? { requiredExtendedKeyUsage: options.requiredExtendedKeyUsage } : {}),
  });
  if (!chain.isValid) {
    return {
      ...withTime,
      problem: chain.problem ?? "UNTRUSTED",
      detail: `Signer certificate ${signer.subjectDn} (serial ${signer.serialNumberHex}): ${chain.problem ?? "not valid"} at ${checkedAt.toISOString()}`,
      ...(chain.revokedAt ? { revokedAt: chain.revokedAt } : {}),
    };
  }
  return { ...withTime, isValid: true };
}

