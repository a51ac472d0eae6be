import type { PdfVerificationReport } from "@pwp/shared/pdf-verification";
import { useMutation } from "@tanstack/react-query";
import { request } from "@/lib/api-client";

/** POST /api/verify/pdf: the server verifies every signature of the file; anyone may ask, no account needed. */
export function verifyPdf(file: Blob): Promise<PdfVerificationReport> {
  return request<PdfVerificationReport>("/verify/pdf", { method: "POST", body: file, contentType: "application/pdf", canRefresh: false });
}

export function useVerifyPdf() {
  return useMutation({ mutationFn: verifyPdf });
}
