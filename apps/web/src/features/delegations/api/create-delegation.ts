import { delegationGrantStatement, type CreateDelegationBody, type Delegation } from "@pwp/shared/delegations";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { signStatement, type DelegationSigner } from "../signing";
import { delegationsQueryKey } from "./get-delegations";

export function createDelegation(body: CreateDelegationBody): Promise<Delegation> {
  return apiClient.post<Delegation>("/delegations", body);
}

export type SignedGrantInput = {
  request: Pick<CreateDelegationBody, "agentId" | "scopes" | "validFrom" | "validUntil" | "parentId">;
  organizationId: string;
  grantorId: string;
  signer: DelegationSigner;
};

/**
 * Signs the grant statement with the grantor's key and sends it. The statement id is fresh for every attempt, so a
 * retried request is a new statement (a replayed one is refused).
 */
export async function signAndCreateDelegation({ request, organizationId, grantorId, signer }: SignedGrantInput): Promise<Delegation> {
  const statementId = crypto.randomUUID();
  const statement = delegationGrantStatement({ ...request, statementId, organizationId, grantorId });
  const signedData = await signStatement(signer, statement);
  return createDelegation({ ...request, statementId, signedData });
}

export function useCreateDelegation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signAndCreateDelegation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegationsQueryKey }),
  });
}
