import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { contractDocumentQueryOptions } from "./get-contract-document";
import { contractQueryKey } from "./get-contract-documents";

type DeleteInput = { documentId: string; contractId: string; version: number };

/** A draft that was never sent; a sent one is cancelled instead. */
export function deleteContractDocument({ documentId, version }: DeleteInput): Promise<void> {
  return request<void>(`/contract-documents/${encodeURIComponent(documentId)}`, { method: "DELETE", body: { version } });
}

export function useDeleteContractDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteContractDocument,
    onSuccess: (_result, { documentId, contractId }) => {
      // The page showing it is being left: dropped rather than refetched, which would only flash "not found".
      queryClient.removeQueries({ queryKey: contractDocumentQueryOptions(documentId).queryKey });
      return queryClient.invalidateQueries({ queryKey: contractQueryKey(contractId) });
    },
  });
}
