// PAdES signatures in PDF (ETSI EN 319 142, /SubFilter /ETSI.CAdES.detached): preparing a signature field as an
// incremental update, signing its byte range in the browser or in Node, embedding the CMS, and reading back and
// verifying every signature of a file. Used by the web app (signing), the API (verification) and the seed.
//
// Browser and Node alike (WebCrypto, pdf-lib, pkijs; no Buffer). The PDF plumbing is in pdf-file.ts (reading the
// way viewers do), pdf-incremental-update.ts (appending) and pdf-modification.ts (what changed after a signature).
import * as asn1js from "asn1js";
import { PDFDict, PDFName, PDFNumber, PDFRef, type PDFObject } from "pdf-lib";
import type { PdfSignatureProblem } from "@pwp/shared/pdf-verification";
import { parseCertificate, type CertificateInfo } from "./certificate.ts";
import { verifyCertificate } from "./chain.ts";
import {
  addSignatureTimestamp,
  assembleSignedData,
  checkSigner,
  createSignedAttributes,
  loadSignedData,
  matchSigningCertificate,
  signSignedAttributes,
  type LoadedSignedData,
} from "./cms.ts";
import { concatBytes, isEqualBytes, sha256, toArrayBuffer, toHex } from "./encoding.ts";
import { PkiError, type PkiErrorCode } from "./errors.ts";
import { appendIncrementalUpdate, type UpdateObject } from "./pdf-incremental-update.ts";
import { findModifications } from "./pdf-modification.ts";
import { PdfFile, bytesOf, encodePdfDate, encodeTextString, latin1, malformed, parsePdfDate, serializeObject, textOf, textStringObject } from "./pdf-file.ts";
import { verifyTimestampToken } from "./tsa.ts";

export type PdfSignatureFieldOptions = {
  /** /T of the new signature field, e.g. "ContractorSignature"; must not exist yet. */
  fieldName: string;
  /** /Name, /Reason, /Location, /ContactInfo of the signature dictionary. */
  signerName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** /M: the time the signer's software claims (not trusted; the time-stamp is). Default: now. */
  claimedSigningTime?: Date;
  /** Bytes reserved for the CMS in /Contents (default DEFAULT_CONTENTS_SIZE). */
  contentsSize?: number;
};

export type PreparedPdfSignature = {
  /** The base PDF followed by one incremental update holding the field and a zero-filled /Contents. */
  pdf: Uint8Array;
  byteRange: [number, number, number, number];
};

export type PadesSigner = {
  privateKey: CryptoKey;
  certificateDer: Uint8Array;
  /** Intermediates to carry in the CMS. */
  chainDer?: Uint8Array[];
  /** Returns an RFC 3161 TimeStampToken over the signature value (B-T); left out for B-B. */
  requestTimestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
};

export type ExtractedPdfSignature = {
  fieldName: string;
  subFilter: string;
  byteRange: [number, number, number, number];
  contentsDer: Uint8Array;
  claimedSigningTime: Date | null;
  signerName: string | null;
  reason: string | null;
  /** byteRange[2] + byteRange[3]: the end of the revision this signature covers. */
  revisionLength: number;
};

export type PdfTrust = {
  trustedRootsDer: Uint8Array[];
  intermediatesDer?: Uint8Array[];
  crlsDer?: Uint8Array[];
  /** Roots a time-stamp authority must chain to; defaults to trustedRootsDer. */
  timestampRootsDer?: Uint8Array[];
  /** Validity is judged at the time-stamp's genTime, or at this time (default now) without one. */
  now?: Date;
};

export type VerifiedCertificate = {
  der: Uint8Array;
  subjectDn: string;
  issuerDn: string;
  serialNumberHex: string;
  fingerprintSha256Hex: string;
  notBefore: Date;
  notAfter: Date;
};

