import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { counterpartyQueryOptions } from "./get-counterparty";
import { counterpartiesQueryKey } from "./get-counterparties";

export function deleteCounterparty(id: string): Promise<void> {
  return request<void>(`/counterparties/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function useDeleteCounterparty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCounterparty,
    onSuccess: (_result, id) => {
      const detailKey = counterpartyQueryOptions(id).queryKey;
      // The page showing it is being left: refetching it now would only flash "not found". Marked stale instead,
      // so going back to it asks the server again.
      void queryClient.invalidateQueries({ queryKey: detailKey, refetchType: "none" });
      return queryClient.invalidateQueries({
        queryKey: counterpartiesQueryKey,
        predicate: (query) => query.queryKey[1] !== "detail" || query.queryKey[2] !== id,
      });
    },
  });
}
