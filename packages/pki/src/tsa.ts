// RFC 3161 time-stamping, both sides: the client (request, read and verify the answer) and the platform's
// authority (answer a request with a token signed by the TSA certificate). A token is a CMS SignedData over a
// TSTInfo, so signing and checking reuse cms.ts; what is specific here is the TSTInfo and the response envelope.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { EKU, parseCertificate, serialHexOf, serialIntegerOf, type CertificateInfo } from "./certificate.ts";
import { verifyCertificate } from "./chain.ts";
import {
  CMS_OID,
  checkSigner,
  childrenOf,
  createSignedData,
  digestOf,
  encodeGeneralizedTime,
  encodeOctetString,
  encodeOid,
  encodeSequence,
  encodeSmallInteger,
  encodeTlv,
  encodeUnsignedInteger,
  hashNameOf,
  loadSignedData,
  parseDer,
  rawOf,
} from "./cms.ts";
import { isEqualBytes, randomBytes, toArrayBuffer, toBytes } from "./encoding.ts";
import { PkiError, type PkiErrorCode } from "./errors.ts";

/** PKIFailureInfo bit numbers (RFC 3161 2.4.2). */
const FAIL_INFO_BITS = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

export type TimestampFailInfo = keyof typeof FAIL_INFO_BITS;

/** A request the authority refuses, with the failInfo the rejection should carry. */
export class TimestampRequestError extends PkiError {
  readonly failInfo: TimestampFailInfo;