export type VerifiedPdfSignature = ExtractedPdfSignature & {
  signer: VerifiedCertificate | null;
  chain: VerifiedCertificate[];
  timestamp: { genTime: Date; authority: string; serialNumberHex: string; isValid: boolean } | null;
  coversWholeDocument: boolean;
  isValid: boolean;
  problems: PdfSignatureProblem[];
  /** Why, in English, one line per finding: for logs and support, not for end users (they get `problems`). */
  details?: string[];
};

/**
 * 24 KiB for the CMS: an RSA-4096 signer with a two-certificate chain and an RSA time-stamp token with its own
 * chain stay under 12 KiB; the rest leaves room for CRLs a signer may embed. The PDF grows by twice this (hex).
 */
export const DEFAULT_CONTENTS_SIZE = 24 * 1024;
const MAX_CONTENTS_SIZE = 512 * 1024;
/** Room for "[0 a b c]" with three 10-digit numbers, patched in place once the offsets are known. */
const BYTE_RANGE_WIDTH = 40;
const SUPPORTED_SUB_FILTERS = new Set(["ETSI.CAdES.detached", "adbe.pkcs7.detached"]);

const name = (value: string) => PDFName.of(value);
const ascii = (text: string) => new TextEncoder().encode(text);

// ---------------------------------------------------------------------------------------------------------------
// Preparing and signing

function checkOptions(options: PdfSignatureFieldOptions): number {
  const fieldName = options.fieldName;
  // A period separates the parts of a fully qualified field name (PDF 32000 12.7.3.2): it cannot be in one part.
  if (!fieldName || fieldName.length > 120 || fieldName.includes(".") || [...fieldName].some((char) => char.charCodeAt(0) < 0x20)) {
    throw new PkiError("MALFORMED", `The signature field name "${fieldName}" is not usable: 1 to 120 characters, no periods or control characters`);
  }
  const size = options.contentsSize ?? DEFAULT_CONTENTS_SIZE;
  if (!Number.isInteger(size) || size < 1024 || size > MAX_CONTENTS_SIZE) {
    throw new PkiError("MALFORMED", `contentsSize must be an integer from 1024 to ${MAX_CONTENTS_SIZE} bytes`);
  }
  return size;
}

/** The signature dictionary's text and where, inside it, the /ByteRange placeholder and the /Contents string start. */
function signatureDictionary(options: PdfSignatureFieldOptions, contentsSize: number) {
  const head =
    "<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n" +
    // Always written (now by default): NSS (pdfsig) checks the certificate at /M and, without it, at 1970.
    `/M ${encodeTextString(encodePdfDate(options.claimedSigningTime ?? new Date()))}\n` +
    (options.signerName ? `/Name ${encodeTextString(options.signerName)}\n` : "") +
    (options.reason ? `/Reason ${encodeTextString(options.reason)}\n` : "") +
    (options.location ? `/Location ${encodeTextString(options.location)}\n` : "") +
    (options.contactInfo ? `/ContactInfo ${encodeTextString(options.contactInfo)}\n` : "") +
    "/ByteRange ";
  const byteRangeAt = head.length;
  const middle = `${"[0 0 0 0]".padEnd(BYTE_RANGE_WIDTH)}\n/Contents `;
  const contentsAt = byteRangeAt + middle.length;
  const text = `${head}${middle}<${"0".repeat(contentsSize * 2)}>\n>>`;
  return { bytes: ascii(text), byteRangeAt, contentsAt };
}

/**
 * The base PDF plus one incremental update: a signature dictionary with a zero-filled /Contents, an invisible
 * signature field merged with its widget on the last page, that page's /Annots and the catalog's /AcroForm
 * (/SigFlags 3). The base bytes are kept as they are, so earlier signatures stay valid.
 */
