// Verifies the signatures of a PDF against what the platform trusts: its root and the external roots ops trust,
// its issuing CA as intermediate, its current CRL. The report is the one POST /api/verify/pdf returns; the
// contracts module calls this too when a signed PDF is submitted (it knows nothing of contracts).
import { sha256, toHex } from "@pwp/pki/encoding";
import { isPkiError } from "@pwp/pki/errors";
import { verifyPdfSignatures, type VerifiedCertificate, type VerifiedPdfSignature } from "@pwp/pki/pades";
import type { PdfSignatureReport, PdfVerificationReport, ReportedCertificate } from "@pwp/shared/pdf-verification";
import type { DbClient } from "../../db/database.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import { AppError } from "../app-error.ts";

export type PlatformPdfVerification = { signatures: VerifiedPdfSignature[]; report: PdfVerificationReport };

function toReportedCertificate(certificate: VerifiedCertificate): ReportedCertificate {
  return {
    subjectDn: certificate.subjectDn,
    issuerDn: certificate.issuerDn,
    serialNumberHex: certificate.serialNumberHex,
    fingerprintSha256: certificate.fingerprintSha256Hex,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
  };
}

/** Who holds each of these certificates on the platform (user and organisation names), by SHA-256 fingerprint. */
async function findPlatformSigners(db: DbClient, fingerprints: string[]): Promise<Map<string, PdfSignatureReport["platformSigner"]>> {
  if (fingerprints.length === 0) return new Map();
  const rows = await db.certificate.findMany({
    where: { fingerprintSha256: { in: fingerprints } },
    select: { fingerprintSha256: true, user: { select: { name: true } }, organization: { select: { nameLocal: true } } },
  });
  return new Map(rows.map((row) => [row.fingerprintSha256, { userName: row.user.name, organizationName: row.organization.nameLocal }]));
}

/**
 * Verifies every signature of `pdf` (validity judged at each signature's time-stamp, else at `now`). A file that is
 * not a readable PDF is VALIDATION_FAILED naming `field` (default "body"); an unsigned PDF gives no signatures.
 */
export async function verifyPlatformPdf(
  db: DbClient,
  pki: PlatformPki,
  pdf: Uint8Array,
  options: { now?: Date; field?: string } = {},
): Promise<PlatformPdfVerification> {
  const now = options.now ?? new Date();
  const crl = await pki.getCurrentCrl();
  let signatures: VerifiedPdfSignature[];
  try {
    signatures = await verifyPdfSignatures(pdf, {
      trustedRootsDer: await pki.listTrustedRootsDer(db),
      intermediatesDer: [pki.issuing.certificateDer],
      crlsDer: [crl.der],
      now,
    });
  } catch (error) {
    if (!isPkiError(error)) throw error;
    const field = options.field ?? "body";
    throw new AppError("VALIDATION_FAILED", `The PDF cannot be read: ${error.message}.`, {
      fields: [{ field, message: `is not a readable PDF: ${error.message}` }],
      cause: error,
    });
  }

  const fingerprints = [...new Set(signatures.flatMap((signature) => (signature.signer ? [signature.signer.fingerprintSha256Hex] : [])))];
  const holders = await findPlatformSigners(db, fingerprints);
  const report: PdfVerificationReport = {
    sha256: toHex(await sha256(pdf)),
    size: pdf.length,
    verifiedAt: now.toISOString(),
    signatures: signatures.map((signature) => ({
      fieldName: signature.fieldName,
      subFilter: signature.subFilter,
      signer: signature.signer ? toReportedCertificate(signature.signer) : null,
      chain: signature.chain.map(toReportedCertificate),
      claimedSigningTime: signature.claimedSigningTime?.toISOString() ?? null,
      timestamp: signature.timestamp
        ? { genTime: signature.timestamp.genTime.toISOString(), authority: signature.timestamp.authority, isValid: signature.timestamp.isValid }
        : null,
      coversWholeDocument: signature.coversWholeDocument,
      signedRevisionLength: signature.revisionLength,
      isValid: signature.isValid,
      problems: signature.problems,
      platformSigner: (signature.signer && holders.get(signature.signer.fingerprintSha256Hex)) ?? null,
    })),
  };
  return { signatures, report };
}
