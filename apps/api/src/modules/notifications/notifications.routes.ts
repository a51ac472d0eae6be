// The inbox (/api/notifications), e-mail preferences and language (/api/me/…), and the mail outbox for ops
// (/api/admin/mail). Notifications are written by the steps themselves (lib/mail/notifier.ts).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  LocaleBodySchema,
  NotificationListSchema,
  NotificationPreferencesSchema,
  NotificationSchema,
  OutboxListSchema,
  OutboxMailSchema,
  OutboxQuerySchema,
  UnreadCountSchema,
} from "@pwp/shared/notifications";
import { PageQuerySchema } from "@pwp/shared/users";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createNotificationsService } from "./notifications.service.ts";

const OPS_ONLY = { kinds: ["OPERATOR"] } as const;
const IdParamsSchema = Type.Object({ id: Type.String({ format: "uuid" }) });

export default async function notificationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createNotificationsService({ prisma: app.db.prisma, now: app.now, isSmtpConfigured: app.config.smtp !== undefined });
  const schemaBase = { security: [{ bearerAuth: [] }], tags: ["notifications"] };
  // A user whose organisation waits for review also gets the decision in the inbox.
  const anyUser = { allowUnapproved: true } as const;

  app.get(
    "/notifications",
    {
      config: { permission: anyUser },
      schema: { ...schemaBase, summary: "The caller's notifications, newest first, with the unread count", querystring: PageQuerySchema, response: { 200: NotificationListSchema, ...errorResponses(400, 401) } },
    },
    async (request) => service.list(request.user.sub, request.query),
  );

  app.get(
    "/notifications/unread-count",
    { config: { permission: anyUser }, schema: { ...schemaBase, summary: "How many notifications the caller has not read", response: { 200: UnreadCountSchema, ...errorResponses(401) } } },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return service.unreadCount(request.user.sub);
    },
  );

  app.post(
    "/notifications/:id/read",
    {
      config: { permission: anyUser },
      schema: { ...schemaBase, summary: "Mark one of the caller's notifications read", params: IdParamsSchema, response: { 200: NotificationSchema, ...errorResponses(400, 401, 404) } },
    },
    async (request) => service.markRead(request.user.sub, request.params.id),
  );

  app.post(
    "/notifications/read-all",
    { config: { permission: anyUser }, schema: { ...schemaBase, summary: "Mark every notification of the caller read", response: { 200: UnreadCountSchema, ...errorResponses(401) } } },
    async (request) => service.markAllRead(request.user.sub),
  );

  app.get(
    "/me/notification-preferences",
    {
      config: { permission: anyUser },
      schema: { ...schemaBase, summary: "For each kind of notification, whether the caller gets it by e-mail", response: { 200: NotificationPreferencesSchema, ...errorResponses(401) } },
    },
    async (request) => service.preferences(request.user.sub),
  );

  app.put(
    "/me/notification-preferences",
    {
      config: { permission: anyUser },
      schema: { ...schemaBase, summary: "Choose which kinds of notification also come by e-mail", body: NotificationPreferencesSchema, response: { 200: NotificationPreferencesSchema, ...errorResponses(400, 401) } },
    },
    async (request) => service.savePreferences(actorOf(request), request.body),
  );

  app.put(
    "/me/locale",
    {
      config: { permission: { allowUnapproved: true, allowWithoutCertificate: true } },
      schema: { ...schemaBase, summary: "The language of the caller's e-mail (ko, ja or en)", body: LocaleBodySchema, response: { 200: LocaleBodySchema, ...errorResponses(400, 401) } },
    },
    async (request) => service.setLocale(actorOf(request), request.body.locale),
  );

  app.get(
    "/admin/mail",
    {
      config: { permission: OPS_ONLY },
      schema: { ...schemaBase, tags: ["admin"], summary: "The mail outbox, newest first, with counts per status (also the local mailbox without SMTP)", querystring: OutboxQuerySchema, response: { 200: OutboxListSchema, ...errorResponses(400, 401, 403) } },
    },
    async (request) => service.listOutbox(request.query),
  );

  app.get(
    "/admin/mail/:id",
    {
      config: { permission: OPS_ONLY },
      schema: { ...schemaBase, tags: ["admin"], summary: "One mail with its text and HTML", params: IdParamsSchema, response: { 200: OutboxMailSchema, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => service.getMail(request.params.id),
  );

  app.post(
    "/admin/mail/:id/retry",
    {
      config: { permission: OPS_ONLY },
      schema: { ...schemaBase, tags: ["admin"], summary: "Send a failed mail again", params: IdParamsSchema, response: { 200: OutboxMailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => service.retryMail(actorOf(request), request.params.id),
  );
}
