import type { ContractDocumentDetail, ContractDocumentReasonBody } from "@pwp/shared/contract-documents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedDocument } from "./get-contract-document";

/** Withdrawn by its author once sent or returned; kept with its history, never signed again. */
export function cancelContractDocument({ documentId, body }: { documentId: string; body: ContractDocumentReasonBody }): Promise<ContractDocumentDetail> {
  return request<ContractDocumentDetail>(`/contract-documents/${encodeURIComponent(documentId)}/cancel`, { method: "POST", body });
}

export function useCancelContractDocument() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelContractDocument, onSuccess: (detail) => storeChangedDocument(queryClient, detail) });
}
