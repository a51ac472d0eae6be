import type { ContractDetail, ContractReasonBody } from "@pwp/shared/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedContract } from "./get-contract";

export function cancelContract({ contractId, body }: { contractId: string; body: ContractReasonBody }): Promise<ContractDetail> {
  return request<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}/cancel`, { method: "POST", body });
}

export function useCancelContract() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelContract, onSuccess: (detail) => storeChangedContract(queryClient, detail) });
}
