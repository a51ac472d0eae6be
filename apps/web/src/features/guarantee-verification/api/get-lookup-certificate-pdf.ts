import type { GuaranteeLookupPdfBody } from "@pwp/shared/guarantee-lookup";
import { requestBlob } from "@/lib/api-client";

/**
 * POST /api/verify/guarantee/certificate.pdf: a version's signed certificate PDF, selected by the same number and
 * key (in the body, never in a URL a link or the history would keep).
 */
export async function getLookupCertificatePdf(body: GuaranteeLookupPdfBody): Promise<Blob> {
  const blob = await requestBlob("/verify/guarantee/certificate.pdf", { method: "POST", body });
  // Typed explicitly: the download needs application/pdf whatever the response said.
  return new Blob([blob], { type: "application/pdf" });
}
