import type { CertificateRequest } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { discardKeyOfRequest } from "../key-workflows";
import { certificatesQueryKey } from "./get-my-certificates";

export function cancelCertificateRequest(requestId: string): Promise<CertificateRequest> {
  return request<CertificateRequest>(`/certificates/requests/${encodeURIComponent(requestId)}`, { method: "DELETE" });
}

/** Cancelling also drops the key made for the request: no certificate will ever be issued for it. */
export function useCancelCertificateRequest(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (requestId: string) => {
      const cancelled = await cancelCertificateRequest(requestId);
      await discardKeyOfRequest(userId, requestId);
      return cancelled;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
