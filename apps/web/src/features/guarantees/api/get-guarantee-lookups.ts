import type { GuaranteeLookupLog } from "@pwp/shared/guarantee-lookup";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { guaranteesQueryKey } from "./get-guarantees";

/** GET /api/guarantees/:id/lookups: who opened the guarantee at the lookup, and the failed attempts (contractor and surety). */
export function getGuaranteeLookups(guaranteeId: string, signal?: AbortSignal): Promise<GuaranteeLookupLog> {
  return apiClient.get<GuaranteeLookupLog>(`/guarantees/${encodeURIComponent(guaranteeId)}/lookups`, { signal });
}

export function guaranteeLookupsQueryOptions(guaranteeId: string) {
  return queryOptions({
    queryKey: [...guaranteesQueryKey, "detail", guaranteeId, "lookups"],
    queryFn: ({ signal }) => getGuaranteeLookups(guaranteeId, signal),
  });
}

export function useGuaranteeLookups(guaranteeId: string) {
  return useQuery(guaranteeLookupsQueryOptions(guaranteeId));
}
