import type { InvitationPreview } from "@pwp/shared/users";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export function getInvitationPreview(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return apiClient.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`, { signal, canRefresh: false });
}

export function invitationPreviewQueryOptions(token: string) {
  return queryOptions({
    queryKey: ["invitations", "preview", token],
    queryFn: ({ signal }) => getInvitationPreview(token, signal),
    // Accepting ends the link; never show a cached preview of a link that may have been used since.
    staleTime: 0,
  });
}

export function useInvitationPreview(token: string) {
  return useQuery(invitationPreviewQueryOptions(token));
}
