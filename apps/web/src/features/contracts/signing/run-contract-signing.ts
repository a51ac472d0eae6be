// The contract's wiring of the shared browser signing: the PDF from the query cache (the very bytes the page showed,
// or fetched now) and the contract's signature endpoint. Imported only by the lazily loaded signing panel.
import type { ContractDetail } from "@pwp/shared/contracts";
import { toBytes } from "@pwp/pki/encoding";
import type { QueryClient } from "@tanstack/react-query";
import { runPdfRevisionSigning } from "@/lib/signing/run-pdf-revision-signing";
import { PdfSigningError, type SigningStep } from "@/lib/signing/sign-pdf-revision";
import type { SigningCertificate } from "@/lib/signing/signing-certificates";
import { contractPdfQueryOptions } from "../api/get-contract-pdf";
import { signContract } from "../api/sign-contract";
import { contractSignatureTarget } from "./contract-signature";

export function runContractSigning(input: {
  queryClient: QueryClient;
  detail: ContractDetail;
  signing: SigningCertificate;
  signerName: string;
  onStep: (step: SigningStep) => void;
}): Promise<ContractDetail> {
  const { queryClient, detail } = input;
  const target = contractSignatureTarget(detail);
  if (!target) return Promise.reject(new PdfSigningError("NO_REVISION", "It is not this organisation's turn to sign."));
  return runPdfRevisionSigning({
    target,
    signing: input.signing,
    signerName: input.signerName,
    // signPdfRevision has already refused a contract without a revision; the fallback is never used.
    fetchRevisionPdf: async () => {
      const revision = detail.currentRevision ?? { edition: detail.edition, revision: 0, sha256: "" };
      const blob = await queryClient.fetchQuery(contractPdfQueryOptions(detail.id, revision));
      return toBytes(await blob.arrayBuffer());
    },
    submit: (body) => signContract({ contractId: detail.id, body }),
    onStep: input.onStep,
  });
}
