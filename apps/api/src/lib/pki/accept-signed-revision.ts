// Accepting a signature a user made in the browser over a stored PDF revision, for any document signed side by side
// (a contract, a change contract, an invoice …): the upload is the revision's bytes plus one incremental update; the
// verifier finds exactly one new PAdES B-T signature, in the field the signer's side signs, over the whole file,
// valid at its fresh time-stamp with every earlier signature intact; the certificate is the caller's own; the caller
// may sign for their organisation in `scope` at the time-stamp's time (representative or delegation).
import type { DbClient } from "../../db/database.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import type { Actor } from "../actor.ts";
import { AppError } from "../app-error.ts";
import { findSigningAuthority } from "../signing-authority.ts";
import type { DelegationScope } from "@pwp/shared/enums";
import { verifyPlatformPdf } from "./pdf-verification.ts";
import { requireOwnCertificate } from "./signer-verification.ts";
import { checkAddedPdfSignature, isIncrementalUpdateOf } from "./signed-pdf-checks.ts";

export const SIGNED_PDF_FIELD = "body.signedPdf";

export function refuseSignedPdf(message: string): AppError {
  return new AppError("VALIDATION_FAILED", `The signed PDF ${message}.`, { fields: [{ field: SIGNED_PDF_FIELD, message }] });
}

/** body.signedPdf as bytes, or VALIDATION_FAILED naming it. */
export function decodeSignedPdf(base64: string, maxBytes: number): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw refuseSignedPdf("is not valid base64");
  const signed = new Uint8Array(Buffer.from(base64, "base64"));
  if (signed.byteLength > maxBytes) throw refuseSignedPdf(`is larger than ${maxBytes / 1024 / 1024} MiB`);
  return signed;
}

export type AcceptedRevisionSignature = {
  certificateId: string;
  /** The delegation the signer signed under; null for the representative. */
  delegationId: string | null;
  /** The time-stamp's genTime: the trusted signing time. */
  genTime: Date;
  timestampSerialHex: string;
};

export async function acceptSignedRevision(
  db: DbClient,
  pki: PlatformPki,
  actor: Actor,
  input: {
    previousPdf: Uint8Array;
    signedPdf: Uint8Array;
    /** Signatures in the previous revision. */
    previousCount: number;
    fieldName: string;
    /** What the document is, for the authority message ("contracts"). */
    scope: DelegationScope;
    at: Date;
  },
): Promise<AcceptedRevisionSignature> {
  if (!isIncrementalUpdateOf(input.previousPdf, input.signedPdf)) {
    throw refuseSignedPdf("is not the current revision of the document followed by your signature (the signed bytes must start with it, unchanged)");
  }
  const { signatures } = await verifyPlatformPdf(db, pki, input.signedPdf, { now: input.at, field: SIGNED_PDF_FIELD });
  const accepted = checkAddedPdfSignature({
    signatures,
    previousCount: input.previousCount,
    signedPdfLength: input.signedPdf.byteLength,
    now: input.at,
    expectedFieldName: input.fieldName,
    expectedFieldReason: "where your side signs",
    refuse: refuseSignedPdf,
  });
  const certificateId = await requireOwnCertificate(db, {
    fingerprintSha256: accepted.signerFingerprintSha256,
    userId: actor.userId,
    organizationId: actor.organizationId,
    at: accepted.genTime,
    field: SIGNED_PDF_FIELD,
  });
  const authority = await findSigningAuthority(db, { userId: actor.userId, organizationId: actor.organizationId, scope: input.scope, at: accepted.genTime });
  if (!authority) {
    const what = { CONTRACTS: "contracts", GUARANTEES: "guarantees", BILLING: "inspections and invoices" }[input.scope];
    const delegation = { CONTRACTS: "contracts", GUARANTEES: "guarantees", BILLING: "billing" }[input.scope];
    throw new AppError("FORBIDDEN", `You have no authority to sign ${what} for your organisation: the representative or an agent with a ${delegation} delegation must sign.`);
  }
  return {
    certificateId,
    delegationId: authority.kind === "DELEGATION" ? authority.delegationId : null,
    genTime: accepted.genTime,
    timestampSerialHex: accepted.timestampSerialHex,
  };
}
