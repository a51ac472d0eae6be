import type { Certificate } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { certificatesQueryKey } from "./get-my-certificates";

/** Approving issues the certificate at once (one year). */
export function approveCertificateRequest(requestId: string): Promise<Certificate> {
  return apiClient.post<Certificate>(`/certificates/requests/${encodeURIComponent(requestId)}/approve`);
}

export function useApproveCertificateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveCertificateRequest,
    // Refetched on failure too: a 409 means someone else decided first.
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
