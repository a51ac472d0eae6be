// What a document's signature is, for the shared PDF signing steps (lib/signing/sign-pdf-revision): the current
// revision, the field the API names for the caller (its side's), and the /Reason in the document's language — the
// orderer's country writes the PDF, as for the contract itself.
import type { ContractDocumentDetail, ContractDocumentKind } from "@pwp/shared/contract-documents";
import type { ContractSide } from "@pwp/shared/contracts";
import type { PdfRevisionToSign } from "@/lib/signing/sign-pdf-revision";

type Reasons = Record<ContractDocumentKind, string> & { INVOICE_RECEIPT: string };

/** /Reason per kind; the orderer's signature on an invoice is its receipt, not a claim. */
export const SIGNING_REASONS: Record<ContractDocumentDetail["country"], Reasons> = {
  KR: { CHANGE: "변경계약 체결", UNIT_PRICES: "단가 합의", INSPECTION: "검사 결과 확인", INVOICE: "대가 청구", INVOICE_RECEIPT: "청구서 수령" },
  JP: { CHANGE: "変更契約締結", UNIT_PRICES: "単価合意", INSPECTION: "検査結果", INVOICE: "請求", INVOICE_RECEIPT: "請求書受領" },
};

export function documentSigningReason(kind: ContractDocumentKind, country: ContractDocumentDetail["country"], side: ContractSide): string {
  const reasons = SIGNING_REASONS[country];
  return kind === "INVOICE" && side === "ORDERER" ? reasons.INVOICE_RECEIPT : reasons[kind];
}

/** The part of the document the signature depends on. */
export type DocumentToSign = Pick<ContractDocumentDetail, "kind" | "country" | "mySide" | "edition" | "currentRevision" | "signatureField">;

/** Null when it is not the caller's turn (the API gives no field then). */
export function documentSignatureTarget(document: DocumentToSign): PdfRevisionToSign | null {
  if (!document.signatureField) return null;
  return {
    edition: document.edition,
    currentRevision: document.currentRevision,
    fieldName: document.signatureField,
    reason: documentSigningReason(document.kind, document.country, document.mySide),
  };
}
