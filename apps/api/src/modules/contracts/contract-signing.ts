// What a signed contract PDF must be before the platform accepts it: the current revision's bytes, unchanged,
// followed by one incremental update adding exactly one PAdES B-T signature in the signer's side's field, over the
// whole file, valid with a trusted time-stamp made just now, with every earlier signature still valid. The generic
// rules live in lib/pki/signed-pdf-checks.ts (guarantees use them too); this file adds the contract's side and field.
import type { VerifiedPdfSignature } from "@pwp/pki/pades";
import { SIGNATURE_FIELD_BY_SIDE, type ContractSide } from "@pwp/shared/contracts";
import { AppError } from "../../lib/app-error.ts";
import { checkAddedPdfSignature, type AcceptedPdfSignature } from "../../lib/pki/signed-pdf-checks.ts";

export { isIncrementalUpdateOf, TIMESTAMP_MAX_SKEW_MS } from "../../lib/pki/signed-pdf-checks.ts";

export const SIGNED_PDF_FIELD = "body.signedPdf";

export function refuseSignedPdf(message: string): AppError {
  return new AppError("VALIDATION_FAILED", `The signed PDF ${message}.`, { fields: [{ field: SIGNED_PDF_FIELD, message }] });
}

export type AcceptedSignature = AcceptedPdfSignature;

/**
 * Checks the signatures the verifier found in an uploaded PDF that had `previousCount` signatures before this
 * increment. Throws VALIDATION_FAILED naming body.signedPdf with the first reason found.
 */
export function checkAddedSignature(input: {
  side: ContractSide;
  signatures: VerifiedPdfSignature[];
  previousCount: number;
  signedPdfLength: number;
  now: Date;
}): AcceptedSignature {
  return checkAddedPdfSignature({
    signatures: input.signatures,
    previousCount: input.previousCount,
    signedPdfLength: input.signedPdfLength,
    now: input.now,
    expectedFieldName: SIGNATURE_FIELD_BY_SIDE[input.side],
    expectedFieldReason: "where your side signs",
    refuse: refuseSignedPdf,
  });
}
