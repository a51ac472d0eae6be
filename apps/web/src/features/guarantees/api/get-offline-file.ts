import { requestBlob } from "@/lib/api-client";

/** The scan or PDF the contractor uploaded with an offline guarantee, with the type the server stored. */
export function getOfflineFile(guaranteeId: string): Promise<Blob> {
  return requestBlob(`/guarantees/${encodeURIComponent(guaranteeId)}/offline-file`);
}
