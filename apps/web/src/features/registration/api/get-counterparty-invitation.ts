import type { CounterpartyInvitationPreview } from "@pwp/shared/counterparties";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** What a member typed in when inviting this organisation as a counterparty, to pre-fill the application. */
export function getCounterpartyInvitation(token: string, signal?: AbortSignal): Promise<CounterpartyInvitationPreview> {
  return apiClient.get<CounterpartyInvitationPreview>(`/counterparty-invitations/${encodeURIComponent(token)}`, {
    canRefresh: false,
    ...(signal ? { signal } : {}),
  });
}

export function counterpartyInvitationQueryOptions(token: string) {
  return queryOptions({
    queryKey: ["counterparty-invitations", token],
    queryFn: ({ signal }) => getCounterpartyInvitation(token, signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useCounterpartyInvitation(token: string | null) {
  return useQuery({ ...counterpartyInvitationQueryOptions(token ?? ""), enabled: token !== null });
}
