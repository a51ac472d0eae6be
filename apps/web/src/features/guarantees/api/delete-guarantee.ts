import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { guaranteeQueryOptions } from "./get-guarantee";
import { guaranteesQueryKey } from "./get-guarantees";

/** Only a draft that was never sent can be deleted (the API answers 409 with the state otherwise). */
export function deleteGuarantee(guaranteeId: string): Promise<void> {
  return request<void>(`/guarantees/${encodeURIComponent(guaranteeId)}`, { method: "DELETE" });
}

export function useDeleteGuarantee() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteGuarantee,
    onSuccess: (_result, guaranteeId) => {
      // The page showing it is being left: dropped rather than refetched, which would only flash "not found".
      queryClient.removeQueries({ queryKey: guaranteeQueryOptions(guaranteeId).queryKey });
      return queryClient.invalidateQueries({ queryKey: guaranteesQueryKey });
    },
  });
}