  constructor(code: PkiErrorCode, failInfo: TimestampFailInfo, message: string) {
    super(code, message);
    this.name = "TimestampRequestError";
    this.failInfo = failInfo;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Client: request

export type CreateTimestampRequestOptions = {
  /** The data to stamp (hashed here with SHA-256)… */
  data?: Uint8Array;
  /** …or its SHA-256 digest. */
  digest?: Uint8Array;
  /** Default: 64 random bits. null sends no nonce. */
  nonce?: bigint | Uint8Array | null;
  /** Ask for the TSA certificate in the token (default true: the verifier then needs nothing else). */
  isCertRequested?: boolean;
  policyOid?: string;
};

export async function createTimestampRequest(options: CreateTimestampRequestOptions): Promise<Uint8Array> {
  if ((options.data === undefined) === (options.digest === undefined)) throw new TypeError("Give either data or digest");
  const digest = options.digest ?? (await digestOf("SHA-256", options.data as Uint8Array));
  if (digest.length !== 32) throw new PkiError("UNSUPPORTED", "The digest must be SHA-256 (32 bytes)");
  const nonce =
    options.nonce === null
      ? undefined
      : typeof options.nonce === "bigint"
        ? toBytes(asn1js.Integer.fromBigInt(options.nonce).toBER(false))
        : encodeUnsignedInteger(options.nonce ?? randomBytes(8));
  return encodeSequence(
    encodeSmallInteger(1),
    encodeSequence(encodeSequence(encodeOid(CMS_OID.sha256)), encodeOctetString(digest)),
    ...(options.policyOid ? [encodeOid(options.policyOid)] : []),
    ...(nonce ? [nonce] : []),
    // certReq is DEFAULT FALSE: DER writes it only when true.
    ...(options.isCertRequested === false ? [] : [encodeTlv(0x01, new Uint8Array([0xff]))]),
  );
}

export type TimestampRequest = {
  digest: Uint8Array;
  hashAlgorithmOid: string;
  nonce?: bigint;
  isCertRequested: boolean;
  policyOid?: string;
};

/** Reads a TimeStampReq. MALFORMED for garbage, UNSUPPORTED for anything but SHA-256 or for extensions. */
export function parseTimestampRequest(der: Uint8Array): TimestampRequest {
  let request: pkijs.TimeStampReq;
  try {
    parseDer(der, "Time-stamp request");
    request = pkijs.TimeStampReq.fromBER(toArrayBuffer(der));
  } catch (error) {
    throw new TimestampRequestError("MALFORMED", "badDataFormat", `Not a time-stamp request${error instanceof Error ? `: ${error.message}` : ""}`);
  }
  if (request.version !== 1) throw new TimestampRequestError("MALFORMED", "badDataFormat", `Unknown request version ${request.version}`);
  const hashAlgorithmOid = request.messageImprint.hashAlgorithm.algorithmId;
  const digest = toBytes(request.messageImprint.hashedMessage.valueBlock.valueHexView);
  // SHA-256 only: a SHA-1 imprint would let a collision move the token to other data.
  if (hashAlgorithmOid !== CMS_OID.sha256) throw new TimestampRequestError("UNSUPPORTED", "badAlg", `Digest algorithm ${hashAlgorithmOid} is not accepted; use SHA-256`);
  if (digest.length !== 32) throw new TimestampRequestError("MALFORMED", "badDataFormat", "The imprint is not 32 bytes long");
  if (request.extensions?.length) throw new TimestampRequestError("UNSUPPORTED", "unacceptedExtension", "Request extensions are not supported");
  return {
    digest,
    hashAlgorithmOid,
    ...(request.nonce ? { nonce: request.nonce.toBigInt() } : {}),
    isCertRequested: request.certReq === true,
    ...(request.reqPolicy ? { policyOid: request.reqPolicy } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Authority: response

export type CreateTimestampResponseOptions = {
  requestDer: Uint8Array;
  tsaCertificateDer: Uint8Array;
  tsaPrivateKey: CryptoKey;
  /** Sent along with the TSA certificate when the request asks for certificates (e.g. the issuing CA). */
  certificatesDer?: Uint8Array[];
  genTime: Date;
  serialNumberHex: string;
  policyOid: string;
  /** How far genTime may be off (default 1 second). */
  accuracySeconds?: number;
};

/**
 * A granted TimeStampResp. Throws TimestampRequestError for a request to refuse (see answerTimestampRequest,
 * which turns that into a rejection response).
 */
export async function createTimestampResponse(options: CreateTimestampResponseOptions): Promise<Uint8Array> {
  const request = parseTimestampRequest(options.requestDer);
  if (request.policyOid && request.policyOid !== options.policyOid) {
    throw new TimestampRequestError("UNSUPPORTED", "unacceptedPolicy", `Policy ${request.policyOid} is not offered`);
  }
  const tsa = await parseCertificate(options.tsaCertificateDer);
  // RFC 3161 2.3: the TSA certificate has id-kp-timeStamping as its only extended key usage, marked critical.
  if (!tsa.isExtendedKeyUsageCritical || tsa.extendedKeyUsage.length !== 1 || tsa.extendedKeyUsage[0] !== EKU.timeStamping) {
    throw new PkiError("WRONG_KEY_USAGE", "The TSA certificate needs a critical extended key usage of timeStamping only");
  }

  // The imprint and nonce go back as the exact bytes received (RFC 3161 2.4.2: "MUST have the same value").
  const fields = childrenOf(parseDer(options.requestDer, "Time-stamp request"), "TimeStampReq");
  const imprint = fields[1];
  const nonce = fields.find((field) => field.idBlock.tagClass === 1 && field.idBlock.tagNumber === 2 && field !== fields[0]);
  if (!imprint) throw new TimestampRequestError("MALFORMED", "badDataFormat", "The request has no imprint");
  const tsaName = subjectNameOf(options.tsaCertificateDer);
  const tstInfo = encodeSequence(
    encodeSmallInteger(1),
    encodeOid(options.policyOid),
    rawOf(imprint),
    toBytes(serialIntegerOf(options.serialNumberHex).toBER(false)),
    encodeGeneralizedTime(options.genTime, true),
    encodeSequence(encodeSmallInteger(options.accuracySeconds ?? 1)),
    // ordering is DEFAULT FALSE, so DER leaves it out.
    ...(nonce ? [rawOf(nonce)] : []),
    // tsa [0] GeneralName (explicit: GeneralName is a CHOICE), the directoryName of our certificate.
    encodeTlv(0xa0, encodeTlv(0xa4, tsaName)),
  );
  const token = await createSignedData({
    content: tstInfo,
    isDetached: false,
    contentTypeOid: CMS_OID.tstInfo,
    signerCertificateDer: options.tsaCertificateDer,
    certificatesDer: request.isCertRequested ? (options.certificatesDer ?? []) : [],
    isSignerCertificateIncluded: request.isCertRequested,
    privateKey: options.tsaPrivateKey,
    signingTime: options.genTime,
  });
  return encodeSequence(encodeSequence(encodeSmallInteger(0)), token);
}

function subjectNameOf(certificateDer: Uint8Array): Uint8Array {
  const [tbs] = childrenOf(parseDer(certificateDer, "Certificate"), "Certificate");
  const tbsFields = tbs ? childrenOf(tbs, "tbsCertificate") : [];
  const offset = tbsFields[0]?.idBlock.tagClass === 3 ? 1 : 0;
  const subject = tbsFields[offset + 4];
  if (!subject) throw new PkiError("MALFORMED", "Certificate has no subject");
  return rawOf(subject);
}

/** BIT STRING with one named bit set, in DER form (trailing zero bits dropped, X.690 11.2.2). */
function encodeNamedBit(bit: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1);
  bytes[bytes.length - 1] = 0x80 >> bit % 8;
  return encodeTlv(0x03, new Uint8Array([7 - (bit % 8)]), bytes);
}

/** A TimeStampResp refusing the request: status rejection, the failInfo bit, and an optional text. */
export function createRejection(status: "rejection", failInfo: TimestampFailInfo, statusText?: string): Uint8Array {
  const statusInfo = encodeSequence(
    encodeSmallInteger(2), // the only status a refusal has here: rejection
    ...(statusText ? [encodeSequence(encodeTlv(0x0c, new TextEncoder().encode(statusText)))] : []),
    encodeNamedBit(FAIL_INFO_BITS[failInfo]),
  );
  return encodeSequence(statusInfo);
}

export type TimestampAnswer = { responseDer: Uint8Array; isGranted: boolean; problem?: PkiErrorCode; detail?: string };

/**
 * What the TSA endpoint sends for any body: a granted response, or a rejection saying why (RFC 3161 wants a
 * TimeStampResp even for garbage). Errors that are not about the request (e.g. a broken TSA key) still throw.
 */
export async function answerTimestampRequest(options: CreateTimestampResponseOptions): Promise<TimestampAnswer> {
  try {
    return { responseDer: await createTimestampResponse(options), isGranted: true };
  } catch (error) {
    if (!(error instanceof TimestampRequestError)) throw error;
    return { responseDer: createRejection("rejection", error.failInfo, error.message), isGranted: false, problem: error.code, detail: error.message };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Client: reading and verifying the answer

type TstInfoFields = { genTime: Date; serialNumberHex: string; digest: Uint8Array; hashAlgorithmOid: string; policyOid: string; nonce?: bigint };

function readTstInfo(tokenDer: Uint8Array): TstInfoFields {
  const loaded = loadSignedData(tokenDer);
  if (loaded.eContentType !== CMS_OID.tstInfo || !loaded.eContent) throw new PkiError("MALFORMED", "The token does not hold a TSTInfo");
  let tstInfo: pkijs.TSTInfo;
  try {
    parseDer(loaded.eContent, "TSTInfo");
    tstInfo = pkijs.TSTInfo.fromBER(toArrayBuffer(loaded.eContent));
  } catch (error) {
    if (error instanceof PkiError) throw error;
    throw new PkiError("MALFORMED", "TSTInfo could not be parsed", { cause: error });
  }
  return {
    genTime: tstInfo.genTime,
    serialNumberHex: serialHexOf(tstInfo.serialNumber),
    digest: toBytes(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
    hashAlgorithmOid: tstInfo.messageImprint.hashAlgorithm.algorithmId,
    policyOid: tstInfo.policy,
    ...(tstInfo.nonce ? { nonce: tstInfo.nonce.toBigInt() } : {}),
  };
}

export type TimestampResponse = {
  isGranted: boolean;
  /** PKIStatus: 0 granted, 1 grantedWithMods, 2 rejection, 3 waiting, 4 revocationWarning, 5 revocationNotification. */
  status: number;
  statusText?: string;
  failInfo: TimestampFailInfo[];
  tokenDer?: Uint8Array;
  genTime?: Date;
  serialNumberHex?: string;
  digest?: Uint8Array;
  hashAlgorithmOid?: string;
  policyOid?: string;
  nonce?: bigint;
};

/** Reads a TimeStampResp (does not verify the token: see verifyTimestampToken). MALFORMED for garbage. */
export async function parseTimestampResponse(der: Uint8Array): Promise<TimestampResponse> {
  const [statusInfo, token] = childrenOf(parseDer(der, "Time-stamp response"), "TimeStampResp");
  if (!statusInfo) throw new PkiError("MALFORMED", "The response has no status");
  const [statusNode, ...rest] = childrenOf(statusInfo, "PKIStatusInfo");
  if (!(statusNode instanceof asn1js.Integer)) throw new PkiError("MALFORMED", "The response status is not an INTEGER");
  const status = statusNode.valueBlock.valueDec;
  const texts = rest.find((node) => node instanceof asn1js.Sequence);
  const statusText = texts
    ? childrenOf(texts, "PKIFreeText")
        .map((node) => (node instanceof asn1js.Utf8String ? node.valueBlock.value : ""))
        .join("\n")
    : undefined;
  const bits = rest.find((node) => node instanceof asn1js.BitString);
  const failInfo: TimestampFailInfo[] = [];
  if (bits instanceof asn1js.BitString) {
    const bytes = bits.valueBlock.valueHexView;
    for (const [name, bit] of Object.entries(FAIL_INFO_BITS)) {
      if ((((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) === 1) failInfo.push(name as TimestampFailInfo);
    }
  }
  const isGranted = (status === 0 || status === 1) && token !== undefined;
  const result: TimestampResponse = { isGranted, status, failInfo, ...(statusText ? { statusText } : {}) };
  if (!token) return result;
  const tokenDer = rawOf(token);
  return { ...result, tokenDer, ...readTstInfo(tokenDer) };
}

export type VerifyTimestampTokenOptions = {
  tokenDer: Uint8Array;
  /** What was stamped (for a CAdES-T signature: its signature value)… */
  data?: Uint8Array;
  /** …or its digest, in the token's hash algorithm. */
  digest?: Uint8Array;
  trustedRootsDer: Uint8Array[];
  /** Needed when the token carries no certificates (requests without certReq). */
  intermediatesDer?: Uint8Array[];
  crlsDer?: Uint8Array[];
  /** When to check the TSA's chain (default genTime: a token stays good after its TSA certificate expires). */
  at?: Date;
};

export type TimestampVerification =
  | { isValid: true; genTime: Date; tsa: CertificateInfo; serialNumberHex: string; policyOid: string; nonce?: bigint; problem?: undefined; detail?: undefined }
  | { isValid: false; problem: PkiErrorCode; detail?: string; genTime?: Date; tsa?: CertificateInfo; serialNumberHex?: string };

/** Checks a time-stamp token: imprint over the data, the TSA's signature and certificate binding, its chain. */
export async function verifyTimestampToken(options: VerifyTimestampTokenOptions): Promise<TimestampVerification> {
  if ((options.data === undefined) === (options.digest === undefined)) throw new TypeError("Give either data or digest");
  let known: { genTime?: Date; tsa?: CertificateInfo; serialNumberHex?: string } = {};
  try {
    const loaded = loadSignedData(options.tokenDer);
    const tst = readTstInfo(options.tokenDer);
    known = { genTime: tst.genTime, serialNumberHex: tst.serialNumberHex };
    const fail = (problem: PkiErrorCode, detail: string): TimestampVerification => ({ isValid: false, problem, detail, ...known });

    const hash = hashNameOf(tst.hashAlgorithmOid);
    const expected = options.digest ?? (await digestOf(hash, options.data as Uint8Array));
    if (!isEqualBytes(expected, tst.digest)) return fail("DIGEST_MISMATCH", "The token was issued for other data");

    const check = await checkSigner(loaded, {
      ...(options.intermediatesDer ? { extraCertificatesDer: options.intermediatesDer } : {}),
      // RFC 3161 2.4.1: a token must bind the TSA certificate with signingCertificate(V2).
      isSigningCertificateAttributeRequired: true,
    });
    if (check.signerCertificateDer) known.tsa = await parseCertificate(check.signerCertificateDer);
    if (check.problem || !check.signerCertificateDer || !known.tsa) return fail(check.problem ?? "MALFORMED", check.detail ?? "The token's signer could not be checked");

    if (!known.tsa.isExtendedKeyUsageCritical || !known.tsa.extendedKeyUsage.includes(EKU.timeStamping)) {
      return fail("WRONG_KEY_USAGE", "The token's signer is not a time-stamping certificate (critical extended key usage timeStamping)");
    }
    const signerDer = check.signerCertificateDer;
    const chain = await verifyCertificate({
      certificateDer: signerDer,
      intermediatesDer: [...loaded.certificatesDer.filter((der) => !isEqualBytes(der, signerDer)), ...(options.intermediatesDer ?? [])],
      trustedRootsDer: options.trustedRootsDer,
      at: options.at ?? tst.genTime,
      crlsDer: [...loaded.crlsDer, ...(options.crlsDer ?? [])],
      requiredExtendedKeyUsage: EKU.timeStamping,
    });
    if (!chain.isValid) return fail(chain.problem ?? "UNTRUSTED", `TSA certificate ${known.tsa.subjectDn}: ${chain.problem ?? "not valid"}`);
    return {
      isValid: true,
      genTime: tst.genTime,
      tsa: known.tsa,
      serialNumberHex: tst.serialNumberHex,
      policyOid: tst.policyOid,
      ...(tst.nonce === undefined ? {} : { nonce: tst.nonce }),
    };
  } catch (error) {
    const problem = error instanceof PkiError ? error.code : "MALFORMED";
    return { isValid: false, problem, detail: error instanceof Error ? error.message : String(error), ...known };
  }
}
