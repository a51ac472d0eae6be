// A notification's line in the reader's language: the kind's sentence with its params, coded ones (a version's kind,
// a decision) translated first — the same words the e-mail uses.
import { NOTIFICATION_CODED_PARAMS, type Notification } from "@pwp/shared/notifications";
import type { TFunction } from "i18next";

export function notificationText(notification: Pick<Notification, "kind" | "params">, t: TFunction): string {
  const params: Record<string, string> = { ...notification.params };
  for (const name of NOTIFICATION_CODED_PARAMS) {
    const code = notification.params[name];
    if (code) params[name] = t(`notifications.${name}.${code}` as never);
  }
  return t(`notifications.kinds.${notification.kind}` as never, params);
}
