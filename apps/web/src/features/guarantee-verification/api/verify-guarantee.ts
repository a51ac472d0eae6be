import type { GuaranteeLookupResult, VerifyGuaranteeBody } from "@pwp/shared/guarantee-lookup";
import { useMutation } from "@tanstack/react-query";
import { request } from "@/lib/api-client";

/**
 * POST /api/verify/guarantee: the number and key as typed (the server normalises them). Anyone may ask; with a
 * session the bearer token goes along, and a user of the guarantee's orderer gets ordererActions.
 */
export function verifyGuarantee(body: VerifyGuaranteeBody): Promise<GuaranteeLookupResult> {
  return request<GuaranteeLookupResult>("/verify/guarantee", { method: "POST", body });
}

/**
 * A mutation, not a query: the key must not become part of a cache key. gcTime 0 drops the mutation (whose
 * variables hold the key) from the client's cache as soon as the page that made it is gone.
 */
export function useVerifyGuarantee() {
  return useMutation({ mutationFn: verifyGuarantee, gcTime: 0 });
}
