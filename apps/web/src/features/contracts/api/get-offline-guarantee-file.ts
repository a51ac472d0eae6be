import { requestBlob } from "@/lib/api-client";

/** The scan or PDF of a guarantee recorded outside the platform, as the contractor uploaded it. */
export function getOfflineGuaranteeFile(guaranteeId: string): Promise<Blob> {
  return requestBlob(`/guarantees/${encodeURIComponent(guaranteeId)}/offline-file`);
}
