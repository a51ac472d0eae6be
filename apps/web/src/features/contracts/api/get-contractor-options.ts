import type { CounterpartyListResponse, CounterpartySummary } from "@pwp/shared/counterparties";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** A contractor the orderer can make a contract with: one of its counterparties that is on the platform. */
export type ContractorOption = { organizationId: string; name: string; registrationNumber: string; country: CounterpartySummary["country"] };

/** Pages of the counterparty list read for the picker; 100 × 10 is far beyond any orderer's list of contractors. */
const PAGE_LIMIT = 100;
const MAX_PAGES = 10;

/** GET /api/counterparties, every page, kept to contractors on the platform (only they can sign). */
export async function getContractorOptions(signal?: AbortSignal): Promise<ContractorOption[]> {
  const options: ContractorOption[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
    if (cursor) query.set("cursor", cursor);
    const response: CounterpartyListResponse = await apiClient.get<CounterpartyListResponse>(`/counterparties?${query}`, { signal });
    for (const counterparty of response.items) {
      if (counterparty.kind === "CONTRACTOR" && counterparty.isOnPlatform && counterparty.organizationId) {
        options.push({
          organizationId: counterparty.organizationId,
          name: counterparty.name,
          registrationNumber: counterparty.registrationNumber,
          country: counterparty.country,
        });
      }
    }
    cursor = response.nextCursor;
    if (!cursor) break;
  }
  return options;
}

export function contractorOptionsQueryOptions() {
  return queryOptions({
    // Under the counterparties' own key, so adding or removing a counterparty refreshes the picker too.
    queryKey: ["counterparties", "contract-contractor-options"],
    queryFn: ({ signal }) => getContractorOptions(signal),
  });
}

export function useContractorOptions() {
  return useQuery(contractorOptionsQueryOptions());
}
