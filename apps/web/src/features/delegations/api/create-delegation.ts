import type { CreateDelegationBody, Delegation } from "@pwp/shared/delegations";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { delegationsQueryKey } from "./get-delegations";

export function createDelegation(body: CreateDelegationBody): Promise<Delegation> {
  return apiClient.post<Delegation>("/delegations", body);
}

export function useCreateDelegation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDelegation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegationsQueryKey }),
  });
}
