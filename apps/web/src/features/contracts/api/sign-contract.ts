import type { ContractDetail, SignContractBody } from "@pwp/shared/contracts";
import { request } from "@/lib/api-client";

/** The signed PDF (the reviewed revision plus this side's signature); the same body sent twice signs once. */
export function signContract({ contractId, body }: { contractId: string; body: SignContractBody }): Promise<ContractDetail> {
  return request<ContractDetail>(`/contracts/${encodeURIComponent(contractId)}/signatures`, { method: "POST", body });
}
