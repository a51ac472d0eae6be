import type { ContractDetail, CreateContractBody } from "@pwp/shared/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedContract } from "./get-contract";

export function createContract(body: CreateContractBody): Promise<ContractDetail> {
  return request<ContractDetail>("/contracts", { method: "POST", body });
}

export function useCreateContract() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createContract, onSuccess: (detail) => storeChangedContract(queryClient, detail) });
}
