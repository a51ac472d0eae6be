import type { AuditEvent } from "@pwp/shared/audit-log";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";

import { localInputToIso } from "@/lib/datetime-local";
import { describeFormError, readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useBlobDownload } from "@/lib/use-blob-download";
import { exportAuditEvents, useAuditEvents, useVerifyAuditChain, type AuditFilter } from "../api/audit-log";
import "./audit-log.css";

type FilterForm = { organizationId: string; userId: string; action: string; targetId: string; from: string; to: string };
const EMPTY_FORM: FilterForm = { organizationId: "", userId: "", action: "", targetId: "", from: "", to: "" };

function toFilter(form: FilterForm): AuditFilter {
  const from = localInputToIso(form.from);
  const to = localInputToIso(form.to);
  return {
    ...(form.organizationId.trim() ? { organizationId: form.organizationId.trim() } : {}),
    ...(form.userId.trim() ? { userId: form.userId.trim() } : {}),
    ...(form.action.trim() ? { action: form.action.trim() } : {}),
    ...(form.targetId.trim() ? { targetId: form.targetId.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** Ops: the audit log, filtered, newest first; its CSV; and the check that no event was changed since written. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useAuditEvents(filter);
  const csv = useBlobDownload();
  const fieldErrors = readFieldErrors(events.error, "querystring.");

  function search(event: FormEvent) {
    event.preventDefault();
    setFilter(toFilter(form));
  }

  const field = (name: keyof FilterForm, type = "text") => (
    <TextField
      label={t(`auditLog.filters.${name}`)}
      type={type}
      value={form[name]}
      onChange={(event) => setForm({ ...form, [name]: event.target.value })}
      error={fieldErrors[name] ?? null}
    />
  );

  return (
    <div className="audit-log">
      <DocumentTitle page={t("auditLog.title")} />
      <div className="page-heading">
        <h1>{t("auditLog.title")}</h1>
        <p className="page-heading__lead">{t("auditLog.intro")}</p>
      </div>
      <ChainCheckCard />
      <Card title={t("auditLog.eventsTitle")}>
        <form className="admin-filters" onSubmit={search} noValidate>
          {field("organizationId")}
          {field("userId")}
          {field("action")}
          {field("targetId")}
          {field("from", "datetime-local")}
          {field("to", "datetime-local")}
          <Button type="submit">{t("auditLog.search")}</Button>
          <Button
            variant="secondary"
            isLoading={csv.pendingKey === "csv"}
            onClick={() => void csv.download("csv", () => exportAuditEvents(filter), () => "audit-log.csv")}
          >
            {t("auditLog.exportCsv")}
          </Button>
        </form>
        {csv.error ? <Alert>{describeFormError(csv.error, t)}</Alert> : null}
        {events.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : events.isError ? (
          <Alert>{describeFormError(events.error, t, { hasFieldErrors: Object.keys(fieldErrors).length > 0 })}</Alert>
        ) : (
          <>
            <EventTable events={events.data.pages.flatMap((page) => page.events)} />
            {events.hasNextPage && (
              <Button variant="secondary" onClick={() => void events.fetchNextPage()} isLoading={events.isFetchingNextPage}>
                {t("auditLog.more")}
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}

function EventTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  if (events.length === 0) return <p>{t("auditLog.empty")}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table audit-log__table">
        <thead>
          <tr>
            <th scope="col">{t("auditLog.columns.occurredAt")}</th>
            <th scope="col">{t("auditLog.columns.action")}</th>
            <th scope="col">{t("auditLog.columns.actor")}</th>
            <th scope="col">{t("auditLog.columns.target")}</th>
            <th scope="col">{t("auditLog.columns.ipAddress")}</th>
            <th scope="col">{t("auditLog.columns.data")}</th>
            <th scope="col">{t("auditLog.columns.chain")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(new Date(event.occurredAt), locale)}</td>
              <th scope="row">
                <code>{event.action}</code>
              </th>
              <td>
                {event.actorOrganizationName ?? event.actorOrganizationId ?? "—"}
                {event.actorUserName && <div className="audit-log__muted">{event.actorUserName}</div>}
              </td>
              <td>{event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : "—"}</td>
              <td>{event.ipAddress ?? "—"}</td>
              <td>
                <code className="audit-log__data">{JSON.stringify(event.data)}</code>
              </td>
              <td className="audit-log__muted">#{event.chainSeq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChainCheckCard() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const check = useVerifyAuditChain();
  const report = check.data;
  return (
    <Card title={t("auditLog.chain.title")}>
      <p>{t("auditLog.chain.intro")}</p>
      <Button onClick={() => check.mutate()} isLoading={check.isPending}>
        {t("auditLog.chain.run")}
      </Button>
      {check.error ? <Alert>{describeFormError(check.error, t)}</Alert> : null}
      {report && (
        <div className="audit-log__report" role="status">
          <p>
            {t("auditLog.chain.summary", { events: report.events, chains: report.chains, at: formatDateTime(new Date(report.checkedAt), locale) })}
          </p>
          {report.brokenLinks.length === 0 ? (
            <p className="audit-log__intact">{t("auditLog.chain.intact")}</p>
          ) : (
            <Alert>
              <p>{t("auditLog.chain.broken", { count: report.brokenLinks.length })}</p>
              <ul>
                {report.brokenLinks.map((link) => (
                  <li key={link.chain}>
                    {t("auditLog.chain.brokenLink", { chain: link.chain, seq: link.chainSeq, event: link.eventId ?? "—" })}{" "}
                    {t(`auditLog.chain.reasons.${link.reason}`)}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
        </div>
      )}
    </Card>
  );
}
