import type { ReissueCounterpartyInvitationResponse } from "@pwp/shared/counterparties";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { counterpartyQueryOptions } from "./get-counterparty";

export function reissueInvitation(id: string): Promise<ReissueCounterpartyInvitationResponse> {
  return apiClient.post<ReissueCounterpartyInvitationResponse>(`/counterparties/${encodeURIComponent(id)}/invitation`);
}

export function useReissueInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reissueInvitation,
    onSuccess: (_result, id) => queryClient.invalidateQueries({ queryKey: counterpartyQueryOptions(id).queryKey }),
  });
}
