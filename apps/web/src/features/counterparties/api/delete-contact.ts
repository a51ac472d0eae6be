import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { counterpartiesQueryKey } from "./get-counterparties";

export function deleteContact(params: { counterpartyId: string; contactId: string }): Promise<void> {
  const path = `/counterparties/${encodeURIComponent(params.counterpartyId)}/contacts/${encodeURIComponent(params.contactId)}`;
  return request<void>(path, { method: "DELETE" });
}

export function useDeleteContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteContact,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: counterpartiesQueryKey }),
  });
}
