import type { CertificateChallenge } from "@pwp/shared/certificates";
import { apiClient } from "@/lib/api-client";

/** A fresh, single-use challenge to sign; asked for at the moment of signing, as it expires within two minutes. */
export function createCertificateChallenge(): Promise<CertificateChallenge> {
  return apiClient.post<CertificateChallenge>("/auth/certificate-challenge");
}
