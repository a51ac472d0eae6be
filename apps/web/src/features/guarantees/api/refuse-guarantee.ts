import type { GuaranteeDetail, GuaranteeReasonBody } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedGuarantee } from "./get-guarantee";

/** The surety declines the application, with the reason the contractor reads. */
export function refuseGuarantee({ guaranteeId, body }: { guaranteeId: string; body: GuaranteeReasonBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}/refuse`, { method: "POST", body });
}

export function useRefuseGuarantee() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: refuseGuarantee, onSuccess: (detail) => storeChangedGuarantee(queryClient, detail) });
}
