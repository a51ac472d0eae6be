import type { InvitationList } from "@pwp/shared/users";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { usersQueryKey } from "./get-users";

export function getInvitations(signal?: AbortSignal): Promise<InvitationList> {
  return apiClient.get<InvitationList>("/users/invitations", { signal });
}

export function invitationsQueryOptions() {
  return queryOptions({
    queryKey: [...usersQueryKey, "invitations"],
    queryFn: ({ signal }) => getInvitations(signal),
  });
}

/** Only the representative may read invitations: others pass isEnabled false and never ask. */
export function useInvitations(isEnabled: boolean) {
  return useQuery({ ...invitationsQueryOptions(), enabled: isEnabled });
}
