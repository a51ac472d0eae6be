import type { ContractTimeline } from "@pwp/shared/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { contractsQueryKey } from "./get-contracts";

export function getContractTimeline(contractId: string, signal?: AbortSignal): Promise<ContractTimeline> {
  return apiClient.get<ContractTimeline>(`/contracts/${encodeURIComponent(contractId)}/timeline`, { signal });
}

export function contractTimelineQueryOptions(contractId: string) {
  return queryOptions({
    queryKey: [...contractsQueryKey, "detail", contractId, "timeline"],
    queryFn: ({ signal }) => getContractTimeline(contractId, signal),
  });
}

export function useContractTimeline(contractId: string) {
  return useQuery(contractTimelineQueryOptions(contractId));
}
