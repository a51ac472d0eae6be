import type { GuaranteeDetail, UpdateGuaranteeBody } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedGuarantee } from "./get-guarantee";

export function updateGuarantee({ guaranteeId, body }: { guaranteeId: string; body: UpdateGuaranteeBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}`, { method: "PUT", body });
}

export function useUpdateGuarantee() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateGuarantee, onSuccess: (detail) => storeChangedGuarantee(queryClient, detail) });
}
