import type { GuaranteeDetail, GuaranteeReasonBody } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedGuarantee } from "./get-guarantee";

/** The surety sends the application back to the contractor with what to correct. */
export function requestGuaranteeCorrection({ guaranteeId, body }: { guaranteeId: string; body: GuaranteeReasonBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}/request-correction`, { method: "POST", body });
}

export function useRequestGuaranteeCorrection() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: requestGuaranteeCorrection, onSuccess: (detail) => storeChangedGuarantee(queryClient, detail) });
}
