import type { AcceptGuaranteeBody, GuaranteeLookupResult } from "@pwp/shared/guarantee-lookup";
import { useMutation } from "@tanstack/react-query";
import { request } from "@/lib/api-client";

/** POST /api/verify/guarantee/accept (접수 · 受理): a signed-in orderer user; answers with the lookup as it stands now. */
export function acceptGuarantee(body: AcceptGuaranteeBody): Promise<GuaranteeLookupResult> {
  return request<GuaranteeLookupResult>("/verify/guarantee/accept", { method: "POST", body });
}

/** gcTime 0: the body carries the key (see useVerifyGuarantee). */
export function useAcceptGuarantee() {
  return useMutation({ mutationFn: acceptGuarantee, gcTime: 0 });
}
