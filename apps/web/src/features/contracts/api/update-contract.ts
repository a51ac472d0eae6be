import type { ContractDetail, UpdateContractBody } from "@pwp/shared/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedContract } from "./get-contract";

export function updateContract({ contractId, body }: { contractId: string; body: UpdateContractBody }): Promise<ContractDetail> {
  return request<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}`, { method: "PUT", body });
}

export function useUpdateContract() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateContract, onSuccess: (detail) => storeChangedContract(queryClient, detail) });
}
