// Not an API endpoint: which of the user's certificates have their private key in this browser's key store
// (IndexedDB). Kept beside the endpoints because the page reads it the same way, through a query.
import type { Certificate } from "@pwp/shared/certificates";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { findCertificatesWithKeyHere } from "../key-workflows";
import { certificatesQueryKey } from "./get-my-certificates";

export function keysInBrowserQueryOptions(userId: string, certificates: readonly Certificate[]) {
  return queryOptions({
    // Keyed by the certificate ids: a new or replaced certificate asks again.
    queryKey: [...certificatesQueryKey, "keys-in-browser", userId, certificates.map((certificate) => certificate.id)],
    queryFn: async () => new Set(await findCertificatesWithKeyHere(userId, certificates)),
    // IndexedDB can be unavailable (some private windows): the page then says so instead of retrying.
    retry: false,
  });
}

export function useKeysInBrowser(userId: string, certificates: readonly Certificate[] | undefined) {
  return useQuery({ ...keysInBrowserQueryOptions(userId, certificates ?? []), enabled: certificates !== undefined });
}
