import type { Certificate, RevocationReason } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { certificatesQueryKey } from "./get-my-certificates";

export function revokeCertificate(certificateId: string, reason: RevocationReason): Promise<Certificate> {
  return apiClient.post<Certificate>(`/certificates/${encodeURIComponent(certificateId)}/revoke`, { reason });
}

export function useRevokeCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ certificateId, reason }: { certificateId: string; reason: RevocationReason }) => revokeCertificate(certificateId, reason),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
