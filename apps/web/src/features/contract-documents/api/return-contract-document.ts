import type { ContractDocumentDetail, ContractDocumentReasonBody } from "@pwp/shared/contract-documents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedDocument } from "./get-contract-document";

/** Back to its author for revision, with the reason kept in the contract's timeline. */
export function returnContractDocument({ documentId, body }: { documentId: string; body: ContractDocumentReasonBody }): Promise<ContractDocumentDetail> {
  return request<ContractDocumentDetail>(`/contract-documents/${encodeURIComponent(documentId)}/return`, { method: "POST", body });
}

export function useReturnContractDocument() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: returnContractDocument, onSuccess: (detail) => storeChangedDocument(queryClient, detail) });
}
