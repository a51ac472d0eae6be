import type { CreatedInvitation, CreateInvitationBody } from "@pwp/shared/users";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { invitationsQueryOptions } from "./get-invitations";

export function createInvitation(body: CreateInvitationBody): Promise<CreatedInvitation> {
  return apiClient.post<CreatedInvitation>("/users/invitations", body);
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryOptions().queryKey }),
  });
}
