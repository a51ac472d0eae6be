import type { ContractDetail } from "@pwp/shared/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedContract } from "./get-contract";

/**
 * The annex (e.g. 공사계약 일반조건 / 特記仕様書) as the raw PDF body; its name and the version the form was made
 * on travel in the query (a stale version gets 409 rather than replacing someone else's change).
 */
export function uploadAnnex({ contractId, file, version }: { contractId: string; file: File; version: number }): Promise<ContractDetail> {
  const query = new URLSearchParams({ fileName: file.name, version: String(version) });
  return request<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}/annex?${query}`, {
    method: "PUT",
    body: file,
    contentType: "application/pdf",
  });
}

export function useUploadAnnex() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: uploadAnnex, onSuccess: (detail) => storeChangedContract(queryClient, detail) });
}
