import type { DelegationList } from "@pwp/shared/delegations";
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Every delegation query starts with this key: a grant or revocation invalidates them all, authority included. */
export const delegationsQueryKey = ["delegations"] as const;

export function getDelegations(cursor: string | null, signal?: AbortSignal): Promise<DelegationList> {
  const query = new URLSearchParams({ limit: "100" });
  if (cursor) query.set("cursor", cursor);
  return apiClient.get<DelegationList>(`/delegations?${query}`, { signal });
}

export function delegationsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: [...delegationsQueryKey, "list"],
    queryFn: ({ pageParam, signal }) => getDelegations(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // States are computed when read (a delegation becomes active or expires with time): always ask again.
    staleTime: 0,
  });
}

export function useDelegations() {
  return useInfiniteQuery(delegationsQueryOptions());
}
