// What a contract signature is, for the shared PDF signing steps (lib/signing/sign-pdf-revision): the current
// revision, the field of the signer's side, and the /Reason in the contract's language.
import type { ContractDetail } from "@pwp/shared/contracts";
import { SIGNATURE_FIELD_BY_SIDE } from "@pwp/shared/contracts";
import type { PdfRevisionToSign } from "@/lib/signing/sign-pdf-revision";

/** /Reason of the signature, in the contract's language (the orderer's country decides the PDF's layout). */
export const SIGNING_REASON_BY_COUNTRY = { KR: "계약 체결", JP: "契約締結" } as const;

/** The part of the contract the signature depends on. */
export type ContractToSign = Pick<ContractDetail, "edition" | "currentRevision" | "mySide"> & { orderer: Pick<ContractDetail["orderer"], "country"> };

export function contractSignatureTarget(contract: ContractToSign): PdfRevisionToSign {
  return {
    edition: contract.edition,
    currentRevision: contract.currentRevision,
    fieldName: SIGNATURE_FIELD_BY_SIDE[contract.mySide],
    reason: SIGNING_REASON_BY_COUNTRY[contract.orderer.country],
  };
}
