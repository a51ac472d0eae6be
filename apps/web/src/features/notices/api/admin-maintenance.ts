import type { MaintenanceWindow, MaintenanceWindowInput, MaintenanceWindowList } from "@pwp/shared/notices";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { adminNoticesQueryKey } from "./admin-notices";
import { currentNoticesQueryKey, maintenanceStatusQueryKey } from "./get-current-notices";

export const maintenanceWindowsQueryKey = ["admin", "maintenance-windows"] as const;

export function useMaintenanceWindows() {
  return useQuery(
    queryOptions({
      queryKey: maintenanceWindowsQueryKey,
      queryFn: ({ signal }) => apiClient.get<MaintenanceWindowList>("/admin/maintenance-windows", { signal }),
    }),
  );
}

/** A window also writes or withdraws its notice and changes what is paused: every view of those is refreshed. */
function useWindowMutation<Variables>(mutationFn: (variables: Variables) => Promise<MaintenanceWindow>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all(
        [maintenanceWindowsQueryKey, adminNoticesQueryKey, currentNoticesQueryKey, maintenanceStatusQueryKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export function useScheduleMaintenance() {
  return useWindowMutation((input: MaintenanceWindowInput) => apiClient.post<MaintenanceWindow>("/admin/maintenance-windows", input));
}

export function useCancelMaintenance() {
  return useWindowMutation((windowId: string) =>
    apiClient.post<MaintenanceWindow>(`/admin/maintenance-windows/${encodeURIComponent(windowId)}/cancellation`),
  );
}
