import type { TrustedRootList } from "@pwp/shared/certificates";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export const trustedRootsQueryKey = ["trusted-roots"] as const;

/** The platform root (always first, always trusted) and the external roots ops added. */
export function getTrustedRoots(signal?: AbortSignal): Promise<TrustedRootList> {
  return apiClient.get<TrustedRootList>("/admin/trusted-roots", { signal });
}

export function trustedRootsQueryOptions() {
  return queryOptions({ queryKey: trustedRootsQueryKey, queryFn: ({ signal }) => getTrustedRoots(signal) });
}

export function useTrustedRoots() {
  return useQuery(trustedRootsQueryOptions());
}
