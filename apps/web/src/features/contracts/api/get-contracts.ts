import type { ContractList, ContractStatus } from "@pwp/shared/contracts";
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Every contract query starts with this key: any change to a contract refreshes lists, details and timelines. */
export const contractsQueryKey = ["contracts"] as const;

const PAGE_SIZE = 20;
/** The dashboard counts up to this many waiting contracts and shows "100+" beyond. */
export const AWAITING_COUNT_LIMIT = 100;

export type ContractListFilter = { awaitingMe: boolean; status: ContractStatus | null; q: string };

export function getContracts(filter: ContractListFilter & { cursor: string | null; limit?: number }, signal?: AbortSignal): Promise<ContractList> {
  const query = new URLSearchParams({ limit: String(filter.limit ?? PAGE_SIZE) });
  if (filter.awaitingMe) query.set("awaitingMe", "true");
  if (filter.status) query.set("status", filter.status);
  if (filter.q) query.set("q", filter.q);
  if (filter.cursor) query.set("cursor", filter.cursor);
  return apiClient.get<ContractList>(`/contracts?${query}`, { signal });
}

export function contractsQueryOptions(filter: ContractListFilter) {
  const normalized = { ...filter, q: filter.q.trim() };
  return infiniteQueryOptions({
    queryKey: [...contractsQueryKey, "list", normalized],
    queryFn: ({ pageParam, signal }) => getContracts({ ...normalized, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useContracts(filter: ContractListFilter) {
  return useInfiniteQuery(contractsQueryOptions(filter));
}

/** How many contracts wait on the user's organisation; `hasMore` when there are more than AWAITING_COUNT_LIMIT. */
export function awaitingContractsCountQueryOptions() {
  return queryOptions({
    queryKey: [...contractsQueryKey, "awaiting-count"],
    queryFn: async ({ signal }) => {
      const page = await getContracts({ awaitingMe: true, status: null, q: "", cursor: null, limit: AWAITING_COUNT_LIMIT }, signal);
      return { count: page.items.length, hasMore: page.nextCursor !== null };
    },
  });
}

export function useAwaitingContractsCount() {
  return useQuery(awaitingContractsCountQueryOptions());
}
