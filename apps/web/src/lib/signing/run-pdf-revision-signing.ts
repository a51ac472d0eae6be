// The browser's wiring of signPdfRevision: pades.signPdf with the user's non-extractable key, the intermediate
// certificates to carry, and the platform's time-stamp authority. The caller gives the revision's bytes (from its
// query cache: the very bytes the page showed) and its signature endpoint. Imported only by the lazily loaded
// signing panels, so pkijs and the PDF code stay out of the other pages.
import { signPdf } from "@pwp/pki/pades";
import { postTimestampQuery, requestSignatureTimestamp } from "./signature-timestamp";
import { getIntermediatesFor, type SigningCertificate } from "./signing-certificates";
import { signPdfRevision, type PdfRevisionToSign, type SignedRevisionBody, type SigningStep } from "./sign-pdf-revision";

export type PdfRevisionSigningInput<Result> = {
  target: PdfRevisionToSign;
  signing: SigningCertificate;
  signerName: string;
  fetchRevisionPdf: () => Promise<Uint8Array>;
  submit: (body: SignedRevisionBody) => Promise<Result>;
  onStep: (step: SigningStep) => void;
};

export async function runPdfRevisionSigning<Result>(input: PdfRevisionSigningInput<Result>): Promise<Result> {
  const { signing } = input;
  input.onStep("preparing");
  const chainDer = await getIntermediatesFor(signing.certificate, signing.certificateDer);
  return signPdfRevision(
    input.target,
    { signerName: input.signerName, privateKey: signing.key.privateKey, certificateDer: signing.certificateDer, chainDer },
    {
      fetchRevisionPdf: input.fetchRevisionPdf,
      signPdf,
      requestTimestamp: (signatureValue) => requestSignatureTimestamp(signatureValue, postTimestampQuery),
      submit: input.submit,
      onStep: input.onStep,
    },
  );
}
