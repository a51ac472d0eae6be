import type { MaintenanceStatus, NoticeList } from "@pwp/shared/notices";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Re-read every few minutes: a maintenance window or notice posted while a page stays open should still appear. */
const REFRESH_MS = 3 * 60_000;

export const currentNoticesQueryKey = ["notices", "current"] as const;
export const maintenanceStatusQueryKey = ["maintenance", "status"] as const;

/** The notices meant for the caller now (with a session: also those for its kind of organisation). */
export function useCurrentNotices(isSignedIn: boolean) {
  return useQuery(
    queryOptions({
      queryKey: [...currentNoticesQueryKey, isSignedIn],
      queryFn: ({ signal }) => apiClient.get<NoticeList>("/notices", { signal }),
      refetchInterval: REFRESH_MS,
    }),
  );
}

export function useMaintenanceStatus() {
  return useQuery(
    queryOptions({
      queryKey: maintenanceStatusQueryKey,
      queryFn: ({ signal }) => apiClient.get<MaintenanceStatus>("/maintenance", { signal }),
      refetchInterval: REFRESH_MS,
    }),
  );
}
