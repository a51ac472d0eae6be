import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useGuaranteeLookups } from "../api/get-guarantee-lookups";
import { splitFailedAttempts } from "../lookup-log";

/**
 * 조회 기록 · 照会の記録: every view of the guarantee at the verification lookup (time, address, the viewer's
 * organisation when signed in, the version shown), and failed attempts of the last 24 hours as an alert — someone
 * typing this number with wrong keys is something the contractor and the surety should notice.
 */
export function GuaranteeLookupsCard({ guaranteeId }: { guaranteeId: string }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const lookups = useGuaranteeLookups(guaranteeId);
  // Fixed when the card first renders: the 24-hour window must not shift while the user reads.
  const [now] = useState(() => new Date());
  const time = (value: string) => <time dateTime={value}>{formatDateTime(new Date(value), language)}</time>;

  if (lookups.isPending) {
    return (
      <Card title={t("guarantees.lookups.title")}>
        <Spinner label={t("app.loading")} />
      </Card>
    );
  }
  if (lookups.error) {
    return (
      <Card title={t("guarantees.lookups.title")}>
        <Alert>{t("guarantees.lookups.loadError")}</Alert>
      </Card>
    );
  }

  const { views, failedAttempts } = lookups.data;
  const { recent, earlier } = splitFailedAttempts(failedAttempts, now);
  return (
    <Card title={t("guarantees.lookups.title")} className="guarantee-detail__wide guarantee-lookups">
      <p className="muted">{t("guarantees.lookups.intro")}</p>
      {recent.length > 0 && (
        <Alert tone="warning">
          <p className="guarantee-lookups__alert-title">
            <strong>{t("guarantees.lookups.failedAlert", { count: recent.length })}</strong>
          </p>
          <p>{t("guarantees.lookups.failedHelp")}</p>
          <ul className="guarantee-lookups__failed">
            {recent.map((attempt, index) => (
              <li key={`${attempt.at}-${index}`}>
                {time(attempt.at)} · <span className="details__number">{attempt.ipAddress}</span>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {earlier.length > 0 && (
        <details className="guarantee-lookups__earlier">
          <summary>{t("guarantees.lookups.earlierFailed", { count: earlier.length })}</summary>
          <ul className="guarantee-lookups__failed">
            {earlier.map((attempt, index) => (
              <li key={`${attempt.at}-${index}`}>
                {time(attempt.at)} · <span className="details__number">{attempt.ipAddress}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {views.length === 0 ? (
        <p className="muted">{t("guarantees.lookups.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("guarantees.lookups.viewsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("guarantees.lookups.columns.at")}</th>
                <th scope="col">{t("guarantees.lookups.columns.address")}</th>
                <th scope="col">{t("guarantees.lookups.columns.viewer")}</th>
                <th scope="col">{t("guarantees.lookups.columns.version")}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view, index) => (
                <tr key={`${view.at}-${index}`}>
                  <td>{time(view.at)}</td>
                  <td className="details__number">{view.ipAddress}</td>
                  <td>{view.viewerOrganizationName ?? <span className="muted">{t("guarantees.lookups.notSignedIn")}</span>}</td>
                  <td className="details__number">{view.versionNumber}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
