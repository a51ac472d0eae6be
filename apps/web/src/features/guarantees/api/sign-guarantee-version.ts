import type { GuaranteeDetail, SignGuaranteeVersionBody } from "@pwp/shared/guarantees";
import { request } from "@/lib/api-client";

/** The surety's signatures over a prepared version (CMS over the canonical JSON, PAdES over each PDF). */
export function signGuaranteeVersion({ guaranteeId, versionNumber, body }: { guaranteeId: string; versionNumber: number; body: SignGuaranteeVersionBody }): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>(`/guarantees/${encodeURIComponent(guaranteeId)}/versions/${versionNumber}/sign`, { method: "POST", body });
}
