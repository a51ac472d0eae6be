import type { CounterpartyContact, CreateCounterpartyContactBody } from "@pwp/shared/counterparties";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { counterpartiesQueryKey } from "./get-counterparties";

export function createContact({ counterpartyId, body }: { counterpartyId: string; body: CreateCounterpartyContactBody }): Promise<CounterpartyContact> {
  return apiClient.post<CounterpartyContact>(`/counterparties/${encodeURIComponent(counterpartyId)}/contacts`, body);
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createContact,
    // The detail and the list's contact counts both change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: counterpartiesQueryKey }),
  });
}
