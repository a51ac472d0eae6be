import type { CounterpartyDetail } from "@pwp/shared/counterparties";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { counterpartiesQueryKey } from "./get-counterparties";

export function getCounterparty(id: string, signal?: AbortSignal): Promise<CounterpartyDetail> {
  return apiClient.get<CounterpartyDetail>(`/counterparties/${encodeURIComponent(id)}`, { signal });
}

export function counterpartyQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...counterpartiesQueryKey, "detail", id],
    queryFn: ({ signal }) => getCounterparty(id, signal),
  });
}

export function useCounterparty(id: string) {
  return useQuery(counterpartyQueryOptions(id));
}
