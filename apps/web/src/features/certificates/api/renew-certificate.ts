import type { Certificate } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { certifyNewKey, keyTypeOf } from "../key-workflows";
import { certificatesQueryKey } from "./get-my-certificates";

export function renewCertificate(certificateId: string, csrBase64: string): Promise<Certificate> {
  return apiClient.post<Certificate>(`/certificates/${encodeURIComponent(certificateId)}/renew`, { csr: csrBase64 });
}

/** Renewal takes a fresh key of the same type; the new certificate is issued at once. */
export function useRenewCertificate(user: { id: string; name: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (certificate: Certificate) =>
      certifyNewKey({
        userId: user.id,
        userName: user.name,
        keyType: keyTypeOf(certificate),
        send: (csr) => renewCertificate(certificate.id, csr),
        linksOf: (issued) => ({ certificateId: issued.id }),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
