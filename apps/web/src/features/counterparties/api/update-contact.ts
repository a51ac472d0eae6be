import type { CounterpartyContact, UpdateCounterpartyContactBody } from "@pwp/shared/counterparties";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { counterpartyQueryOptions } from "./get-counterparty";

export function updateContact(params: { counterpartyId: string; contactId: string; body: UpdateCounterpartyContactBody }): Promise<CounterpartyContact> {
  const path = `/counterparties/${encodeURIComponent(params.counterpartyId)}/contacts/${encodeURIComponent(params.contactId)}`;
  return request<CounterpartyContact>(path, { method: "PATCH", body: params.body });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateContact,
    onSuccess: (_contact, params) => queryClient.invalidateQueries({ queryKey: counterpartyQueryOptions(params.counterpartyId).queryKey }),
  });
}
