// The signed-in user's inbox and e-mail preferences, and the mail outbox for ops (status, the local mailbox, retry).
import type { Locale } from "@pwp/shared/enums";
import {
  NOTIFICATION_KIND_DEFAULTS,
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  type NotificationList,
  type NotificationPreferences,
  type OutboxList,
  type OutboxMail,
  type OutboxQuery,
} from "@pwp/shared/notifications";
import type { PrismaClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import { beforePosition, decodePageCursor, toPage } from "../../lib/page-cursor.ts";

const NOTIFICATION_SELECT = { id: true, kind: true, params: true, link: true, createdAt: true, readAt: true } as const;
type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof NOTIFICATION_SELECT }>;

const MAIL_SUMMARY_SELECT = {
  id: true,
  recipient: true,
  kind: true,
  subject: true,
  locale: true,
  status: true,
  transport: true,
  attempts: true,
  lastError: true,
  nextAttemptAt: true,
  sentAt: true,
  createdAt: true,
} as const;
type MailRow = Prisma.OutboxMailGetPayload<{ select: typeof MAIL_SUMMARY_SELECT }>;

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    params: row.params as Record<string, string>,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

function toMailSummary(row: MailRow) {
  return {
    ...row,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function createNotificationsService(deps: { prisma: PrismaClient; now: () => Date; isSmtpConfigured: boolean }) {
  const { prisma, now } = deps;

  return {
    async list(userId: string, query: { cursor?: string | undefined; limit?: number | undefined }): Promise<NotificationList> {
      const limit = query.limit ?? 30;
      const [rows, unreadCount] = await Promise.all([
        prisma.notification.findMany({
          where: { userId, ...beforePosition(decodePageCursor(query.cursor)) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: limit + 1,
          select: NOTIFICATION_SELECT,
        }),
        prisma.notification.count({ where: { userId, readAt: null } }),
      ]);
      const page = toPage(rows, limit);
      return { notifications: page.items.map(toNotification), unreadCount, nextCursor: page.nextCursor };
    },

    async unreadCount(userId: string) {
      return { unreadCount: await prisma.notification.count({ where: { userId, readAt: null } }) };
    },

    /** Marking read is the reader's own bookkeeping, not a change to the platform's records: no audit event. */
    async markRead(userId: string, notificationId: string): Promise<Notification> {
      await prisma.notification.updateMany({ where: { id: notificationId, userId, readAt: null }, data: { readAt: now() } });
      const row = await prisma.notification.findFirst({ where: { id: notificationId, userId }, select: NOTIFICATION_SELECT });
      if (!row) throw new AppError("NOT_FOUND", "No such notification.");
      return toNotification(row);
    },

    async markAllRead(userId: string) {
      await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now() } });
      return { unreadCount: 0 };
    },

    async preferences(userId: string): Promise<NotificationPreferences> {
      const rows = await prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, email: true } });
      const chosen = new Map(rows.map((row) => [row.kind, row.email]));
      return { preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, email: chosen.get(kind) ?? NOTIFICATION_KIND_DEFAULTS[kind] })) };
    },

    async savePreferences(actor: Actor, body: NotificationPreferences): Promise<NotificationPreferences> {
      const seen = new Set<string>();
      for (const [index, preference] of body.preferences.entries()) {
        if (seen.has(preference.kind)) {
          throw new AppError("VALIDATION_FAILED", `Invalid request: body.preferences.${index}.kind is listed twice`, {
            fields: [{ field: `body.preferences.${index}.kind`, message: "is listed twice" }],
          });
        }
        seen.add(preference.kind);
      }
      await prisma.$transaction(async (tx) => {
        for (const { kind, email } of body.preferences) {
          await tx.notificationPreference.upsert({
            where: { userId_kind: { userId: actor.userId, kind } },
            create: { userId: actor.userId, kind, email },
            update: { email },
            select: { kind: true },
          });
        }
        await recordAuditEvent(tx, { action: "notifications.preferences_changed", actor, ipAddress: actor.ipAddress, target: { type: "User", id: actor.userId }, data: { preferences: body.preferences } });
      });
      return this.preferences(actor.userId);
    },

    async setLocale(actor: Actor, locale: Locale) {
      await prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: actor.userId }, data: { locale }, select: { id: true } });
        await recordAuditEvent(tx, { action: "users.locale_changed", actor, ipAddress: actor.ipAddress, target: { type: "User", id: actor.userId }, data: { locale } });
      });
      return { locale };
    },

    async listOutbox(query: OutboxQuery): Promise<OutboxList> {
      const limit = query.limit ?? 50;
      const [rows, counts] = await Promise.all([
        prisma.outboxMail.findMany({
          where: {
            ...(query.status ? { status: query.status } : {}),
            ...(query.q ? { OR: [{ recipient: { contains: query.q, mode: "insensitive" as const } }, { subject: { contains: query.q, mode: "insensitive" as const } }] } : {}),
            ...beforePosition(decodePageCursor(query.cursor)),
          },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: limit + 1,
          select: MAIL_SUMMARY_SELECT,
        }),
        prisma.outboxMail.groupBy({ by: ["status"], _count: { _all: true } }),
      ]);
      const countOf = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
      const page = toPage(rows, limit);
      return {
        mails: page.items.map(toMailSummary),
        counts: { pending: countOf("PENDING"), sent: countOf("SENT"), failed: countOf("FAILED") },
        smtpConfigured: deps.isSmtpConfigured,
        nextCursor: page.nextCursor,
      };
    },

    async getMail(mailId: string): Promise<OutboxMail> {
      const row = await prisma.outboxMail.findUnique({ where: { id: mailId }, select: { ...MAIL_SUMMARY_SELECT, text: true, html: true, messageId: true } });
      if (!row) throw new AppError("NOT_FOUND", "No such mail.");
      return { ...toMailSummary(row), text: row.text, html: row.html, messageId: row.messageId };
    },

    /** A failed mail goes back to the queue with a fresh set of attempts. */
    async retryMail(actor: Actor, mailId: string): Promise<OutboxMail> {
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.outboxMail.updateMany({
          where: { id: mailId, status: "FAILED" },
          data: { status: "PENDING", attempts: 0, nextAttemptAt: now(), claimedUntil: null },
        });
        if (count === 0) {
          const exists = await tx.outboxMail.findUnique({ where: { id: mailId }, select: { status: true } });
          if (!exists) throw new AppError("NOT_FOUND", "No such mail.");
          throw new AppError("CONFLICT", "Only a mail that failed can be sent again.", { currentState: exists.status });
        }
        await recordAuditEvent(tx, { action: "mail.retried", actor, ipAddress: actor.ipAddress, target: { type: "OutboxMail", id: mailId } });
      });
      return this.getMail(mailId);
    },
  };
}
