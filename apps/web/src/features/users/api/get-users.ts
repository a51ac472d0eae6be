import type { UserList } from "@pwp/shared/users";
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Every query about the organisation's users and invitations starts with this key. */
export const usersQueryKey = ["users"] as const;

export function getUsers(cursor: string | null, signal?: AbortSignal): Promise<UserList> {
  const query = new URLSearchParams({ limit: "100" });
  if (cursor) query.set("cursor", cursor);
  return apiClient.get<UserList>(`/users?${query}`, { signal });
}

export function usersQueryOptions() {
  return infiniteQueryOptions({
    queryKey: [...usersQueryKey, "list"],
    queryFn: ({ pageParam, signal }) => getUsers(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useUsers() {
  return useInfiniteQuery(usersQueryOptions());
}
