// The browser's wiring of the guarantee signing steps: the prepared PDFs from the API, createSignedData and
// pades.signPdf with the user's non-extractable key, the platform's time-stamp authority, and the sign endpoint.
// Imported only by the lazily loaded signing panel, so pkijs and the PDF code stay out of the other pages.
import type { GuaranteeDetail, PreparedGuaranteeVersion } from "@pwp/shared/guarantees";
import { createSignedData } from "@pwp/pki/cms";
import { toBytes } from "@pwp/pki/encoding";
import { signPdf } from "@pwp/pki/pades";
import { postTimestampQuery, requestSignatureTimestamp } from "@/lib/signing/signature-timestamp";
import { getIntermediatesFor, type SigningCertificate } from "@/lib/signing/signing-certificates";
import { getGuaranteeVersionPdf } from "../api/get-guarantee-version-pdf";
import { signGuaranteeVersion } from "../api/sign-guarantee-version";
import { fetchPreparedDocuments, signPreparedVersion, type GuaranteeSigningStep, type PreparedDocuments } from "./sign-guarantee-version";

/** The prepared version's PDFs, checked against the prepared hashes. */
export function loadPreparedDocuments(guaranteeId: string, prepared: PreparedGuaranteeVersion): Promise<PreparedDocuments> {
  return fetchPreparedDocuments(prepared, async (document) => toBytes(await (await getGuaranteeVersionPdf(guaranteeId, prepared.number, document)).arrayBuffer()));
}

export async function runGuaranteeSigning(input: {
  guaranteeId: string;
  prepared: PreparedGuaranteeVersion;
  documents: PreparedDocuments;
  signing: SigningCertificate;
  signerName: string;
  onStep: (step: GuaranteeSigningStep) => void;
}): Promise<GuaranteeDetail> {
  const { signing, prepared } = input;
  input.onStep("signing");
  const chainDer = await getIntermediatesFor(signing.certificate, signing.certificateDer);
  return signPreparedVersion(
    prepared,
    input.documents,
    { signerName: input.signerName, privateKey: signing.key.privateKey, certificateDer: signing.certificateDer, chainDer },
    {
      createSignedData,
      signPdf,
      requestTimestamp: (signatureValue) => requestSignatureTimestamp(signatureValue, postTimestampQuery),
      submit: (body) => signGuaranteeVersion({ guaranteeId: input.guaranteeId, versionNumber: prepared.number, body }),
      onStep: input.onStep,
    },
  );
}
