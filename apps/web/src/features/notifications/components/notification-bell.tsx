import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { useUnreadCount } from "../api/notifications";
import "./notifications.css";

/** The header's link to the inbox, with how many notifications are unread (announced with the link's name). */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data?.unreadCount ?? 0;
  return (
    <Link className="notification-bell" to={paths.notifications.getHref()} aria-label={t("notifications.bellLabel", { count: unread })}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 && (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
