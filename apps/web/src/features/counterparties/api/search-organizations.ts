import { ORGANIZATION_SEARCH_MIN_LENGTH, type OrganizationSearchResponse } from "@pwp/shared/counterparties";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { counterpartiesQueryKey } from "./get-counterparties";

export function searchOrganizations(q: string, signal?: AbortSignal): Promise<OrganizationSearchResponse> {
  const query = new URLSearchParams({ q, limit: "20" });
  return apiClient.get<OrganizationSearchResponse>(`/organizations/search?${query}`, { signal });
}

/** Under the counterparties key, so adding one refreshes the "already added" marks. */
export function organizationSearchQueryOptions(q: string) {
  const text = q.trim();
  return queryOptions({
    queryKey: [...counterpartiesQueryKey, "organization-search", text],
    queryFn: ({ signal }) => searchOrganizations(text, signal),
    enabled: text.length >= ORGANIZATION_SEARCH_MIN_LENGTH,
    // The previous results stay while the next ones load, so the list does not flicker at every keystroke.
    placeholderData: keepPreviousData,
  });
}

export function useOrganizationSearch(q: string) {
  return useQuery(organizationSearchQueryOptions(q));
}
