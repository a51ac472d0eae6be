// Which of the user's certificates can sign in this browser: valid now, with its private key in this browser's key
// store (matched by public key, so a key whose request was approved while the page was closed is found too), and
// the intermediate certificate to carry in the signature. Shared by the features that sign documents (contracts,
// guarantees); loaded only with their signing panels, since it parses certificates with pkijs.
import type { Certificate, MyCertificates } from "@pwp/shared/certificates";
import { queryOptions } from "@tanstack/react-query";
import { parseCertificate } from "@pwp/pki/certificate";
import { fromBase64, fromPem } from "@pwp/pki/encoding";
import { apiClient, requestBlob } from "@/lib/api-client";
import { matchKeysToCertificates, type StoredKey } from "@/lib/key-store";

export type SigningCertificate = { certificate: Certificate; certificateDer: Uint8Array; key: StoredKey };

/** The user's valid certificates whose key this browser holds, newest first. */
export async function getSigningCertificates(userId: string, signal?: AbortSignal): Promise<SigningCertificate[]> {
  const { certificates } = await apiClient.get<MyCertificates>("/certificates", { signal });
  const valid = certificates
    .filter((certificate) => certificate.status === "VALID")
    .sort((a, b) => b.notBefore.localeCompare(a.notBefore))
    .map((certificate) => ({ certificate, certificateDer: fromBase64(certificate.certificate) }));
  const withSpki = await Promise.all(
    valid.map(async ({ certificate, certificateDer }) => ({ id: certificate.id, publicKeySpki: (await parseCertificate(certificateDer)).publicKeySpki })),
  );
  const keys = await matchKeysToCertificates(userId, withSpki);
  return valid.flatMap((entry) => {
    const key = keys.get(entry.certificate.id);
    return key ? [{ ...entry, key }] : [];
  });
}

export function signingCertificatesQueryOptions(userId: string) {
  return queryOptions({
    queryKey: ["signing-certificates", userId],
    queryFn: ({ signal }) => getSigningCertificates(userId, signal),
    // Certificates are issued and revoked elsewhere: always ask again when a signing panel opens.
    staleTime: 0,
    // A key store that cannot be opened (a private window) will not open on a retry either.
    retry: false,
  });
}

/**
 * The intermediates to put in the signature so any verifier (pdfsig, Acrobat, openssl cms) can build the chain to
 * the root: for a platform-issued certificate, the platform CA certificate that issued it (GET /api/pki/ca.pem holds
 * the root and the issuing CA; the root itself is left out, a verifier must already trust it). An imported
 * certificate's chain is not kept in this browser; the server completes it from what was registered.
 */
export async function getIntermediatesFor(certificate: Pick<Certificate, "origin">, certificateDer: Uint8Array): Promise<Uint8Array[]> {
  if (certificate.origin !== "ISSUED") return [];
  const [info, pem] = await Promise.all([parseCertificate(certificateDer), requestBlob("/pki/ca.pem").then((blob) => blob.text())]);
  const authorities = await Promise.all(fromPem(pem).filter((block) => block.label === "CERTIFICATE").map((block) => parseCertificate(block.der)));
  return authorities.filter((authority) => !authority.isSelfIssued && authority.subjectDn === info.issuerDn).map((authority) => authority.der);
}
