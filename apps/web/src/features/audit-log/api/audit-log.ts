import type { AuditChainReport, AuditEventExportQuery, AuditEventList } from "@pwp/shared/audit-log";
import { infiniteQueryOptions, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export type AuditFilter = AuditEventExportQuery;

/** Only the filters that are set: an empty field means "any". */
export function toSearchParams(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: ["admin", "audit-events", filter],
      queryFn: ({ signal, pageParam }) =>
        apiClient.get<AuditEventList>(`/admin/audit-events${toSearchParams(filter, pageParam ? { cursor: pageParam } : {})}`, { signal }),
      initialPageParam: "",
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
  );
}

export function exportAuditEvents(filter: AuditFilter): Promise<Blob> {
  return apiClient.getBlob(`/admin/audit-events/export${toSearchParams(filter)}`);
}

export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => apiClient.post<AuditChainReport>("/admin/audit-chain/verification") });
}
