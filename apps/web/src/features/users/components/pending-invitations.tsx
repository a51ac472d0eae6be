import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { describeFormError } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useInvitations } from "../api/get-invitations";
import { useRevokeInvitation } from "../api/revoke-invitation";

export function PendingInvitations() {
  const { t } = useTranslation();
  const invitations = useInvitations(true);
  const revokeInvitation = useRevokeInvitation();
  const language = getCurrentLocale();

  const revokeError = revokeInvitation.error;
  const revokeMessage = describeFormError(revokeError, t, { byCode: { CONFLICT: t("users.errors.conflict"), NOT_FOUND: t("users.errors.conflict") } });

  return (
    <Card title={t("users.pending.title")} className="users-pending">
      {revokeMessage && <Alert>{revokeMessage}</Alert>}
      {invitations.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : invitations.isError ? (
        <Alert>{t("errors.unexpected")}</Alert>
      ) : invitations.data.invitations.length === 0 ? (
        <p className="empty-state">{t("users.pending.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("users.columns.email")}</th>
                <th scope="col">{t("users.columns.role")}</th>
                <th scope="col">{t("users.pending.expires")}</th>
                <th scope="col">{t("users.columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{t(`roles.${invitation.role}`)}</td>
                  <td>{formatDateTime(new Date(invitation.expiresAt), language)}</td>
                  <td>
                    <Button
                      variant="secondary"
                      aria-label={t("users.pending.revokeFor", { email: invitation.email })}
                      isLoading={revokeInvitation.isPending && revokeInvitation.variables === invitation.id}
                      onClick={() => revokeInvitation.mutate(invitation.id)}
                    >
                      {t("users.pending.revoke")}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
