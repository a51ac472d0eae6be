import type { AdminUser } from "@pwp/shared/admin-console";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { describeFormError, readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useAdminOrganization, useChangeSuspension } from "../api/admin-console";
import "./admin-console.css";

type PendingChange = { kind: "organization" | "user"; id: string; name: string; action: "suspension" | "reactivation" };

/** Ops: one organisation, its users, and suspending or reactivating either, always with a reason. */
export function AdminOrganizationPage({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const detail = useAdminOrganization(organizationId);
  const change = useChangeSuspension(organizationId);
  const [pending, setPending] = useState<PendingChange | null>(null);

  if (detail.isPending) return <Spinner label={t("app.loading")} />;
  if (detail.isError) return <Alert>{describeFormError(detail.error, t)}</Alert>;
  const { organization, users, validCertificateCount } = detail.data;

  function open(next: PendingChange) {
    change.reset();
    setPending(next);
  }

  return (
    <div className="admin-organization">
      <DocumentTitle page={organization.nameLocal} />
      <p>
        <Link to={paths.adminOrganizations.getHref()}>{t("adminConsole.organizations.back")}</Link>
      </p>
      <div className="page-heading">
        <h1 lang={organization.country === "KR" ? "ko" : "ja"}>{organization.nameLocal}</h1>
        <p className="page-heading__lead">{organization.nameLatin}</p>
      </div>
      {change.isSuccess && !pending && <Alert tone="warning">{t("adminConsole.organization.saved")}</Alert>}
      <Card title={t("adminConsole.organization.factsTitle")}>
        <dl className="admin-organization__facts">
          <dt>{t("adminConsole.organizations.registrationNumber")}</dt>
          <dd>{organization.registrationNumber}</dd>
          <dt>{t("adminConsole.organizations.kind")}</dt>
          <dd>
            {t(`organizationKinds.${organization.kind}`)} · {t(`countries.${organization.country}`)}
          </dd>
          <dt>{t("adminConsole.organizations.status")}</dt>
          <dd>{t(`adminConsole.organizationStatuses.${organization.status}`)}</dd>
          <dt>{t("adminConsole.organization.certificates")}</dt>
          <dd>{validCertificateCount}</dd>
          <dt>{t("adminConsole.organizations.suspension")}</dt>
          <dd>
            {organization.suspendedAt ? (
              <>
                <span className="badge badge--suspended">{t("adminConsole.suspended")}</span>{" "}
                {t("adminConsole.organization.suspendedSince", { since: formatDateTime(new Date(organization.suspendedAt), locale), reason: organization.suspensionReason ?? "" })}
              </>
            ) : (
              t("adminConsole.notSuspended")
            )}
          </dd>
        </dl>
        {organization.kind !== "OPERATOR" && (
          <Button
            variant="secondary"
            onClick={() => open({ kind: "organization", id: organization.id, name: organization.nameLocal, action: organization.suspendedAt ? "reactivation" : "suspension" })}
          >
            {organization.suspendedAt ? t("adminConsole.organization.reactivateOrganization") : t("adminConsole.organization.suspendOrganization")}
          </Button>
        )}
      </Card>
      <Card title={t("adminConsole.organization.usersTitle")}>
        <UserTable users={users} onChange={open} />
      </Card>
      {pending && (
        <ReasonDialog
          title={t(pending.action === "suspension" ? "adminConsole.dialog.suspendTitle" : "adminConsole.dialog.reactivateTitle", { name: pending.name })}
          intro={t(pending.action === "suspension" ? `adminConsole.dialog.suspendIntro.${pending.kind}` : "adminConsole.dialog.reactivateIntro")}
          reasonLabel={t("adminConsole.dialog.reason")}
          submitLabel={t(pending.action === "suspension" ? "adminConsole.dialog.suspend" : "adminConsole.dialog.reactivate")}
          isPending={change.isPending}
          error={change.error ? describeFormError(change.error, t, { hasFieldErrors: Boolean(readFieldErrors(change.error).reason) }) : null}
          reasonError={readFieldErrors(change.error).reason}
          maxLength={500}
          requiredMessage={t("adminConsole.dialog.reasonRequired")}
          closeLabel={t("adminConsole.dialog.close")}
          onSubmit={(reason) => change.mutate({ kind: pending.kind, id: pending.id, action: pending.action, reason }, { onSuccess: () => setPending(null) })}
          onClose={() => setPending(null)}
        />
      )}
    </div>
  );
}

function UserTable({ users, onChange }: { users: AdminUser[]; onChange: (change: PendingChange) => void }) {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("adminConsole.organization.userName")}</th>
            <th scope="col">{t("adminConsole.organization.email")}</th>
            <th scope="col">{t("adminConsole.organization.role")}</th>
            <th scope="col">{t("adminConsole.organization.lastSignIn")}</th>
            <th scope="col">{t("adminConsole.organizations.status")}</th>
            <th scope="col">{t("adminConsole.organization.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.name}</th>
              <td>{user.email}</td>
              <td>{t(`roles.${user.role}`)}</td>
              <td>{user.lastSignInAt ? formatDateTime(new Date(user.lastSignInAt), locale) : "—"}</td>
              <td>
                {user.suspendedAt ? (
                  <span className="badge badge--suspended" title={user.suspensionReason ?? undefined}>
                    {t("adminConsole.suspended")}
                  </span>
                ) : user.isActive ? (
                  t("adminConsole.organization.active")
                ) : (
                  t("adminConsole.organization.deactivated")
                )}
              </td>
              <td>
                <Button variant="secondary" onClick={() => onChange({ kind: "user", id: user.id, name: user.name, action: user.suspendedAt ? "reactivation" : "suspension" })}>
                  {user.suspendedAt ? t("adminConsole.organization.reactivateUser") : t("adminConsole.organization.suspendUser")}
                  <span className="visually-hidden"> {user.name}</span>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
