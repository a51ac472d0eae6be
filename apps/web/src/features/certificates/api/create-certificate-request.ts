import type { CertificateRequest } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import type { SigningKeyType } from "@/lib/key-store";
import { certifyNewKey } from "../key-workflows";
import { certificatesQueryKey } from "./get-my-certificates";

export function createCertificateRequest(csrBase64: string): Promise<CertificateRequest> {
  return apiClient.post<CertificateRequest>("/certificates/requests", { csr: csrBase64, kind: "NEW" });
}

/** Makes the key in this browser, sends its request, and keeps the key with the request's id until approval. */
export function useCreateCertificateRequest(user: { id: string; name: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyType: SigningKeyType) =>
      certifyNewKey({
        userId: user.id,
        userName: user.name,
        keyType,
        send: createCertificateRequest,
        linksOf: (request) => ({ requestId: request.id }),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
