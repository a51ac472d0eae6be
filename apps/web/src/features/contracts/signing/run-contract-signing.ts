// The browser's wiring of signContractRevision: the PDF from the query cache (the very bytes the page showed, or
// fetched now), pades.signPdf with the user's non-extractable key, the platform's time-stamp authority, and the
// signature endpoint. Imported only by the lazily loaded signing panel.
import type { ContractDetail } from "@pwp/shared/contracts";
import { signPdf } from "@pwp/pki/pades";
import { toBytes } from "@pwp/pki/encoding";
import type { QueryClient } from "@tanstack/react-query";
import { postTimestampQuery } from "@/lib/signing/signature-timestamp";
import { getIntermediatesFor, type SigningCertificate } from "@/lib/signing/signing-certificates";
import { contractPdfQueryOptions } from "../api/get-contract-pdf";
import { signContract } from "../api/sign-contract";
import { requestSignatureTimestamp, signContractRevision, type SigningStep } from "./sign-contract-revision";

export async function runContractSigning(input: {
  queryClient: QueryClient;
  detail: ContractDetail;
  signing: SigningCertificate;
  signerName: string;
  onStep: (step: SigningStep) => void;
}): Promise<ContractDetail> {
  const { queryClient, detail, signing } = input;
  input.onStep("preparing");
  const chainDer = await getIntermediatesFor(signing.certificate, signing.certificateDer);
  return signContractRevision(
    detail,
    { signerName: input.signerName, privateKey: signing.key.privateKey, certificateDer: signing.certificateDer, chainDer },
    {
      // signContractRevision has already refused a contract without a revision; the fallback is never used.
      fetchRevisionPdf: async () => {
        const revision = detail.currentRevision ?? { edition: detail.edition, revision: 0, sha256: "" };
        const blob = await queryClient.fetchQuery(contractPdfQueryOptions(detail.id, revision));
        return toBytes(await blob.arrayBuffer());
      },
      signPdf,
      requestTimestamp: (signatureValue) => requestSignatureTimestamp(signatureValue, postTimestampQuery),
      submit: (body) => signContract({ contractId: detail.id, body }),
      onStep: input.onStep,
    },
  );
}
