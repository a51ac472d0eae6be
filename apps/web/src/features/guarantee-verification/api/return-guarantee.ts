import type { GuaranteeLookupResult, ReturnGuaranteeBody } from "@pwp/shared/guarantee-lookup";
import { useMutation } from "@tanstack/react-query";
import { request } from "@/lib/api-client";

/** POST /api/verify/guarantee/return (반려 · 返戻) with the reason; answers with the lookup as it stands now. */
export function returnGuarantee(body: ReturnGuaranteeBody): Promise<GuaranteeLookupResult> {
  return request<GuaranteeLookupResult>("/verify/guarantee/return", { method: "POST", body });
}

/** gcTime 0: the body carries the key (see useVerifyGuarantee). */
export function useReturnGuarantee() {
  return useMutation({ mutationFn: returnGuarantee, gcTime: 0 });
}
