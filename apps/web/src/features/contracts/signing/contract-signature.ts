// What a contract signature is, for the shared PDF signing steps (lib/signing/sign-pdf-revision): the current
// revision, the field the server names for the signer's organisation (a joint venture's firms each have their own),
// and the /Reason in the contract's language.
import type { ContractDetail } from "@pwp/shared/contracts";
import type { PdfRevisionToSign } from "@/lib/signing/sign-pdf-revision";

/** /Reason of the signature, in the contract's language (the orderer's country decides the PDF's layout). */
export const SIGNING_REASON_BY_COUNTRY = { KR: "계약 체결", JP: "契約締結" } as const;

/** The part of the contract the signature depends on. */
export type ContractToSign = Pick<ContractDetail, "edition" | "currentRevision" | "signatureField"> & { orderer: Pick<ContractDetail["orderer"], "country"> };

/** Null when it is not the caller's organisation's turn: there is no field to sign. */
export function contractSignatureTarget(contract: ContractToSign): PdfRevisionToSign | null {
  if (contract.signatureField === null) return null;
  return {
    edition: contract.edition,
    currentRevision: contract.currentRevision,
    fieldName: contract.signatureField,
    reason: SIGNING_REASON_BY_COUNTRY[contract.orderer.country],
  };
}
