import { requestBlob } from "@/lib/api-client";

export type GuaranteeVersionDocument = "certificate" | "fee-statement";

/**
 * A version's certificate or fee statement PDF: the prepared bytes while the version waits for the surety's
 * signature, the signed ones afterwards. Fetched on demand (a download, or the review before signing).
 */
export async function getGuaranteeVersionPdf(guaranteeId: string, versionNumber: number, document: GuaranteeVersionDocument, signal?: AbortSignal): Promise<Blob> {
  const blob = await requestBlob(`/guarantees/${encodeURIComponent(guaranteeId)}/versions/${versionNumber}/${document}.pdf`, { signal });
  // Typed explicitly: the viewer and the download need application/pdf whatever the response said.
  return new Blob([blob], { type: "application/pdf" });
}
