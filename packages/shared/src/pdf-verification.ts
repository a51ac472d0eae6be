// The report of POST /api/verify/pdf (DESIGN.md §4): one entry per signature in an uploaded PDF, as the server's
// verifier found it. The contract pages show the same report for their signed PDF.
import { Type, type Static } from "typebox";

/** Why a signature is not valid; several can apply. */
export const PDF_SIGNATURE_PROBLEMS = [
  /** The signature dictionary or its CMS cannot be read. */
  "MALFORMED",
  /** The bytes under /ByteRange are not what was signed. */
  "DIGEST_MISMATCH",
  "BAD_SIGNATURE",
  /** No chain to the platform root or a root ops trust. */
  "UNTRUSTED",
  "EXPIRED",
  "NOT_YET_VALID",
  "REVOKED",
  "WRONG_KEY_USAGE",
  "UNSUPPORTED",
  /** The signing-certificate-v2 attribute does not name the certificate that signed. */
  "SIGNING_CERTIFICATE_MISMATCH",
  /** The time-stamp token does not verify, is not over this signature, or comes from an untrusted authority. */
  "BAD_TIMESTAMP",
  /** Later incremental updates change more than adding signatures (content, pages, annotations). */
  "MODIFIED_AFTER_SIGNING",
] as const;
export type PdfSignatureProblem = (typeof PDF_SIGNATURE_PROBLEMS)[number];
export const PdfSignatureProblemSchema = Type.Enum(PDF_SIGNATURE_PROBLEMS);

const DateTimeSchema = Type.String({ format: "date-time" });
const NullableDateTime = Type.Union([DateTimeSchema, Type.Null()]);

export const ReportedCertificateSchema = Type.Object({
  subjectDn: Type.String(),
  issuerDn: Type.String(),
  serialNumberHex: Type.String(),
  fingerprintSha256: Type.String(),
  notBefore: DateTimeSchema,
  notAfter: DateTimeSchema,
});
export type ReportedCertificate = Static<typeof ReportedCertificateSchema>;

export const PdfSignatureReportSchema = Type.Object({
  /** The signature field's name (/T), e.g. ContractorSignature. */
  fieldName: Type.String(),
  subFilter: Type.String(),
  /** The signer's certificate; null when the CMS could not be read. */
  signer: Type.Union([ReportedCertificateSchema, Type.Null()]),
  /** From the signer up to the trusted root, when one was found. */
  chain: Type.Array(ReportedCertificateSchema),
  /** /M of the signature dictionary: what the signer's software claims, not a trusted time. */
  claimedSigningTime: NullableDateTime,
  timestamp: Type.Union([
    Type.Object({ genTime: DateTimeSchema, authority: Type.String(), isValid: Type.Boolean() }),
    Type.Null(),
  ]),
  /** This signature's byte range ends at the end of the file: nothing was added after it. */
  coversWholeDocument: Type.Boolean(),
  /** The length of the revision this signature covers. */
  signedRevisionLength: Type.Integer(),
  isValid: Type.Boolean(),
  problems: Type.Array(PdfSignatureProblemSchema),
  /** Who signed, as the platform knows them, when the certificate is one it holds. */
  platformSigner: Type.Union([Type.Object({ userName: Type.String(), organizationName: Type.String() }), Type.Null()]),
});
export type PdfSignatureReport = Static<typeof PdfSignatureReportSchema>;

export const PdfVerificationReportSchema = Type.Object({
  sha256: Type.String(),
  size: Type.Integer(),
  /** When the report was made; validity is judged at each signature's time-stamp (or now, without one). */
  verifiedAt: DateTimeSchema,
  /** In the order they were added to the file. */
  signatures: Type.Array(PdfSignatureReportSchema),
});
export type PdfVerificationReport = Static<typeof PdfVerificationReportSchema>;
