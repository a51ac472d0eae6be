import type { ContractDocumentList } from "@pwp/shared/contract-documents";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/**
 * Under the contracts feature's own detail key (["contracts", "detail", id]): a change to the contract refreshes
 * its documents, and a change to a document refreshes the contract's detail and timeline with one invalidation.
 */
export function contractQueryKey(contractId: string) {
  return ["contracts", "detail", contractId] as const;
}

/** The contract's standing (current terms and money), its documents and the kinds the caller may start. */
export function getContractDocuments(contractId: string, signal?: AbortSignal): Promise<ContractDocumentList> {
  return apiClient.get<ContractDocumentList>(`/contracts/${encodeURIComponent(contractId)}/documents`, { signal });
}

export function contractDocumentsQueryOptions(contractId: string) {
  return queryOptions({
    queryKey: [...contractQueryKey(contractId), "documents"],
    queryFn: ({ signal }) => getContractDocuments(contractId, signal),
  });
}

export function useContractDocuments(contractId: string) {
  return useQuery(contractDocumentsQueryOptions(contractId));
}
