import type { ContractDetail } from "@pwp/shared/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedContract } from "./get-contract";

export function deleteAnnex({ contractId, version }: { contractId: string; version: number }): Promise<ContractDetail> {
  return request<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}/annex?version=${version}`, { method: "DELETE" });
}

export function useDeleteAnnex() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteAnnex, onSuccess: (detail) => storeChangedContract(queryClient, detail) });
}
