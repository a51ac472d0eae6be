import type { ContractDocumentDetail } from "@pwp/shared/contract-documents";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { contractQueryKey } from "./get-contract-documents";

/** Every query about one document starts with this key (its detail, its PDFs). */
export const contractDocumentsQueryKey = ["contract-documents"] as const;

export function getContractDocument(documentId: string, signal?: AbortSignal): Promise<ContractDocumentDetail> {
  return apiClient.get<ContractDocumentDetail>(`/contract-documents/${encodeURIComponent(documentId)}`, { signal });
}

export function contractDocumentQueryOptions(documentId: string) {
  return queryOptions({
    queryKey: [...contractDocumentsQueryKey, documentId],
    queryFn: ({ signal }) => getContractDocument(documentId, signal),
  });
}

export function useContractDocument(documentId: string) {
  return useQuery(contractDocumentQueryOptions(documentId));
}

/**
 * After any change to a document: its new detail goes straight into the cache, and its contract's queries (the
 * document list and standing, the contract's detail and timeline) are refetched — a completed change is the
 * contract's new terms, an invoice moves its money.
 */
export function storeChangedDocument(queryClient: QueryClient, detail: ContractDocumentDetail): Promise<void> {
  queryClient.setQueryData(contractDocumentQueryOptions(detail.id).queryKey, detail);
  return queryClient.invalidateQueries({ queryKey: contractQueryKey(detail.contractId) });
}
