import type { CertificateRequest, RejectCertificateRequestBody } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { certificatesQueryKey } from "./get-my-certificates";

export function rejectCertificateRequest(requestId: string, body: RejectCertificateRequestBody): Promise<CertificateRequest> {
  return apiClient.post<CertificateRequest>(`/certificates/requests/${encodeURIComponent(requestId)}/reject`, body);
}

export function useRejectCertificateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, reason }: { requestId: string; reason: string }) => rejectCertificateRequest(requestId, { reason }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
