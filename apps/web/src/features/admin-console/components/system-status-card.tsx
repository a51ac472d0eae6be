import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { describeFormError } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useSystemStatus } from "../api/admin-console";
import "./admin-console.css";

/** The ops console's first card: is everything up to date and is anything waiting (read every 30 seconds). */
export function SystemStatusCard() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const status = useSystemStatus();
  return (
    <Card title={t("adminConsole.status.title")}>
      {status.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : status.isError ? (
        <Alert>{describeFormError(status.error, t)}</Alert>
      ) : (
        <>
          {status.data.database.migrationsPending.length > 0 && (
            <Alert tone="warning">{t("adminConsole.status.pendingMigrations", { names: status.data.database.migrationsPending.join(", ") })}</Alert>
          )}
          {status.data.mailOutbox.failed > 0 && <Alert tone="warning">{t("adminConsole.status.failedMail", { count: status.data.mailOutbox.failed })}</Alert>}
          <dl className="admin-status">
            <dt>{t("adminConsole.status.version")}</dt>
            <dd>
              {status.data.version} · Node {status.data.nodeVersion}
            </dd>
            <dt>{t("adminConsole.status.uptime")}</dt>
            <dd>{t("adminConsole.status.since", { since: formatDateTime(new Date(status.data.startedAt), locale) })}</dd>
            <dt>{t("adminConsole.status.database")}</dt>
            <dd>
              {status.data.database.engine === "pglite" ? t("adminConsole.status.embedded") : "PostgreSQL"} {status.data.database.serverVersion} ·{" "}
              {t("adminConsole.status.migrations", { count: status.data.database.migrationsApplied })}
            </dd>
            <dt>{t("adminConsole.status.mail")}</dt>
            <dd>{t("adminConsole.status.mailQueue", { pending: status.data.mailOutbox.pending, failed: status.data.mailOutbox.failed, sent: status.data.mailOutbox.sent })}</dd>
            <dt>{t("adminConsole.status.audit")}</dt>
            <dd>
              <Link to={paths.adminAudit.getHref()}>{t("adminConsole.status.auditEvents", { count: status.data.auditEvents })}</Link>
            </dd>
            <dt>{t("adminConsole.status.maintenance")}</dt>
            <dd>
              <Link to={paths.adminMaintenance.getHref()}>
                {status.data.maintenance.systemPausedUntil
                  ? t("adminConsole.status.systemPaused", { until: formatDateTime(new Date(status.data.maintenance.systemPausedUntil), locale) })
                  : status.data.maintenance.signingPausedUntil
                    ? t("adminConsole.status.signingPaused", { until: formatDateTime(new Date(status.data.maintenance.signingPausedUntil), locale) })
                    : t("adminConsole.status.noMaintenance")}
              </Link>
            </dd>
            <dt>{t("adminConsole.status.waiting")}</dt>
            <dd>
              <Link to={paths.adminRegistrations.getHref()}>{t("adminConsole.status.registrations", { count: status.data.organizationsAwaitingReview })}</Link>
              {" · "}
              <Link to={paths.certificateApprovals.getHref()}>{t("adminConsole.status.certificateRequests", { count: status.data.certificateRequestsPending })}</Link>
            </dd>
          </dl>
        </>
      )}
    </Card>
  );
}
