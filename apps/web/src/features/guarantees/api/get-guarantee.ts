import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { guaranteesQueryKey } from "./get-guarantees";

export function getGuarantee(guaranteeId: string, signal?: AbortSignal): Promise<GuaranteeDetail> {
  return apiClient.get<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}`, { signal });
}

export function guaranteeQueryOptions(guaranteeId: string) {
  return queryOptions({
    queryKey: [...guaranteesQueryKey, "detail", guaranteeId],
    queryFn: ({ signal }) => getGuarantee(guaranteeId, signal),
  });
}

/** `isEnabled: false` where the caller may not read it (the orderer, on a contract's page). */
export function useGuarantee(guaranteeId: string, { isEnabled = true }: { isEnabled?: boolean } = {}) {
  return useQuery({ ...guaranteeQueryOptions(guaranteeId), enabled: isEnabled });
}

/**
 * After any change to a guarantee: its new detail goes straight into the cache, and every other guarantee query
 * (lists, the dashboard count, a shown key after a re-key) is refetched.
 */
export function storeChangedGuarantee(queryClient: QueryClient, detail: GuaranteeDetail): Promise<void> {
  queryClient.setQueryData(guaranteeQueryOptions(detail.id).queryKey, detail);
  return queryClient.invalidateQueries({
    queryKey: guaranteesQueryKey,
    predicate: (query) => !(query.queryKey[1] === "detail" && query.queryKey[2] === detail.id && query.queryKey.length === 3),
  });
}
