import type { AcceptedInvitation, AcceptInvitationBody } from "@pwp/shared/users";
import { useMutation } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export function acceptInvitation({ token, body }: { token: string; body: AcceptInvitationBody }): Promise<AcceptedInvitation> {
  return apiClient.post<AcceptedInvitation>(`/invitations/${encodeURIComponent(token)}/accept`, body, { canRefresh: false });
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: acceptInvitation });
}
