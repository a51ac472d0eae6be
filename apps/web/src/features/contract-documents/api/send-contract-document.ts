import type { ContractDocumentDetail } from "@pwp/shared/contract-documents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedDocument } from "./get-contract-document";

/** Freezes the content: the server renders the PDF revision the signers will review. */
export function sendContractDocument({ documentId, version }: { documentId: string; version: number }): Promise<ContractDocumentDetail> {
  return request<ContractDocumentDetail>(`/contract-documents/${encodeURIComponent(documentId)}/send`, { method: "POST", body: { version } });
}

export function useSendContractDocument() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: sendContractDocument, onSuccess: (detail) => storeChangedDocument(queryClient, detail) });
}
