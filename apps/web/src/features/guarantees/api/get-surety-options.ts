import type { CounterpartyListResponse } from "@pwp/shared/counterparties";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** A surety the contractor can apply to: one of its counterparties that is an approved member of the platform. */
export type SuretyOption = { organizationId: string; name: string; registrationNumber: string };

/** Pages of the counterparty list read for the picker; 100 × 10 is far beyond any contractor's list of sureties. */
const PAGE_LIMIT = 100;
const MAX_PAGES = 10;

/** GET /api/counterparties, every page, kept to sureties on the platform (only they can review and issue). */
export async function getSuretyOptions(signal?: AbortSignal): Promise<SuretyOption[]> {
  const options: SuretyOption[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
    if (cursor) query.set("cursor", cursor);
    const response: CounterpartyListResponse = await apiClient.get<CounterpartyListResponse>(`/counterparties?${query}`, { signal });
    for (const counterparty of response.items) {
      // organizationId is set once the counterparty is an approved member (counterparties.ts).
      if (counterparty.kind === "SURETY" && counterparty.isOnPlatform && counterparty.organizationId) {
        options.push({
          organizationId: counterparty.organizationId,
          name: counterparty.name,
          registrationNumber: counterparty.registrationNumber,
        });
      }
    }
    cursor = response.nextCursor;
    if (!cursor) break;
  }
  return options;
}

export function suretyOptionsQueryOptions() {
  return queryOptions({
    // Under the counterparties' own key, so adding or removing a counterparty refreshes the picker too.
    queryKey: ["counterparties", "guarantee-surety-options"],
    queryFn: ({ signal }) => getSuretyOptions(signal),
  });
}

export function useSuretyOptions() {
  return useQuery(suretyOptionsQueryOptions());
}
