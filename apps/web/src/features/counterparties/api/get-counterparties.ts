import type { CounterpartyListResponse } from "@pwp/shared/counterparties";
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Every counterparty query starts with this key: a change to the list invalidates them all at once. */
export const counterpartiesQueryKey = ["counterparties"] as const;

const PAGE_SIZE = 20;

export function getCounterparties(params: { q: string; cursor: string | null }, signal?: AbortSignal): Promise<CounterpartyListResponse> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (params.q) query.set("q", params.q);
  if (params.cursor) query.set("cursor", params.cursor);
  return apiClient.get<CounterpartyListResponse>(`/counterparties?${query}`, { signal });
}

export function counterpartiesQueryOptions(q: string) {
  const text = q.trim();
  return infiniteQueryOptions({
    queryKey: [...counterpartiesQueryKey, "list", text],
    queryFn: ({ pageParam, signal }) => getCounterparties({ q: text, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useCounterparties(q: string) {
  return useInfiniteQuery(counterpartiesQueryOptions(q));
}
