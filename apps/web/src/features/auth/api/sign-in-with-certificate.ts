import type { Session } from "@pwp/shared/auth";
import type { CertificateSignInBody } from "@pwp/shared/certificates";
import { createSignedData } from "@pwp/pki/cms";
import { fromBase64, toBase64 } from "@pwp/pki/encoding";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient, setAccessToken } from "@/lib/api-client";
import { createCertificateChallenge } from "./create-certificate-challenge";
import { resetSessionCache } from "./get-current-user";
import type { SignInCertificate } from "./get-sign-in-certificates";

/**
 * The second step of signing in: the server's challenge is signed here with the non-extractable key (a detached
 * CMS SignedData carrying the certificate and signing-certificate-v2, which the server requires), and the answer
 * opens a certificate session that replaces the password session (new access token, new refresh cookie).
 */
export async function signInWithCertificate({ certificate, key }: SignInCertificate): Promise<Session> {
  const challenge = await createCertificateChallenge();
  const signedData = await createSignedData({
    content: fromBase64(challenge.challenge),
    signerCertificateDer: fromBase64(certificate.certificate),
    privateKey: key.privateKey,
  });
  const body: CertificateSignInBody = { challengeId: challenge.challengeId, signedData: toBase64(signedData) };
  const session = await apiClient.post<Session>("/auth/certificate-sign-in", body);
  setAccessToken(session.accessToken, session.isCertificateSession === true);
  return session;
}

export function useSignInWithCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signInWithCertificate,
    onSuccess: (session) => resetSessionCache(queryClient, session.user),
  });
}
