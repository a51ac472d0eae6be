import type { Notice, NoticeInput, NoticeList } from "@pwp/shared/notices";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { currentNoticesQueryKey } from "./get-current-notices";

export const adminNoticesQueryKey = ["admin", "notices"] as const;

export function useAdminNotices() {
  return useQuery(
    queryOptions({ queryKey: adminNoticesQueryKey, queryFn: ({ signal }) => apiClient.get<NoticeList>("/admin/notices", { signal }) }),
  );
}

function useNoticeMutation<Variables>(mutationFn: (variables: Variables) => Promise<Notice>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: adminNoticesQueryKey }),
        queryClient.invalidateQueries({ queryKey: currentNoticesQueryKey }),
      ]);
    },
  });
}

export function usePostNotice() {
  return useNoticeMutation((input: NoticeInput) => apiClient.post<Notice>("/admin/notices", input));
}

export function useWithdrawNotice() {
  return useNoticeMutation((noticeId: string) => apiClient.post<Notice>(`/admin/notices/${encodeURIComponent(noticeId)}/withdrawal`));
}
