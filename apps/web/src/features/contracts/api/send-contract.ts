import type { ContractDetail } from "@pwp/shared/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedContract } from "./get-contract";

/** Freezes the content: the server renders the PDF revision the contractor will review. */
export function sendContract({ contractId, version }: { contractId: string; version: number }): Promise<ContractDetail> {
  return request<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}/send`, { method: "POST", body: { version } });
}

export function useSendContract() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: sendContract, onSuccess: (detail) => storeChangedContract(queryClient, detail) });
}
