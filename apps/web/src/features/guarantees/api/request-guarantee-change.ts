import type { GuaranteeDetail, RequestGuaranteeChangeBody } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { contractDetailQueryOptions } from "./get-contract-detail";
import { guaranteeQueryOptions, storeChangedGuarantee } from "./get-guarantee";

/** 変更申込: the contractor asks the surety to change an issued guarantee; the surety decides and signs the change. */
export function requestGuaranteeChange({ guaranteeId, body }: { guaranteeId: string; body: RequestGuaranteeChangeBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}/change-request`, { method: "POST", body });
}

/**
 * `contractId`, when the request is made from a contract's page: that contract's queries are refetched too, since
 * its documents list says which guarantees were asked to change. That list lives under the contract's detail key,
 * which contractDetailQueryOptions shares with the contracts feature.
 */
export function useRequestGuaranteeChange({ contractId }: { contractId?: string } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestGuaranteeChange,
    onSuccess: (detail) => storeChangedGuarantee(queryClient, detail),
    // Refused (someone acted first, say): the guarantee as it is now.
    onError: (_error, { guaranteeId }) => queryClient.invalidateQueries({ queryKey: guaranteeQueryOptions(guaranteeId).queryKey }),
    onSettled: () => (contractId ? queryClient.invalidateQueries({ queryKey: contractDetailQueryOptions(contractId).queryKey }) : undefined),
  });
}
