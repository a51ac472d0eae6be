import type { GuaranteeEvent } from "@pwp/shared/guarantees";
import { useTranslation } from "react-i18next";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";

/** 진행 이력 · 経過: created, submitted, sent back with the reason, refused, issued, changed, re-keyed … */
export function GuaranteeTimeline({ events }: { events: GuaranteeEvent[] }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  return (
    <Card title={t("guarantees.timeline.title")}>
      {events.length === 0 ? (
        <p className="muted">{t("guarantees.timeline.none")}</p>
      ) : (
        <ol className="guarantee-timeline">
          {events.map((event) => (
            <li key={event.id} className="guarantee-timeline__event">
              <p>
                <strong>{t(`guarantees.timeline.kinds.${event.kind}`)}</strong>
                {event.versionNumber !== null && <span className="muted"> · {t("guarantees.timeline.version", { number: event.versionNumber })}</span>}
              </p>
              <p className="guarantee-timeline__who">
                {event.actor ? `${t("guarantees.timeline.by", { name: event.actor.name, organization: event.actor.organizationName })} · ` : ""}
                <time dateTime={event.createdAt}>{formatDateTime(new Date(event.createdAt), language)}</time>
              </p>
              {event.reason && (
                <p className="guarantee-timeline__reason">
                  {t("guarantees.timeline.reason")}: {event.reason}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
