import type { AdminRegistrationList, AdminRegistrationListQuery } from "@pwp/shared/registration";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export function listAdminRegistrations(query: AdminRegistrationListQuery, signal?: AbortSignal): Promise<AdminRegistrationList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  const search = params.toString();
  return apiClient.get<AdminRegistrationList>(`/admin/registrations${search ? `?${search}` : ""}`, signal ? { signal } : {});
}

/** The prefix of every page and filter of the queue, to refresh them all after a decision. */
export const adminRegistrationsQueryKey = ["registration", "admin", "list"] as const;

export function adminRegistrationsQueryOptions(query: AdminRegistrationListQuery) {
  return queryOptions({
    queryKey: [...adminRegistrationsQueryKey, query],
    queryFn: ({ signal }) => listAdminRegistrations(query, signal),
    staleTime: 0,
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export function useAdminRegistrations(query: AdminRegistrationListQuery) {
  return useQuery(adminRegistrationsQueryOptions(query));
}
