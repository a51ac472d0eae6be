import type { Locale } from "@pwp/shared/enums";
import { requestBlob } from "@/lib/api-client";

/** The signature report (PDF) of a contract, in the given language; fetched on demand for a download. */
export async function getSignatureReport(contractId: string, language: Locale): Promise<Blob> {
  const blob = await requestBlob(`/contracts/${encodeURIComponent(contractId)}/signature-report?lang=${encodeURIComponent(language)}`);
  return new Blob([blob], { type: "application/pdf" });
}
