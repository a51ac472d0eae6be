import type { ContractDetail, ContractReasonBody } from "@pwp/shared/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedContract } from "./get-contract";

/** Back to the orderer as a revisable draft, with the reason kept in the timeline. */
export function returnContract({ contractId, body }: { contractId: string; body: ContractReasonBody }): Promise<ContractDetail> {
  return request<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}/return`, { method: "POST", body });
}

export function useReturnContract() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: returnContract, onSuccess: (detail) => storeChangedContract(queryClient, detail) });
}
