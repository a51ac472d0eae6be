import { MAINTENANCE_SCOPES, type MaintenanceScope } from "@pwp/shared/notices";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { isoToLocalInput, localInputToIso } from "@/lib/datetime-local";
import { describeFormError, readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useCancelMaintenance, useMaintenanceWindows, useScheduleMaintenance } from "../api/admin-maintenance";
import { periodState } from "../period";
import "./notices.css";

/** Ops: the maintenance windows, scheduling one (which announces itself as a notice) and ending or calling one off. */
export function AdminMaintenancePage() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const windows = useMaintenanceWindows();
  const cancel = useCancelMaintenance();
  const now = new Date();

  return (
    <div className="admin-maintenance">
      <DocumentTitle page={t("notices.maintenance.title")} />
      <div className="page-heading">
        <h1>{t("notices.maintenance.title")}</h1>
        <p className="page-heading__lead">{t("notices.maintenance.intro")}</p>
      </div>
      <Card title={t("notices.maintenance.listTitle")}>
        {cancel.error ? <Alert>{describeFormError(cancel.error, t)}</Alert> : null}
        {windows.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : windows.isError ? (
          <Alert>{describeFormError(windows.error, t)}</Alert>
        ) : windows.data.windows.length === 0 ? (
          <p>{t("notices.maintenance.empty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("notices.maintenance.scope")}</th>
                  <th scope="col">{t("notices.fields.period")}</th>
                  <th scope="col">{t("notices.maintenance.reason")}</th>
                  <th scope="col">{t("notices.admin.state")}</th>
                  <th scope="col">{t("notices.admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {windows.data.windows.map((window) => {
                  const state = periodState({ ...window, withdrawnAt: window.cancelledAt }, now);
                  return (
                    <tr key={window.id}>
                      <th scope="row">{t(`notices.maintenance.scopes.${window.scope}`)}</th>
                      <td>
                        {formatDateTime(new Date(window.startsAt), locale)} – {formatDateTime(new Date(window.endsAt), locale)}
                      </td>
                      <td>{window.reason || "—"}</td>
                      <td>
                        <span className="badge">{t(state === "WITHDRAWN" ? "notices.maintenance.cancelled" : `notices.states.${state}`)}</span>
                      </td>
                      <td>
                        {(state === "CURRENT" || state === "SCHEDULED") && (
                          <Button
                            variant="secondary"
                            onClick={() => cancel.mutate(window.id)}
                            isLoading={cancel.isPending && cancel.variables === window.id}
                          >
                            {t(state === "CURRENT" ? "notices.maintenance.endNow" : "notices.maintenance.callOff")}
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <ScheduleMaintenanceForm />
    </div>
  );
}

function ScheduleMaintenanceForm() {
  const { t } = useTranslation();
  const schedule = useScheduleMaintenance();
  const [scope, setScope] = useState<MaintenanceScope>("SIGNING");
  const [startsAt, setStartsAt] = useState(() => isoToLocalInput(new Date(Date.now() + 86_400_000)));
  const [endsAt, setEndsAt] = useState(() => isoToLocalInput(new Date(Date.now() + 86_400_000 + 2 * 3_600_000)));
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const fieldErrors = readFieldErrors(schedule.error);
  const formError = describeFormError(schedule.error, t, { hasFieldErrors: Object.keys(fieldErrors).length > 0 });

  function submit(event: FormEvent) {
    event.preventDefault();
    const startIso = localInputToIso(startsAt);
    const endIso = localInputToIso(endsAt);
    if (!startIso || !endIso) {
      setMissing(!startIso ? "startsAt" : "endsAt");
      return;
    }
    setMissing(null);
    schedule.mutate({ scope, startsAt: startIso, endsAt: endIso, reason }, { onSuccess: () => setReason("") });
  }

  return (
    <Card title={t("notices.maintenance.scheduleTitle")}>
      <form onSubmit={submit} noValidate>
        {formError && <Alert>{formError}</Alert>}
        {schedule.isSuccess && <Alert tone="warning">{t("notices.maintenance.scheduled")}</Alert>}
        <div className="admin-form-grid">
          <Select
            label={t("notices.maintenance.scope")}
            value={scope}
            onChange={(event) => setScope(event.target.value as MaintenanceScope)}
            options={MAINTENANCE_SCOPES.map((value) => ({ value, label: t(`notices.maintenance.scopes.${value}`) }))}
          />
          <TextField
            label={t("notices.fields.startsAt")}
            type="datetime-local"
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            error={missing === "startsAt" ? t("errors.required") : (fieldErrors.startsAt ?? null)}
          />
          <TextField
            label={t("notices.fields.endsAt")}
            type="datetime-local"
            value={endsAt}
            onChange={(event) => setEndsAt(event.target.value)}
            error={missing === "endsAt" ? t("errors.required") : (fieldErrors.endsAt ?? null)}
          />
          <TextField
            label={t("notices.maintenance.reason")}
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
            error={fieldErrors.reason ?? null}
          />
        </div>
        <p>{t(`notices.maintenance.scopeHints.${scope}`)}</p>
        <Button type="submit" isLoading={schedule.isPending}>
          {t("notices.maintenance.schedule")}
        </Button>
      </form>
    </Card>
  );
}
