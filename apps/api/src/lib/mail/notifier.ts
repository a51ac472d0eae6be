// Every step that waits on someone calls notify() inside its own transaction: one inbox row per user (deduplicated
// per event), and one outbox mail per address that wants it, rendered in the recipient's language. The mail worker
// sends the outbox later; if the step rolls back, neither exists.
import { randomUUID } from "node:crypto";
import type { Country, Locale, OrganizationKind } from "@pwp/shared/enums";
import { NOTIFICATION_KIND_DEFAULTS, type NotificationKind } from "@pwp/shared/notifications";
import type { DbClient } from "../../db/database.ts";
import { renderMail } from "./render-mail.ts";

export interface NotificationEvent {
  kind: NotificationKind;
  /** Names the event, e.g. `contract:<id>:sent:<edition>`: one notification per user and event, whatever retries. */
  eventKey: string;
  /** Every active user of these organisations is told. */
  organizationIds?: readonly string[];
  /** …and these users (e.g. one approver). */
  userIds?: readonly string[];
  /** …and every user of organisations of these kinds (ops, for the registration queue). */
  organizationKinds?: readonly OrganizationKind[];
  /** Names and numbers the message is built from. */
  params: Record<string, string>;
  /** The web app path the notification opens. */
  link: string;
  /** Per-case contact addresses (a guarantee's notification e-mail and contacts): mail only, in this language. */
  extraEmails?: { addresses: readonly string[]; locale: Locale };
}

const LOCALE_OF_COUNTRY: Record<Country, Locale> = { KR: "ko", JP: "ja" };
const isLocale = (value: string | null): value is Locale => value === "ko" || value === "ja" || value === "en";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createNotifier(options: { publicUrl: string }) {
  return {
    async notify(db: DbClient, event: NotificationEvent): Promise<void> {
      const users = await db.user.findMany({
        where: {
          isActive: true,
          suspendedAt: null,
          organization: { suspendedAt: null },
          OR: [
            { organizationId: { in: [...(event.organizationIds ?? [])] } },
            { id: { in: [...(event.userIds ?? [])] } },
            { organization: { kind: { in: [...(event.organizationKinds ?? [])] } } },
          ],
        },
        select: {
          id: true,
          email: true,
          locale: true,
          organization: { select: { country: true } },
          notificationPreferences: { where: { kind: event.kind }, select: { email: true } },
        },
      });
      if (users.length === 0 && !event.extraEmails?.addresses.length) return;
      const { params } = event;
      await db.notification.createMany({
        data: users.map((user) => ({ userId: user.id, kind: event.kind, params, link: event.link, eventKey: event.eventKey })),
        skipDuplicates: true,
      });
      const absoluteLink = `${options.publicUrl}${event.link}`;
      const mails = new Map<string, Locale>();
      for (const user of users) {
        const wantsMail = user.notificationPreferences[0]?.email ?? NOTIFICATION_KIND_DEFAULTS[event.kind];
        if (wantsMail) mails.set(user.email.toLowerCase(), isLocale(user.locale) ? user.locale : LOCALE_OF_COUNTRY[user.organization.country]);
      }
      for (const address of event.extraEmails?.addresses ?? []) {
        const normalized = address.trim().toLowerCase();
        if (EMAIL.test(normalized) && !mails.has(normalized)) mails.set(normalized, event.extraEmails!.locale);
      }
      if (mails.size === 0) return;
      await db.outboxMail.createMany({
        data: [...mails].map(([recipient, locale]) => ({
          eventKey: event.eventKey,
          recipient,
          locale,
          kind: event.kind,
          ...renderMail(event.kind, locale, params, absoluteLink),
          messageId: `<${randomUUID()}@pwp.outbox>`,
        })),
        skipDuplicates: true,
      });
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
