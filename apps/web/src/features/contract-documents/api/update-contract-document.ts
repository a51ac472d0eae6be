import type { ContractDocumentDetail, UpdateContractDocumentBody } from "@pwp/shared/contract-documents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedDocument } from "./get-contract-document";

/** The content in full, with the version the edit started from (a stale one is a 409). */
export function updateContractDocument({ documentId, body }: { documentId: string; body: UpdateContractDocumentBody }): Promise<ContractDocumentDetail> {
  return request<ContractDocumentDetail>(`/contract-documents/${encodeURIComponent(documentId)}`, { method: "PUT", body });
}

export function useUpdateContractDocument() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateContractDocument, onSuccess: (detail) => storeChangedDocument(queryClient, detail) });
}
