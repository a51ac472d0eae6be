import type { NotificationList, NotificationPreferences, OutboxList, OutboxMail, UnreadCount } from "@pwp/shared/notifications";
import type { Locale } from "@pwp/shared/enums";
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiClient, request } from "@/lib/api-client";

const notificationsQueryKey = ["notifications"] as const;
const unreadCountQueryKey = [...notificationsQueryKey, "unread-count"] as const;
const preferencesQueryKey = ["me", "notification-preferences"] as const;
const outboxQueryKey = ["admin", "mail"] as const;

/** The header's badge: read every 30 seconds while a page is open. */
export function useUnreadCount() {
  return useQuery(
    queryOptions({
      queryKey: unreadCountQueryKey,
      queryFn: ({ signal }) => apiClient.get<UnreadCount>("/notifications/unread-count", { signal }),
      refetchInterval: 30_000,
    }),
  );
}

export function useNotifications() {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: [...notificationsQueryKey, "list"],
      queryFn: ({ signal, pageParam }) => apiClient.get<NotificationList>(`/notifications${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`, { signal }),
      initialPageParam: "",
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
  );
}

function useInboxMutation<Variables>(mutationFn: (variables: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }) });
}

export const useMarkRead = () => useInboxMutation((id: string) => apiClient.post(`/notifications/${encodeURIComponent(id)}/read`));
export const useMarkAllRead = () => useInboxMutation(() => apiClient.post("/notifications/read-all"));

export function useNotificationPreferences() {
  return useQuery(
    queryOptions({ queryKey: preferencesQueryKey, queryFn: ({ signal }) => apiClient.get<NotificationPreferences>("/me/notification-preferences", { signal }) }),
  );
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) => request<NotificationPreferences>("/me/notification-preferences", { method: "PUT", body }),
    onSuccess: (saved) => queryClient.setQueryData(preferencesQueryKey, saved),
  });
}

/** The language of the user's e-mail follows the language they chose in the app. */
export function saveMailLanguage(locale: Locale): Promise<unknown> {
  return request("/me/locale", { method: "PUT", body: { locale } });
}

export function useOutbox(status: string, search: string) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: [...outboxQueryKey, status, search],
      queryFn: ({ signal, pageParam }) => {
        const params = new URLSearchParams();
        if (status) params.set("status", status);
        if (search) params.set("q", search);
        if (pageParam) params.set("cursor", pageParam);
        const query = params.toString();
        return apiClient.get<OutboxList>(`/admin/mail${query ? `?${query}` : ""}`, { signal });
      },
      initialPageParam: "",
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      // Delivery moves on by itself (the worker runs every few seconds): keep the statuses current.
      refetchInterval: 5_000,
    }),
  );
}

export function useOutboxMail(mailId: string | null) {
  return useQuery(
    queryOptions({
      queryKey: [...outboxQueryKey, "mail", mailId],
      queryFn: ({ signal }) => apiClient.get<OutboxMail>(`/admin/mail/${encodeURIComponent(mailId ?? "")}`, { signal }),
      enabled: mailId !== null,
    }),
  );
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mailId: string) => apiClient.post<OutboxMail>(`/admin/mail/${encodeURIComponent(mailId)}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: outboxQueryKey }),
  });
}
