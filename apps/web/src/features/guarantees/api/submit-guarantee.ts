import type { GuaranteeDetail, GuaranteeVersionBody } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedGuarantee } from "./get-guarantee";

/** The application goes to the surety; sending needs the guarantees scope (representative or delegation). */
export function submitGuarantee({ guaranteeId, body }: { guaranteeId: string; body: GuaranteeVersionBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}/submit`, { method: "POST", body });
}

export function useSubmitGuarantee() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: submitGuarantee, onSuccess: (detail) => storeChangedGuarantee(queryClient, detail) });
}
