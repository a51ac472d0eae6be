import type { ContractDetail } from "@pwp/shared/contracts";
import { queryOptions } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** A contract chosen in the application form: its works period, which the contract list does not carry. */
export function getContractDetail(contractId: string, signal?: AbortSignal): Promise<ContractDetail> {
  return apiClient.get<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}`, { signal });
}

export function contractDetailQueryOptions(contractId: string) {
  return queryOptions({
    // The contracts feature's own detail key: one cache entry whichever page asked.
    queryKey: ["contracts", "detail", contractId],
    queryFn: ({ signal }) => getContractDetail(contractId, signal),
  });
}
