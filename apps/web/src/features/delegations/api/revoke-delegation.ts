import type { RevokedDelegation } from "@pwp/shared/delegations";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { delegationsQueryKey } from "./get-delegations";

export function revokeDelegation({ delegationId, reason }: { delegationId: string; reason: string }): Promise<RevokedDelegation> {
  return apiClient.post<RevokedDelegation>(`/delegations/${encodeURIComponent(delegationId)}/revoke`, { reason });
}

export function useRevokeDelegation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeDelegation,
    // Refetched on failure too: a 409 means someone else revoked it (or a branch above it) meanwhile.
    onSettled: () => queryClient.invalidateQueries({ queryKey: delegationsQueryKey }),
  });
}
