import type { Certificate, ReissueCertificateBody, ReissueReason } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { certifyNewKey, keyTypeOf } from "../key-workflows";
import { certificatesQueryKey } from "./get-my-certificates";

export function reissueCertificate(certificateId: string, body: ReissueCertificateBody): Promise<Certificate> {
  return apiClient.post<Certificate>(`/certificates/${encodeURIComponent(certificateId)}/reissue`, body);
}

/** A reissue always takes a new key (the point is to stop using the old one); the old certificate is revoked at once. */
export function useReissueCertificate(user: { id: string; name: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ certificate, reason }: { certificate: Certificate; reason: ReissueReason }) =>
      certifyNewKey({
        userId: user.id,
        userName: user.name,
        keyType: keyTypeOf(certificate),
        send: (csr) => reissueCertificate(certificate.id, { csr, reason }),
        linksOf: (issued) => ({ certificateId: issued.id }),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
