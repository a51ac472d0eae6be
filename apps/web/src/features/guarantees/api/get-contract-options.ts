import type { ContractList, ContractSummary } from "@pwp/shared/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Pages of the contract list read for the picker; 100 × 10 is far beyond any contractor's open contracts. */
const PAGE_LIMIT = 100;
const MAX_PAGES = 10;

/**
 * GET /api/contracts?side=CONTRACTOR, every page: the contracts the user's organisation is the contractor of, to
 * apply for a guarantee from (a cancelled one guarantees nothing and is left out).
 */
export async function getContractOptions(signal?: AbortSignal): Promise<ContractSummary[]> {
  const options: ContractSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ side: "CONTRACTOR", limit: String(PAGE_LIMIT) });
    if (cursor) query.set("cursor", cursor);
    const response: ContractList = await apiClient.get<ContractList>(`/contracts?${query}`, { signal });
    options.push(...response.items.filter((contract) => contract.status !== "CANCELLED"));
    cursor = response.nextCursor;
    if (!cursor) break;
  }
  return options;
}

export function contractOptionsQueryOptions() {
  return queryOptions({
    // Under the contracts' own key, so a contract that changes refreshes the picker too.
    queryKey: ["contracts", "guarantee-contract-options"],
    queryFn: ({ signal }) => getContractOptions(signal),
  });
}

export function useContractOptions() {
  return useQuery(contractOptionsQueryOptions());
}
