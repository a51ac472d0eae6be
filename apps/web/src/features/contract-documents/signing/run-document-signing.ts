// The document's wiring of the shared browser signing: the PDF from the query cache (the very bytes the page
// showed, or fetched now) and the document's signature endpoint. Imported only by the lazily loaded signing panel.
import type { ContractDocumentDetail } from "@pwp/shared/contract-documents";
import { toBytes } from "@pwp/pki/encoding";
import type { QueryClient } from "@tanstack/react-query";
import { runPdfRevisionSigning } from "@/lib/signing/run-pdf-revision-signing";
import { PdfSigningError, type SigningStep } from "@/lib/signing/sign-pdf-revision";
import type { SigningCertificate } from "@/lib/signing/signing-certificates";
import { contractDocumentPdfQueryOptions } from "../api/get-contract-document-pdf";
import { signContractDocument } from "../api/sign-contract-document";
import { documentSignatureTarget } from "./document-signature";

export function runDocumentSigning(input: {
  queryClient: QueryClient;
  detail: ContractDocumentDetail;
  signing: SigningCertificate;
  signerName: string;
  onStep: (step: SigningStep) => void;
}): Promise<ContractDocumentDetail> {
  const { queryClient, detail } = input;
  const target = documentSignatureTarget(detail);
  // The panel is offered only with SIGN allowed, which comes with a field; a detail without one has moved on.
  if (!target) return Promise.reject(new PdfSigningError("NO_REVISION", "It is not this side's turn to sign."));
  return runPdfRevisionSigning({
    target,
    signing: input.signing,
    signerName: input.signerName,
    // signPdfRevision has already refused a document without a revision; the fallback is never used.
    fetchRevisionPdf: async () => {
      const revision = detail.currentRevision ?? { edition: detail.edition, revision: 0, sha256: "" };
      const blob = await queryClient.fetchQuery(contractDocumentPdfQueryOptions(detail.id, revision));
      return toBytes(await blob.arrayBuffer());
    },
    submit: (body) => signContractDocument({ documentId: detail.id, body }),
    onStep: input.onStep,
  });
}
