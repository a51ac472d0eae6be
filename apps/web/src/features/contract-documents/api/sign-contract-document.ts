import type { ContractDocumentDetail, SignContractDocumentBody } from "@pwp/shared/contract-documents";
import { request } from "@/lib/api-client";

/** The signed PDF (the reviewed revision plus this side's signature); the same body sent twice signs once. */
export function signContractDocument({ documentId, body }: { documentId: string; body: SignContractDocumentBody }): Promise<ContractDocumentDetail> {
  return request<ContractDocumentDetail>(`/contract-documents/${encodeURIComponent(documentId)}/signatures`, { method: "POST", body });
}
