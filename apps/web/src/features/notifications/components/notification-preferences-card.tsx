import { NOTIFICATION_KINDS, type NotificationKind } from "@pwp/shared/notifications";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { describeFormError } from "@/lib/form-errors";
import { useNotificationPreferences, useSaveNotificationPreferences } from "../api/notifications";

/** On the account page: for each kind of notification, whether it also comes by e-mail (saved on each change). */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  const save = useSaveNotificationPreferences();

  function toggle(kind: NotificationKind, email: boolean) {
    save.mutate({ preferences: [{ kind, email }] });
  }

  return (
    <Card title={t("notifications.preferences.title")}>
      <p>{t("notifications.preferences.intro")}</p>
      {save.error ? <Alert>{describeFormError(save.error, t)}</Alert> : null}
      {preferences.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : preferences.isError ? (
        <Alert>{describeFormError(preferences.error, t)}</Alert>
      ) : (
        <ul className="notification-preferences">
          {NOTIFICATION_KINDS.map((kind) => {
            const current = preferences.data.preferences.find((preference) => preference.kind === kind)?.email ?? true;
            return (
              <li key={kind}>
                <label>
                  <input type="checkbox" checked={current} disabled={save.isPending} onChange={(event) => toggle(kind, event.target.checked)} />{" "}
                  {t(`notifications.preferences.kinds.${kind}`)}
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
