import type { CurrentUser } from "@pwp/shared/auth";
import { INVITABLE_ROLES, type OrganizationUser } from "@pwp/shared/users";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describeFormError } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useUpdateUser } from "../api/update-user";

type UserTableProps = {
  users: readonly OrganizationUser[];
  currentUser: CurrentUser;
  /** Called after a change; a deactivation also revoked delegations elsewhere in the app. */
  onUserChanged?: () => void;
};

/** The organisation's users; the representative also gets each member's role select and (de)activation. */
export function UserTable({ users, currentUser, onUserChanged }: UserTableProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const updateUser = useUpdateUser(onUserChanged);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const isRepresentative = currentUser.role === "REPRESENTATIVE";

  const error = updateUser.error;
  const errorMessage = describeFormError(error, t, { byCode: { FORBIDDEN: t("users.errors.forbidden"), NOT_FOUND: t("users.errors.notFound") } });

  return (
    <>
      {errorMessage && <Alert>{errorMessage}</Alert>}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("users.columns.name")}</th>
              <th scope="col">{t("users.columns.loginId")}</th>
              <th scope="col">{t("users.columns.email")}</th>
              <th scope="col">{t("users.columns.role")}</th>
              <th scope="col">{t("users.columns.status")}</th>
              <th scope="col">{t("users.columns.lastSignIn")}</th>
              {isRepresentative && <th scope="col">{t("users.columns.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              // The representative's own row and role are not editable here (the API refuses them too).
              const isEditable = isRepresentative && user.id !== currentUser.id && user.role !== "REPRESENTATIVE";
              const isBusy = updateUser.isPending && updateUser.variables?.userId === user.id;
              return (
                <tr key={user.id} className={user.isActive ? undefined : "data-table__row--muted"}>
                  <th scope="row">
                    {user.name} {user.id === currentUser.id && <span className="muted">{t("users.you")}</span>}
                  </th>
                  <td className="details__number">{user.loginId}</td>
                  <td>{user.email}</td>
                  <td>
                    {isEditable ? (
                      <select
                        className="select__control"
                        aria-label={t("users.roleFor", { name: user.name })}
                        value={user.role}
                        disabled={isBusy}
                        onChange={(event) =>
                          updateUser.mutate({ userId: user.id, changes: { role: event.target.value === "MANAGER" ? "MANAGER" : "STAFF" } })
                        }
                      >
                        {INVITABLE_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`roles.${user.role}`)
                    )}
                  </td>
                  <td>
                    <span className={`status-badge status-badge--${user.isActive ? "active" : "inactive"}`}>
                      {user.isActive ? t("users.status.active") : t("users.status.inactive")}
                    </span>
                  </td>
                  <td>{user.lastSignInAt ? formatDateTime(new Date(user.lastSignInAt), language) : t("users.never")}</td>
                  {isRepresentative && (
                    <td>
                      {isEditable && user.isActive && confirmingId !== user.id && (
                        <Button variant="secondary" aria-label={t("users.deactivateFor", { name: user.name })} onClick={() => setConfirmingId(user.id)}>
                          {t("users.deactivate")}
                        </Button>
                      )}
                      {isEditable && user.isActive && confirmingId === user.id && (
                        <div className="inline-confirm">
                          <p>{t("users.deactivateWarning", { name: user.name })}</p>
                          <div className="inline-confirm__actions">
                            <Button
                              isLoading={isBusy}
                              onClick={() =>
                                updateUser.mutate({ userId: user.id, changes: { isActive: false } }, { onSettled: () => setConfirmingId(null) })
                              }
                            >
                              {t("users.confirmDeactivate")}
                            </Button>
                            <Button variant="secondary" onClick={() => setConfirmingId(null)}>
                              {t("users.cancel")}
                            </Button>
                          </div>
                        </div>
                      )}
                      {isEditable && !user.isActive && (
                        <Button
                          variant="secondary"
                          aria-label={t("users.reactivateFor", { name: user.name })}
                          isLoading={isBusy}
                          onClick={() => updateUser.mutate({ userId: user.id, changes: { isActive: true } })}
                        >
                          {t("users.reactivate")}
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
