import type { SigningAuthority } from "@pwp/shared/delegations";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { delegationsQueryKey } from "./get-delegations";

export function getMyAuthority(signal?: AbortSignal): Promise<SigningAuthority> {
  return apiClient.get<SigningAuthority>("/me/authority", { signal });
}

export function myAuthorityQueryOptions() {
  return queryOptions({
    queryKey: [...delegationsQueryKey, "my-authority"],
    queryFn: ({ signal }) => getMyAuthority(signal),
    staleTime: 0,
  });
}

export function useMyAuthority() {
  return useQuery(myAuthorityQueryOptions());
}
