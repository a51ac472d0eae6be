import type { PrepareGuaranteeVersionBody, PreparedGuaranteeVersion } from "@pwp/shared/guarantees";
import { request } from "@/lib/api-client";

/**
 * The server numbers the guarantee (on issue), builds the canonical document and renders the certificate and fee
 * statement PDFs of the next version; the browser then checks and signs exactly those bytes.
 */
export function prepareGuaranteeVersion({ guaranteeId, body }: { guaranteeId: string; body: PrepareGuaranteeVersionBody }): Promise<PreparedGuaranteeVersion> {
  return request<PreparedGuaranteeVersion>(`/guarantees/${encodeURIComponent(guaranteeId)}/versions/prepare`, { method: "POST", body });
}
