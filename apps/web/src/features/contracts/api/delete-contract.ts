import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { contractQueryOptions } from "./get-contract";
import { contractsQueryKey } from "./get-contracts";

export function deleteContract(contractId: string): Promise<void> {
  return request<void>(`/contracts/${encodeURIComponent(contractId)}`, { method: "DELETE" });
}

export function useDeleteContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteContract,
    onSuccess: (_result, contractId) => {
      // The page showing it is being left: dropped rather than refetched, which would only flash "not found".
      queryClient.removeQueries({ queryKey: contractQueryOptions(contractId).queryKey });
      return queryClient.invalidateQueries({ queryKey: contractsQueryKey });
    },
  });
}
