import type { GuaranteeKind } from "@pwp/shared/contracts";
import type { GuaranteeList, GuaranteeStatus } from "@pwp/shared/guarantees";
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Every guarantee query starts with this key: any change to a guarantee refreshes lists, details and the card. */
export const guaranteesQueryKey = ["guarantees"] as const;

const PAGE_SIZE = 20;
/** The dashboard counts up to this many waiting guarantees and shows "100+" beyond. */
export const AWAITING_COUNT_LIMIT = 100;

export type GuaranteeListFilter = { awaitingMe: boolean; status: GuaranteeStatus | null; kind: GuaranteeKind | null; q: string };

export function getGuarantees(filter: GuaranteeListFilter & { cursor: string | null; limit?: number }, signal?: AbortSignal): Promise<GuaranteeList> {
  const query = new URLSearchParams({ limit: String(filter.limit ?? PAGE_SIZE) });
  if (filter.awaitingMe) query.set("awaitingMe", "true");
  if (filter.status) query.set("status", filter.status);
  if (filter.kind) query.set("kind", filter.kind);
  if (filter.q) query.set("q", filter.q);
  if (filter.cursor) query.set("cursor", filter.cursor);
  return apiClient.get<GuaranteeList>(`/guarantees?${query}`, { signal });
}

export function guaranteesQueryOptions(filter: GuaranteeListFilter) {
  const normalized = { ...filter, q: filter.q.trim() };
  return infiniteQueryOptions({
    queryKey: [...guaranteesQueryKey, "list", normalized],
    queryFn: ({ pageParam, signal }) => getGuarantees({ ...normalized, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useGuarantees(filter: GuaranteeListFilter) {
  return useInfiniteQuery(guaranteesQueryOptions(filter));
}

/** How many guarantees wait on the user's organisation; `hasMore` when there are more than AWAITING_COUNT_LIMIT. */
export function awaitingGuaranteesCountQueryOptions() {
  return queryOptions({
    queryKey: [...guaranteesQueryKey, "awaiting-count"],
    queryFn: async ({ signal }) => {
      const page = await getGuarantees({ awaitingMe: true, status: null, kind: null, q: "", cursor: null, limit: AWAITING_COUNT_LIMIT }, signal);
      return { count: page.items.length, hasMore: page.nextCursor !== null };
    },
  });
}

export function useAwaitingGuaranteesCount() {
  return useQuery(awaitingGuaranteesCountQueryOptions());
}
