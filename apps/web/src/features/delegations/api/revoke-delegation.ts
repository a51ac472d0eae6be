import { delegationRevocationStatement, type RevokeDelegationBody, type RevokedDelegation } from "@pwp/shared/delegations";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { signStatement, type DelegationSigner } from "../signing";
import { delegationsQueryKey } from "./get-delegations";

export function revokeDelegation(delegationId: string, body: RevokeDelegationBody): Promise<RevokedDelegation> {
  return apiClient.post<RevokedDelegation>(`/delegations/${encodeURIComponent(delegationId)}/revoke`, body);
}

export type SignedRevocationInput = {
  delegationId: string;
  reason: string;
  organizationId: string;
  revokerId: string;
  signer: DelegationSigner;
};

/** Signs the revocation statement with the revoker's key and sends it. */
export async function signAndRevokeDelegation({ delegationId, reason, organizationId, revokerId, signer }: SignedRevocationInput): Promise<RevokedDelegation> {
  const statementId = crypto.randomUUID();
  const statement = delegationRevocationStatement({ statementId, organizationId, delegationId, revokerId, reason });
  const signedData = await signStatement(signer, statement);
  return revokeDelegation(delegationId, { reason, statementId, signedData });
}

export function useRevokeDelegation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signAndRevokeDelegation,
    // Refetched on failure too: a 409 means someone else revoked it (or a branch above it) meanwhile.
    onSettled: () => queryClient.invalidateQueries({ queryKey: delegationsQueryKey }),
  });
}
