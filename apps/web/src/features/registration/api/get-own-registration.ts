import type { RegistrationView } from "@pwp/shared/registration";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export function getOwnRegistration(signal?: AbortSignal): Promise<RegistrationView> {
  return apiClient.get<RegistrationView>("/registration", signal ? { signal } : {});
}

export function ownRegistrationQueryOptions() {
  return queryOptions({
    queryKey: ["registration", "own"],
    queryFn: ({ signal }) => getOwnRegistration(signal),
    // The applicant waits for a decision: show the newest status whenever the page is opened.
    staleTime: 0,
  });
}

export function useOwnRegistration() {
  return useQuery(ownRegistrationQueryOptions());
}
