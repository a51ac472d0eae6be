import type { GuaranteeDetail, GuaranteeVersionBody } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedGuarantee } from "./get-guarantee";

/** The key notice goes to the orderer through the platform, attached to the guarantee's contract. */
export function submitKeyNotice({ guaranteeId, body }: { guaranteeId: string; body: GuaranteeVersionBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}/submit-key-notice`, { method: "POST", body });
}

export function useSubmitKeyNotice() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: submitKeyNotice, onSuccess: (detail) => storeChangedGuarantee(queryClient, detail) });
}
