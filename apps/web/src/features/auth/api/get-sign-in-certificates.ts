import type { Certificate, MyCertificates } from "@pwp/shared/certificates";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { attachCertificate, listKeys, type StoredKey } from "@/lib/key-store";

/** A certificate of the user's that certificate sign-in can use now: valid, and its private key is in this browser. */
export type SignInCertificate = { certificate: Certificate; key: StoredKey };

/**
 * Whether this browser holds a key that is, or may by now be, certified for the user: asked before anything goes
 * to the server, so a user who never made a key here goes straight on after the password. False when the browser
 * has no usable key store (a private window): certificate sign-in is not possible there anyway.
 */
export async function hasCertificateKey(userId: string): Promise<boolean> {
  try {
    return (await listKeys(userId)).some((key) => key.certificateId !== null || key.requestId !== null);
  } catch {
    return false;
  }
}

/**
 * The user's valid certificates with a key in this browser, newest first. A key made for a request that was
 * approved while this browser was closed is matched through the request and remembered from then on.
 */
export async function getSignInCertificates(userId: string, signal?: AbortSignal): Promise<SignInCertificate[]> {
  if (!(await hasCertificateKey(userId))) return [];
  const [{ certificates, requests }, keys] = await Promise.all([apiClient.get<MyCertificates>("/certificates", { signal }), listKeys(userId)]);
  const usable: SignInCertificate[] = [];
  for (const certificate of certificates) {
    if (certificate.status !== "VALID") continue;
    const keyByCertificate = keys.find((key) => key.certificateId === certificate.id);
    if (keyByCertificate) {
      usable.push({ certificate, key: keyByCertificate });
      continue;
    }
    const request = requests.find((candidate) => candidate.issuedCertificateId === certificate.id);
    const keyByRequest = request && keys.find((key) => key.requestId === request.id && key.certificateId === null);
    if (keyByRequest) usable.push({ certificate, key: await attachCertificate(keyByRequest.id, certificate.id) });
  }
  return usable.sort((a, b) => b.certificate.notBefore.localeCompare(a.certificate.notBefore));
}

export function signInCertificatesQueryOptions(userId: string) {
  return queryOptions({
    queryKey: ["auth", "sign-in-certificates", userId],
    queryFn: ({ signal }) => getSignInCertificates(userId, signal),
    // Certificates are issued, revoked and imported on other pages and in other browsers: always ask again.
    staleTime: 0,
  });
}

export function useSignInCertificates(userId: string) {
  return useQuery(signInCertificatesQueryOptions(userId));
}
