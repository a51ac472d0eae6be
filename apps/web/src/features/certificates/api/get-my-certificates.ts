import type { MyCertificates } from "@pwp/shared/certificates";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Every certificate query starts with this key, so one invalidation refreshes the page after any change. */
export const certificatesQueryKey = ["certificates"] as const;

export function getMyCertificates(signal?: AbortSignal): Promise<MyCertificates> {
  return apiClient.get<MyCertificates>("/certificates", { signal });
}

export function myCertificatesQueryOptions() {
  return queryOptions({
    queryKey: [...certificatesQueryKey, "mine"],
    queryFn: ({ signal }) => getMyCertificates(signal),
  });
}

export function useMyCertificates() {
  return useQuery(myCertificatesQueryOptions());
}
