import { queryOptions } from "@tanstack/react-query";
import { requestBlob } from "@/lib/api-client";
import { contractsQueryKey } from "./get-contracts";

export type RevisionRef = { edition: number; revision: number };

/** A revision's PDF, by edition and revision: the bytes of exactly the revision the page shows (ETag = SHA-256). */
export async function getContractPdf(contractId: string, ref: RevisionRef, signal?: AbortSignal): Promise<Blob> {
  const query = new URLSearchParams({ edition: String(ref.edition), revision: String(ref.revision) });
  const blob = await requestBlob(`/contracts/${encodeURIComponent(contractId)}/pdf?${query}`, { signal });
  // Typed explicitly: the viewer and the download need application/pdf whatever the response said.
  return new Blob([blob], { type: "application/pdf" });
}

/** Keyed by the revision and its SHA-256: a revision's bytes never change, and a new one is a new key. */
export function contractPdfQueryOptions(contractId: string, { edition, revision, sha256 }: RevisionRef & { sha256: string }) {
  const ref = { edition, revision, sha256 };
  return queryOptions({
    queryKey: [...contractsQueryKey, "detail", contractId, "pdf", ref],
    queryFn: ({ signal }) => getContractPdf(contractId, ref, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
