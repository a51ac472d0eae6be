import type { RegistrationHistoryEntry } from "@pwp/shared/registration";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";

/** The application's timeline, oldest first: submission, each decision with its reason, each answer. */
export function RegistrationHistory({ history, showDeciderNames }: { history: readonly RegistrationHistoryEntry[]; showDeciderNames: boolean }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  return (
    <ol className="timeline">
      {history.map((entry, index) => {
        // A PENDING entry is the applicant's: the first is the submission, any later one answers a hold.
        const event =
          entry.status === "PENDING"
            ? t(index === 0 ? "registration.status.historyEvents.submitted" : "registration.status.historyEvents.answered")
            : t(`registration.status.historyEvents.${entry.status}`);
        const decider = entry.decidedBy && (showDeciderNames ? entry.decidedBy : t("registration.status.operator"));
        return (
          <li className="timeline__item" key={entry.id}>
            <p className="timeline__event">{event}</p>
            <p className="timeline__meta">
              <time dateTime={entry.at}>{formatDateTime(new Date(entry.at), language)}</time>
              {decider && ` · ${t("registration.status.decidedBy", { name: decider })}`}
            </p>
            {entry.reason && <p className="timeline__reason">{entry.reason}</p>}
          </li>
        );
      })}
    </ol>
  );
}
