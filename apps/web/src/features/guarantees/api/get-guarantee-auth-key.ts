import type { GuaranteeAuthKey } from "@pwp/shared/guarantees";
import { queryOptions } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { guaranteesQueryKey } from "./get-guarantees";

export function getGuaranteeAuthKey(guaranteeId: string, signal?: AbortSignal): Promise<GuaranteeAuthKey> {
  return apiClient.get<GuaranteeAuthKey>(`/guarantees/${encodeURIComponent(guaranteeId)}/auth-key`, { signal });
}

/**
 * The authentication key (認証キー · 인증키) is a secret: it is asked for only while the user has it shown, never
 * reused from an earlier view (staleTime 0), and dropped from memory the moment the view closes (gcTime 0). A
 * re-key refetches it, since it sits under the guarantees key.
 */
export function guaranteeAuthKeyQueryOptions(guaranteeId: string) {
  return queryOptions({
    queryKey: [...guaranteesQueryKey, "detail", guaranteeId, "auth-key"],
    queryFn: ({ signal }) => getGuaranteeAuthKey(guaranteeId, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}
