import type { ContractDetail } from "@pwp/shared/contracts";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { contractsQueryKey } from "./get-contracts";

export function getContract(contractId: string, signal?: AbortSignal): Promise<ContractDetail> {
  return apiClient.get<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}`, { signal });
}

export function contractQueryOptions(contractId: string) {
  return queryOptions({
    queryKey: [...contractsQueryKey, "detail", contractId],
    queryFn: ({ signal }) => getContract(contractId, signal),
  });
}

export function useContract(contractId: string) {
  return useQuery(contractQueryOptions(contractId));
}

/**
 * After any change to a contract: its new detail goes straight into the cache, and every other contract query
 * (lists, the dashboard count, the timeline) is refetched.
 */
export function storeChangedContract(queryClient: QueryClient, detail: ContractDetail): Promise<void> {
  queryClient.setQueryData(contractQueryOptions(detail.id).queryKey, detail);
  return queryClient.invalidateQueries({
    queryKey: contractsQueryKey,
    predicate: (query) => !(query.queryKey[1] === "detail" && query.queryKey[2] === detail.id && query.queryKey.length === 3),
  });
}
