// Signing a delegation statement in the browser: the statement is built by packages/shared (the server rebuilds
// the same bytes to verify), and signed with the user's non-extractable key as a detached CMS SignedData carrying
// the certificate and signing-certificate-v2, as certificate sign-in does. Pure functions, no React.
import type { Certificate } from "@pwp/shared/certificates";
import { encodeStatement } from "@pwp/shared/delegations";
import { createSignedData } from "@pwp/pki/cms";
import { fromBase64, toBase64 } from "@pwp/pki/encoding";
import type { StoredKey } from "@/lib/key-store";

/** One of the user's valid certificates whose private key this browser holds (found by the app layer). */
export type DelegationSigner = {
  certificate: Pick<Certificate, "id" | "subjectDn" | "notAfter" | "certificate">;
  key: Pick<StoredKey, "privateKey">;
};

/** The base64 DER SignedData over the statement's UTF-8 bytes. */
export async function signStatement(signer: DelegationSigner, statement: string): Promise<string> {
  const signedData = await createSignedData({
    content: encodeStatement(statement),
    signerCertificateDer: fromBase64(signer.certificate.certificate),
    privateKey: signer.key.privateKey,
  });
  return toBase64(signedData);
}

/** The common name in a DN as the API prints it ("C=KR, O=…, CN=Kim"), unescaped; the whole DN if it has none. */
export function commonNameOf(distinguishedName: string): string {
  const match = /(?:^|,\s*)CN=((?:\\.|[^,\\])*)/.exec(distinguishedName);
  return match?.[1] ? match[1].replace(/\\(.)/g, "$1").trim() : distinguishedName;
}

