import type { GuaranteeDetail, GuaranteeVersionBody } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedGuarantee } from "./get-guarantee";

/** A new authentication key: the old one stops opening the lookup (the contractor must send a new notice). */
export function rekeyGuarantee({ guaranteeId, body }: { guaranteeId: string; body: GuaranteeVersionBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}/rekey`, { method: "POST", body });
}

export function useRekeyGuarantee() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: rekeyGuarantee, onSuccess: (detail) => storeChangedGuarantee(queryClient, detail) });
}