export async function preparePdfSignature(basePdf: Uint8Array, options: PdfSignatureFieldOptions): Promise<PreparedPdfSignature> {
  const contentsSize = checkOptions(options);
  const file = PdfFile.open(basePdf);
  if (file.trailer.get(name("Encrypt"))) throw new PkiError("UNSUPPORTED", "Encrypted PDFs cannot be signed here");
  if (file.fields().some((field) => field.fullName === options.fieldName)) {
    throw new PkiError("FIELD_EXISTS", `The PDF already has a field named "${options.fieldName}"`);
  }
  const lastPage = file.pageRefs().at(-1);
  if (!lastPage || !file.dict(lastPage)) throw malformed("The PDF has no pages");
  const { context } = file;

  const firstNumber = file.nextObjectNumber();
  const signatureRef = PDFRef.of(firstNumber);
  const widgetRef = PDFRef.of(firstNumber + 1);
  const changed = new Map<PDFRef, PDFObject>();

  // The catalog's /AcroForm (direct or indirect) and its /Fields (direct or indirect), existing fields kept.
  const catalogRef = file.rootRef();
  const catalog = file.catalog();
  const acroFormValue = catalog.get(name("AcroForm"));
  let acroForm = file.dict(acroFormValue);
  if (acroFormValue instanceof PDFRef && acroForm) changed.set(acroFormValue, acroForm);
  else {
    acroForm ??= PDFDict.withContext(context);
    catalog.set(name("AcroForm"), acroForm);
    changed.set(catalogRef, catalog);
  }
  const fieldsValue = acroForm.get(name("Fields"));
  const fields = file.array(fieldsValue);
  if (fieldsValue instanceof PDFRef && fields) {
    fields.push(widgetRef);
    changed.set(fieldsValue, fields);
  } else if (fields) fields.push(widgetRef);
  else acroForm.set(name("Fields"), context.obj([widgetRef]));
  const sigFlags = acroForm.lookup(name("SigFlags"));
  // 1 SignaturesExist, 2 AppendOnly: viewers then save incrementally instead of rewriting (and breaking) the file.
  acroForm.set(name("SigFlags"), PDFNumber.of((sigFlags instanceof PDFNumber ? sigFlags.asNumber() : 0) | 3));

  // The widget goes to the last page's /Annots (direct or indirect array), existing annotations kept.
  const page = file.dict(lastPage) as PDFDict;
  const annotsValue = page.get(name("Annots"));
  const annots = file.array(annotsValue);
  if (annotsValue instanceof PDFRef && annots) {
    annots.push(widgetRef);
    changed.set(annotsValue, annots);
  } else {
    if (annots) annots.push(widgetRef);
    else page.set(name("Annots"), context.obj([widgetRef]));
    changed.set(lastPage, page);
  }

  // An invisible signature: zero rectangle, flags Print (4) + Locked (128).
  const widget = context.obj({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    T: textStringObject(options.fieldName),
    V: signatureRef,
    Rect: [0, 0, 0, 0],
    F: 132,
    P: lastPage,
  });

  const dictionary = signatureDictionary(options, contentsSize);
  const objects: UpdateObject[] = [
    { ref: signatureRef, body: dictionary.bytes },
    { ref: widgetRef, body: serializeObject(widget) },
    ...[...changed].map(([ref, object]) => ({ ref, body: serializeObject(object) })),
  ];
  const { pdf, bodyOffsets } = appendIncrementalUpdate(basePdf, file, objects);

  const signatureAt = bodyOffsets.get(signatureRef.objectNumber) as number;
  const contentsStart = signatureAt + dictionary.contentsAt;
  const contentsEnd = contentsStart + contentsSize * 2 + 2;
  const byteRange: [number, number, number, number] = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];
  pdf.set(ascii(`[0 ${byteRange[1]} ${byteRange[2]} ${byteRange[3]}]`.padEnd(BYTE_RANGE_WIDTH)), signatureAt + dictionary.byteRangeAt);
  return { pdf, byteRange };
}

