import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { invitationsQueryOptions } from "./get-invitations";

export function revokeInvitation(invitationId: string): Promise<void> {
  return request<void>(`/users/invitations/${encodeURIComponent(invitationId)}`, { method: "DELETE" });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    // Refetched on failure too: a 409 means someone else already accepted or revoked it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsQueryOptions().queryKey }),
  });
}
