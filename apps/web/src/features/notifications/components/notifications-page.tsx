import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { describeFormError } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useMarkAllRead, useMarkRead, useNotifications } from "../api/notifications";
import { notificationText } from "../notification-text";
import "./notifications.css";

/** The inbox: what waits on the user, newest first; opening one marks it read and goes to the item. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const unread = list.data?.pages[0]?.unreadCount ?? 0;

  async function open(id: string, link: string, isRead: boolean) {
    if (!isRead) await markRead.mutateAsync(id).catch(() => undefined);
    await navigate(link);
  }

  return (
    <div className="notifications-page">
      <DocumentTitle page={t("notifications.title")} />
      <div className="page-heading">
        <h1>{t("notifications.title")}</h1>
        <p className="page-heading__lead">{t("notifications.unread", { count: unread })}</p>
      </div>
      <Card title={t("notifications.listTitle")}>
        {unread > 0 && (
          <Button variant="secondary" onClick={() => markAllRead.mutate()} isLoading={markAllRead.isPending}>
            {t("notifications.markAllRead")}
          </Button>
        )}
        {list.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : list.isError ? (
          <Alert>{describeFormError(list.error, t)}</Alert>
        ) : list.data.pages[0]?.notifications.length === 0 ? (
          <p>{t("notifications.empty")}</p>
        ) : (
          <ul className="notifications-list">
            {list.data.pages.flatMap((page) =>
              page.notifications.map((notification) => {
                const isRead = notification.readAt !== null;
                return (
                  <li key={notification.id} className={`notifications-list__item${isRead ? "" : " notifications-list__item--unread"}`}>
                    <button type="button" className="notifications-list__open" onClick={() => void open(notification.id, notification.link, isRead)}>
                      {!isRead && <span className="visually-hidden">{t("notifications.unreadMark")}: </span>}
                      {notificationText(notification, t)}
                    </button>
                    <span className="notifications-list__time">{formatDateTime(new Date(notification.createdAt), locale)}</span>
                    {!isRead && (
                      <Button variant="secondary" onClick={() => markRead.mutate(notification.id)}>
                        {t("notifications.markRead")}
                      </Button>
                    )}
                  </li>
                );
              }),
            )}
          </ul>
        )}
        {list.hasNextPage && (
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} isLoading={list.isFetchingNextPage}>
            {t("notifications.more")}
          </Button>
        )}
      </Card>
    </div>
  );
}