function checkByteRange(pdf: Uint8Array, byteRange: readonly number[]): void {
  const [start, firstLength, secondStart, secondLength] = byteRange as [number, number, number, number];
  const isSane =
    byteRange.length === 4 &&
    byteRange.every((value) => Number.isSafeInteger(value) && value >= 0) &&
    start === 0 &&
    firstLength > 0 &&
    secondStart > firstLength + 1 &&
    secondStart + secondLength <= pdf.length;
  if (!isSane) throw malformed("The signature's /ByteRange does not describe the file");
}

/** The bytes the signature covers: everything in the revision except the /Contents hex string. */
export function bytesToSign(prepared: PreparedPdfSignature): Uint8Array {
  const { pdf, byteRange } = prepared;
  checkByteRange(pdf, byteRange);
  return concatBytes(pdf.subarray(0, byteRange[1]), pdf.subarray(byteRange[2], byteRange[2] + byteRange[3]));
}

/** The PDF with the CMS hex-encoded into the reserved /Contents (zero padded). The prepared PDF is not changed. */
export function embedSignature(prepared: PreparedPdfSignature, cmsDer: Uint8Array): Uint8Array {
  const { byteRange } = prepared;
  checkByteRange(prepared.pdf, byteRange);
  const contentsSize = (byteRange[2] - byteRange[1] - 2) / 2;
  if (cmsDer.length > contentsSize) {
    throw new PkiError("UNSUPPORTED", `The signature is ${cmsDer.length} bytes but only ${contentsSize} were reserved: prepare the PDF with a larger contentsSize`);
  }
  if (prepared.pdf[byteRange[1]] !== 0x3c || prepared.pdf[byteRange[2] - 1] !== 0x3e) throw malformed("The /ByteRange gap is not the /Contents string");
  const pdf = new Uint8Array(prepared.pdf);
  pdf.set(ascii(toHex(cmsDer).toUpperCase()), byteRange[1] + 1);
  return pdf;
}

/**
 * Prepares, signs (CAdES: contentType, messageDigest, signing-certificate-v2; no signingTime, PAdES puts the time
 * in /M and the time-stamp), time-stamps the signature value when a TSA is given (PAdES B-T) and embeds.
 */
export async function signPdf(basePdf: Uint8Array, options: PdfSignatureFieldOptions & PadesSigner): Promise<Uint8Array> {
  const prepared = await preparePdfSignature(basePdf, options);
  const signedAttributesDer = await createSignedAttributes({
    contentDigest: await sha256(bytesToSign(prepared)),
    signerCertificateDer: options.certificateDer,
    signingTime: null,
  });
  const signatureValue = await signSignedAttributes(signedAttributesDer, options.privateKey);
  let cms = assembleSignedData({
    signedAttributesDer,
    signatureValue,
    signerCertificateDer: options.certificateDer,
    ...(options.chainDer ? { certificatesDer: options.chainDer } : {}),
  });
  if (options.requestTimestamp) cms = addSignatureTimestamp(cms, await options.requestTimestamp(signatureValue));
  return embedSignature(prepared, cms);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

type FoundSignature = ExtractedPdfSignature & {
  /** /Contents exactly as in the dictionary (with the zero padding). */
  rawContents: Uint8Array;
  /** Why the dictionary could not be read; the other fields are then placeholders. */
  error?: string;
};

/** The DER length of the CMS at the start of /Contents (the rest is padding); BER indefinite length measured by asn1js. */
function trimToDer(contents: Uint8Array): Uint8Array {
  if (contents[0] !== 0x30) throw malformed("The signature's /Contents is not a CMS structure");
  const first = contents[1] ?? 0;
  if (first === 0x80) {
    const parsed = asn1js.fromBER(toArrayBuffer(contents));
    if (parsed.offset <= 0) throw malformed("The signature's /Contents is not a CMS structure");
    return contents.subarray(0, parsed.offset);
  }
  let length = first;
  let header = 2;
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw malformed("The signature's /Contents is not a CMS structure");
    length = 0;
    for (let index = 0; index < count; index++) length = length * 256 + (contents[2 + index] ?? 0);
    header += count;
  }
  if (header + length > contents.length) throw malformed("The signature's /Contents is shorter than the CMS it starts");
  return contents.subarray(0, header + length);
}

