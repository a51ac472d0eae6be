import type { CertificateRequestList } from "@pwp/shared/certificates";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { certificatesQueryKey } from "./get-my-certificates";

export function getPendingApprovals(signal?: AbortSignal): Promise<CertificateRequestList> {
  return apiClient.get<CertificateRequestList>("/certificates/requests/pending-approval", { signal });
}

/** Members' requests for the representative; representatives' requests for ops. */
export function pendingApprovalsQueryOptions() {
  return queryOptions({
    queryKey: [...certificatesQueryKey, "pending-approval"],
    queryFn: ({ signal }) => getPendingApprovals(signal),
  });
}

export function usePendingApprovals() {
  return useQuery(pendingApprovalsQueryOptions());
}
