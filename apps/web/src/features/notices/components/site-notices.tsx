import { pickText } from "@pwp/shared/notices";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useCurrentNotices, useMaintenanceStatus } from "../api/get-current-notices";
import "./notices.css";

/**
 * What ops want everyone to read, above the sign-in form and every signed-in page: a maintenance window that is open
 * now (signing or everything paused, until when), then the notices for this reader. Nothing when there is none, and
 * nothing when the notices cannot be read (they must never stand in the way of the page itself).
 */
export function SiteNotices({ isSignedIn }: { isSignedIn: boolean }) {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const notices = useCurrentNotices(isSignedIn);
  const maintenance = useMaintenanceStatus();
  const systemUntil = maintenance.data?.systemPausedUntil;
  const signingUntil = maintenance.data?.signingPausedUntil;
  const items = notices.data?.notices ?? [];
  if (!systemUntil && !signingUntil && items.length === 0) return null;

  return (
    <section className="site-notices" aria-label={t("notices.regionLabel")}>
      {systemUntil ? (
        <Alert tone="warning">{t("notices.systemPaused", { until: formatDateTime(new Date(systemUntil), locale) })}</Alert>
      ) : signingUntil ? (
        <Alert tone="warning">{t("notices.signingPaused", { until: formatDateTime(new Date(signingUntil), locale) })}</Alert>
      ) : null}
      {items.length > 0 && (
        <ul className="site-notices__list">
          {items.map((notice) => (
            <li key={notice.id} className="site-notices__item">
              <h2 className="site-notices__title">{pickText(notice.title, locale)}</h2>
              <p className="site-notices__body">{pickText(notice.body, locale)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