function readSignature(file: PdfFile, fieldName: string, value: PDFObject | undefined): FoundSignature {
  const placeholder: FoundSignature = {
    fieldName,
    subFilter: "",
    byteRange: [0, 0, 0, 0],
    contentsDer: new Uint8Array(),
    rawContents: new Uint8Array(),
    claimedSigningTime: null,
    signerName: null,
    reason: null,
    revisionLength: 0,
  };
  try {
    const dict = file.dict(value) as PDFDict;
    const subFilter = dict.lookup(name("SubFilter"));
    const byteRangeArray = file.array(dict.get(name("ByteRange")));
    const byteRange = byteRangeArray?.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : -1)) ?? [];
    if (byteRange.length !== 4 || !byteRange.every((item) => Number.isSafeInteger(item) && item >= 0)) throw malformed("The signature has no valid /ByteRange");
    const rawContents = bytesOf(file.lookup(dict.get(name("Contents"))));
    if (!rawContents) throw malformed("The signature has no /Contents string");
    return {
      fieldName,
      subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : "",
      byteRange: byteRange as [number, number, number, number],
      contentsDer: trimToDer(rawContents),
      rawContents,
      claimedSigningTime: parsePdfDate(file.lookup(dict.get(name("M")))),
      signerName: textOf(file.lookup(dict.get(name("Name")))),
      reason: textOf(file.lookup(dict.get(name("Reason")))),
      revisionLength: (byteRange[2] as number) + (byteRange[3] as number),
    };
  } catch (error) {
    return { ...placeholder, error: error instanceof Error ? error.message : String(error) };
  }
}

function findSignatures(file: PdfFile): FoundSignature[] {
  const found: FoundSignature[] = [];
  for (const field of file.fields()) {
    if (field.fieldType !== "Sig") continue;
    const value = field.dict.get(name("V"));
    if (!file.dict(value)) continue; // an empty signature field
    found.push(readSignature(file, field.fullName, value));
  }
  // In the order they were added: by the end of the revision each covers, then by where the signature sits.
  return found.sort((a, b) => a.revisionLength - b.revisionLength || a.byteRange[1] - b.byteRange[1]);
}

function openPdf(pdf: Uint8Array): PdfFile {
  try {
    return PdfFile.open(pdf);
  } catch (error) {
    if (error instanceof PkiError) throw error;
    throw malformed("The PDF cannot be read", error);
  }
}

