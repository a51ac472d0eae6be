import type { AdminRegistrationView } from "@pwp/shared/registration";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export function getAdminRegistration(organizationId: string, signal?: AbortSignal): Promise<AdminRegistrationView> {
  return apiClient.get<AdminRegistrationView>(`/admin/registrations/${encodeURIComponent(organizationId)}`, signal ? { signal } : {});
}

export function adminRegistrationQueryOptions(organizationId: string) {
  return queryOptions({
    queryKey: ["registration", "admin", "detail", organizationId],
    queryFn: ({ signal }) => getAdminRegistration(organizationId, signal),
    staleTime: 0,
  });
}

export function useAdminRegistration(organizationId: string) {
  return useQuery(adminRegistrationQueryOptions(organizationId));
}
