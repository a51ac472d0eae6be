// What the surety's signatures over a prepared version must be before the platform accepts them, all made in the
// browser with one certificate: (a) a CMS SignedData over exactly the prepared canonical JSON's UTF-8 bytes, by one
// of the caller's own valid certificates; (b) the certificate PDF: the prepared bytes unchanged plus one incremental
// update with one PAdES B-T signature over the whole file, time-stamped by a trusted TSA within minutes of now, by
// the same certificate; (c) the same for the fee statement when the version has one (required then, refused
// otherwise); (d) the caller may sign for the surety in the GUARANTEES scope at the time-stamp's time.
import { createHash } from "node:crypto";
import { SIGNED_GUARANTEE_PDF_MAX_BYTES } from "@pwp/shared/guarantees";
import type { PdfVerificationReport } from "@pwp/shared/pdf-verification";
import type { DbClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { verifyPlatformPdf } from "../../lib/pki/pdf-verification.ts";
import { identifyUserSigner, requireOwnCertificate } from "../../lib/pki/signer-verification.ts";
import { checkAddedPdfSignature, isIncrementalUpdateOf } from "../../lib/pki/signed-pdf-checks.ts";
import { findSigningAuthority } from "../../lib/signing-authority.ts";
import type { PlatformPki } from "../../plugins/pki.ts";

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function refuseField(field: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${field} ${message}.`, { fields: [{ field, message }] });
}

export function decodeBase64Field(value: string, field: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw refuseField(field, "is not valid base64");
  return new Uint8Array(Buffer.from(value, "base64"));
}

export type SubmittedSignatures = { signedData: Uint8Array; certificatePdf: Uint8Array; feeStatementPdf: Uint8Array | null };
export type PreparedForSigning = { canonicalJson: string; certificatePdf: Uint8Array; feeStatementPdf: Uint8Array | null };

export type AcceptedVersionSignatures = {
  certificateId: string;
  delegationId: string | null;
  /** The certificate PDF's time-stamp: the version's signedAt. */
  genTime: Date;
  timestampSerialHex: string;
  /** Stored with the version (GuaranteeVersion.verification): computed once, re-checked for revocation later. */
  verification: Prisma.InputJsonObject;
};

/** A signed PDF over `prepared`: one PAdES B-T signature by one of the caller's certificates over the whole file. */
async function checkSignedPdf(db: DbClient, pki: PlatformPki, actor: Actor, input: { prepared: Uint8Array; signed: Uint8Array; field: string; at: Date }) {
  const refuse = (reason: string) => refuseField(input.field, reason);
  if (input.signed.byteLength > SIGNED_GUARANTEE_PDF_MAX_BYTES) throw refuse(`is larger than ${SIGNED_GUARANTEE_PDF_MAX_BYTES / 1024 / 1024} MiB`);
  if (!isIncrementalUpdateOf(input.prepared, input.signed)) {
    throw refuse("does not start with exactly the prepared PDF (download it again and sign it unchanged)");
  }
  const verified = await verifyPlatformPdf(db, pki, input.signed, { now: input.at, field: input.field });
  const accepted = checkAddedPdfSignature({ signatures: verified.signatures, previousCount: 0, signedPdfLength: input.signed.byteLength, now: input.at, refuse });
  const certificateId = await requireOwnCertificate(db, {
    fingerprintSha256: accepted.signerFingerprintSha256,
    userId: actor.userId,
    organizationId: actor.organizationId,
    at: accepted.genTime,
    field: input.field,
  });
  return { ...accepted, certificateId, report: verified.report };
}

/** Verifies (a)–(d); throws VALIDATION_FAILED naming the body field at fault, or FORBIDDEN without authority. */
export async function verifyVersionSignatures(
  db: DbClient,
  pki: PlatformPki,
  actor: Actor,
  input: { prepared: PreparedForSigning; submitted: SubmittedSignatures; at: Date },
): Promise<AcceptedVersionSignatures> {
  const { prepared, submitted, at } = input;
  const canonicalBytes = new Uint8Array(Buffer.from(prepared.canonicalJson, "utf8"));
  const cmsCertificateId = await identifyUserSigner(db, pki, {
    signedDataDer: submitted.signedData,
    content: canonicalBytes,
    userId: actor.userId,
    organizationId: actor.organizationId,
    at,
    field: "body.signedData",
  });

  const certificate = await checkSignedPdf(db, pki, actor, { prepared: prepared.certificatePdf, signed: submitted.certificatePdf, field: "body.signedCertificatePdf", at });
  if (certificate.certificateId !== cmsCertificateId) throw refuseField("body.signedCertificatePdf", "is signed with another certificate than body.signedData");

  let feeReport: PdfVerificationReport | null = null;
  if (prepared.feeStatementPdf) {
    if (!submitted.feeStatementPdf) throw refuseField("body.signedFeeStatementPdf", "is required: this version has a fee statement to sign");
    const fee = await checkSignedPdf(db, pki, actor, { prepared: prepared.feeStatementPdf, signed: submitted.feeStatementPdf, field: "body.signedFeeStatementPdf", at });
    if (fee.certificateId !== cmsCertificateId) throw refuseField("body.signedFeeStatementPdf", "is signed with another certificate than body.signedData");
    feeReport = fee.report;
  } else if (submitted.feeStatementPdf) {
    throw refuseField("body.signedFeeStatementPdf", "is not expected: this version has no fee statement");
  }

  const authority = await findSigningAuthority(db, { userId: actor.userId, organizationId: actor.organizationId, scope: "GUARANTEES", at: certificate.genTime });
  if (!authority) {
    throw new AppError("FORBIDDEN", "You have no authority to sign guarantees for your organisation: the representative or an agent with a guarantees delegation must sign.");
  }
  const delegationId = authority.kind === "DELEGATION" ? authority.delegationId : null;
  const signer = await db.certificate.findUnique({ where: { id: cmsCertificateId }, select: { fingerprintSha256: true, subjectDn: true, serialNumberHex: true } });
  const verification = JSON.parse(
    JSON.stringify({
      verifiedAt: at.toISOString(),
      signedData: {
        isValid: true,
        contentSha256: sha256Hex(canonicalBytes),
        certificateId: cmsCertificateId,
        fingerprintSha256: signer?.fingerprintSha256 ?? null,
        subjectDn: signer?.subjectDn ?? null,
        serialNumberHex: signer?.serialNumberHex ?? null,
      },
      certificatePdf: certificate.report,
      feeStatementPdf: feeReport,
      authority: { kind: authority.kind, delegationId, at: certificate.genTime.toISOString() },
    }),
  ) as Prisma.InputJsonObject;
  return { certificateId: cmsCertificateId, delegationId, genTime: certificate.genTime, timestampSerialHex: certificate.timestampSerialHex, verification };
}