/** Every signed signature field, in the order the signatures were added. PkiError MALFORMED when one cannot be read. */
export function extractPdfSignatures(pdf: Uint8Array): ExtractedPdfSignature[] {
  return findSignatures(openPdf(pdf)).map(({ rawContents: _raw, error, ...signature }) => {
    if (error) throw malformed(`Signature "${signature.fieldName}": ${error}`);
    return signature;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Verifying

const PROBLEM_BY_CODE: Partial<Record<PkiErrorCode, PdfSignatureProblem>> = {
  MALFORMED: "MALFORMED",
  BAD_SIGNATURE: "BAD_SIGNATURE",
  UNTRUSTED: "UNTRUSTED",
  EXPIRED: "EXPIRED",
  NOT_YET_VALID: "NOT_YET_VALID",
  REVOKED: "REVOKED",
  DIGEST_MISMATCH: "DIGEST_MISMATCH",
  UNSUPPORTED: "UNSUPPORTED",
  WRONG_KEY_USAGE: "WRONG_KEY_USAGE",
};
const problemOf = (code: PkiErrorCode | undefined): PdfSignatureProblem => (code && PROBLEM_BY_CODE[code]) ?? "MALFORMED";

function toVerifiedCertificate(info: CertificateInfo): VerifiedCertificate {
  return {
    der: info.der,
    subjectDn: info.subjectDn,
    issuerDn: info.issuerDn,
    serialNumberHex: info.serialNumberHex,
    fingerprintSha256Hex: info.fingerprintSha256Hex,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
  };
}

/** The gap between the two ranges must be exactly this signature's /Contents hex string, nothing more or less. */
function isGapTheContents(pdf: Uint8Array, signature: FoundSignature): boolean {
  const [, gapStart, gapEnd] = signature.byteRange;
  if (pdf[gapStart] !== 0x3c || pdf[gapEnd - 1] !== 0x3e) return false;
  const hex = latin1(pdf, gapStart + 1, gapEnd - 1);
  if (hex.length !== signature.rawContents.length * 2 || !/^[0-9a-fA-F]*$/.test(hex)) return false;
  return hex.toLowerCase() === toHex(signature.rawContents);
}

type Finding = { problem: PdfSignatureProblem; detail: string };

async function verifyCms(signature: FoundSignature, content: Uint8Array, trust: PdfTrust, findings: Finding[]) {
  const add = (problem: PdfSignatureProblem, detail: string) => findings.push({ problem, detail });
  let loaded: LoadedSignedData;
  try {
    loaded = loadSignedData(signature.contentsDer);
  } catch (error) {
    add(error instanceof PkiError && error.code === "UNSUPPORTED" ? "UNSUPPORTED" : "MALFORMED", error instanceof Error ? error.message : "CMS unreadable");
    return { signer: null, chain: [], timestamp: null };
  }
  // ETSI EN 319 142-1 requires the signing-certificate-v2 binding for CAdES signatures; plain PKCS#7 ones
  // (adbe.pkcs7.detached) often lack it, and it is then checked only when present.
  const isBindingRequired = signature.subFilter === "ETSI.CAdES.detached";
  const check = await checkSigner(loaded, {
    content,
    ...(trust.intermediatesDer ? { extraCertificatesDer: trust.intermediatesDer } : {}),
    isSigningCertificateAttributeRequired: isBindingRequired,
  });
  const signerDer = check.signerCertificateDer;
  if (check.problem === "BAD_SIGNATURE" && signerDer) {
    // checkSigner gives BAD_SIGNATURE for a signing-certificate attribute naming another certificate, too.
    const match = await matchSigningCertificate(loaded.signerInfo, signerDer).catch(() => ({ isPresent: true, problem: "MALFORMED" as const }));
    if (match.problem || (!match.isPresent && isBindingRequired)) add("SIGNING_CERTIFICATE_MISMATCH", check.detail ?? "signing-certificate-v2 mismatch");
    else add("BAD_SIGNATURE", check.detail ?? "bad signature");
  } else if (check.problem) add(problemOf(check.problem), check.detail ?? check.problem);

  // The time-stamp over the signature value fixes when the signature existed (PAdES B-T).
  let timestamp: VerifiedPdfSignature["timestamp"] = null;
  for (const tokenDer of check.timestampTokensDer) {
    const stamped = await verifyTimestampToken({
      tokenDer,
      data: loaded.signatureValue,
      trustedRootsDer: trust.timestampRootsDer ?? trust.trustedRootsDer,
      ...(trust.intermediatesDer ? { intermediatesDer: trust.intermediatesDer } : {}),
      ...(trust.crlsDer ? { crlsDer: trust.crlsDer } : {}),
    });
    if (!stamped.isValid) add("BAD_TIMESTAMP", `Time-stamp: ${stamped.detail ?? stamped.problem}`);
    const candidate = stamped.genTime
      ? { genTime: stamped.genTime, authority: stamped.tsa?.subjectDn ?? "", serialNumberHex: stamped.serialNumberHex ?? "", isValid: stamped.isValid }
      : null;
    // The earliest valid token is the strongest claim; an invalid one is shown only when there is no valid one.
    if (candidate && (!timestamp || (candidate.isValid && (!timestamp.isValid || candidate.genTime < timestamp.genTime)))) timestamp = candidate;
  }

  if (!signerDer) return { signer: null, chain: [], timestamp };
  const signer = await parseCertificate(signerDer);
  const at = timestamp?.isValid ? timestamp.genTime : (trust.now ?? new Date());
  if (signer.keyUsage.length > 0 && !signer.keyUsage.includes("digitalSignature") && !signer.keyUsage.includes("nonRepudiation")) {
    add("WRONG_KEY_USAGE", "The signer certificate may not sign documents");
  }
  const chain = await verifyCertificate({
    certificateDer: signerDer,
    intermediatesDer: [...loaded.certificatesDer.filter((der) => !isEqualBytes(der, signerDer)), ...(trust.intermediatesDer ?? [])],
    trustedRootsDer: trust.trustedRootsDer,
    at,
    crlsDer: [...loaded.crlsDer, ...(trust.crlsDer ?? [])],
  });
  if (!chain.isValid) add(problemOf(chain.problem), chain.detail ?? "certificate not valid");
  return { signer: toVerifiedCertificate(signer), chain: (chain.chain.length > 0 ? chain.chain : [signer]).map(toVerifiedCertificate), timestamp };
}

/**
 * Verifies every signature of a PDF: the byte range, the CMS over it (digest, signature, signing-certificate-v2),
 * the signature time-stamp, the signer's chain, validity and revocation at the time-stamp's genTime (else
 * trust.now), and, for signatures followed by later revisions, that those revisions only added signatures.
 * PkiError MALFORMED when the file itself cannot be read; a signature that cannot be read is reported as MALFORMED.
 */
export async function verifyPdfSignatures(pdf: Uint8Array, trust: PdfTrust): Promise<VerifiedPdfSignature[]> {
  const file = openPdf(pdf);
  const results: VerifiedPdfSignature[] = [];
  for (const signature of findSignatures(file)) {
    const { rawContents: _raw, error, ...extracted } = signature;
    const findings: Finding[] = [];
    let checked: Awaited<ReturnType<typeof verifyCms>> = { signer: null, chain: [], timestamp: null };
    const coversWholeDocument = !error && signature.revisionLength === pdf.length;
    if (error) findings.push({ problem: "MALFORMED", detail: error });
    else if (!SUPPORTED_SUB_FILTERS.has(signature.subFilter)) {
      findings.push({ problem: "UNSUPPORTED", detail: `SubFilter ${signature.subFilter || "(none)"} is not supported` });
    } else {
      try {
        checkByteRange(pdf, signature.byteRange);
        if (!isGapTheContents(pdf, signature)) throw malformed("The /ByteRange leaves out more or less than the signature's /Contents");
        checked = await verifyCms(signature, bytesToSign({ pdf, byteRange: signature.byteRange }), trust, findings);
      } catch (caught) {
        findings.push({ problem: "MALFORMED", detail: caught instanceof Error ? caught.message : String(caught) });
      }
      if (!coversWholeDocument) {
        try {
          const report = findModifications(PdfFile.open(pdf.subarray(0, signature.revisionLength)), file);
          for (const reason of report.reasons) findings.push({ problem: "MODIFIED_AFTER_SIGNING", detail: reason });
        } catch (caught) {
          // The signed revision must itself be a readable PDF ending at the range's end.
          findings.push({ problem: "MALFORMED", detail: `The signed revision cannot be read: ${caught instanceof Error ? caught.message : String(caught)}` });
        }
      }
    }
    const problems = [...new Set(findings.map((finding) => finding.problem))];
    results.push({
      ...extracted,
      ...checked,
      coversWholeDocument,
      isValid: problems.length === 0,
      problems,
      details: findings.map((finding) => `${finding.problem}: ${finding.detail}`),
    });
  }
  return results;
}
