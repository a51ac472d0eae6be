import type { DelegationStatements } from "@pwp/shared/delegations";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { delegationsQueryKey } from "./get-delegations";

/** The signed grant (and revocation) of a delegation, exactly as signed. */
export function getDelegationStatement(delegationId: string, signal?: AbortSignal): Promise<DelegationStatements> {
  return apiClient.get<DelegationStatements>(`/delegations/${encodeURIComponent(delegationId)}/statement`, { signal });
}

export function delegationStatementQueryOptions(delegationId: string) {
  return queryOptions({
    queryKey: [...delegationsQueryKey, "statement", delegationId],
    queryFn: ({ signal }) => getDelegationStatement(delegationId, signal),
    // A signed statement never changes; a revocation adds one, and revoking invalidates every delegation query.
    staleTime: Infinity,
  });
}

export function useDelegationStatement(delegationId: string, isEnabled: boolean) {
  return useQuery({ ...delegationStatementQueryOptions(delegationId), enabled: isEnabled });
}
