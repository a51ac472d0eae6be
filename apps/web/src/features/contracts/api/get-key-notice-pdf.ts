import { requestBlob } from "@/lib/api-client";

/** The authentication key notice (PDF) the contractor submitted with a guarantee; fetched on demand for a download. */
export async function getKeyNoticePdf(guaranteeId: string): Promise<Blob> {
  const blob = await requestBlob(`/guarantees/${encodeURIComponent(guaranteeId)}/key-notice.pdf`);
  return new Blob([blob], { type: "application/pdf" });
}
