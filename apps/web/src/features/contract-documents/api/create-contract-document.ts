import type { ContractDocumentDetail, CreateContractDocumentBody } from "@pwp/shared/contract-documents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedDocument } from "./get-contract-document";

/** A new draft of the kind in the body (a change, unit prices, an inspection request, an invoice). */
export function createContractDocument({ contractId, body }: { contractId: string; body: CreateContractDocumentBody }): Promise<ContractDocumentDetail> {
  return request<ContractDocumentDetail>(`/contracts/${encodeURIComponent(contractId)}/documents`, { method: "POST", body });
}

export function useCreateContractDocument() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createContractDocument, onSuccess: (detail) => storeChangedDocument(queryClient, detail) });
}
