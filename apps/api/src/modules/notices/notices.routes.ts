// Notices (/api/notices for readers, /api/admin/notices for ops) and maintenance windows (/api/maintenance for
// everyone, /api/admin/maintenance-windows for ops). Enforcement of the windows is plugins/maintenance.ts.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import {
  MaintenanceStatusSchema,
  MaintenanceWindowInputSchema,
  MaintenanceWindowListSchema,
  MaintenanceWindowParamsSchema,
  MaintenanceWindowSchema,
  NoticeInputSchema,
  NoticeListSchema,
  NoticeParamsSchema,
  NoticeSchema,
} from "@pwp/shared/notices";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { readOptionalSession } from "../../plugins/auth.ts";
import { createNoticesService } from "./notices.service.ts";

const OPS_ONLY = { kinds: ["OPERATOR"] } as const;

export default async function noticesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createNoticesService({ prisma: app.db.prisma, now: app.now, maintenance: app.maintenance });
  const signedIn = { security: [{ bearerAuth: [] }] };

  app.get(
    "/notices",
    {
      config: { permission: "public" },
      schema: {
        tags: ["notices"],
        summary: "The notices shown now: to everyone without a session, and also those for the caller's kind of organisation with one",
        response: { 200: NoticeListSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const session = await readOptionalSession(request);
      return { notices: await service.currentNotices(session?.kind ?? null) };
    },
  );

  app.get(
    "/maintenance",
    {
      config: { permission: "public" },
      schema: {
        tags: ["notices"],
        summary: "Whether signing or the whole system is paused for maintenance now, until when, and the windows ahead",
        response: { 200: MaintenanceStatusSchema },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return service.maintenanceStatus();
    },
  );

  app.get(
    "/admin/notices",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Every notice, newest first (current, scheduled, ended and withdrawn)",
        response: { 200: NoticeListSchema, ...errorResponses(401, 403) },
      },
    },
    async () => ({ notices: await service.listAllNotices() }),
  );

  app.post(
    "/admin/notices",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Post a notice in Korean, Japanese and/or English for an audience and a period",
        body: NoticeInputSchema,
        response: { 201: NoticeSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createNotice(actorOf(request), request.body)),
  );

  app.put(
    "/admin/notices/:noticeId",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Change a notice (not one announcing a maintenance window: change the window)",
        params: NoticeParamsSchema,
        body: NoticeInputSchema,
        response: { 200: NoticeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateNotice(actorOf(request), request.params.noticeId, request.body),
  );

  app.post(
    "/admin/notices/:noticeId/withdrawal",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Withdraw a notice before its period ends",
        params: NoticeParamsSchema,
        response: { 200: NoticeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.withdrawNotice(actorOf(request), request.params.noticeId),
  );

  app.get(
    "/admin/maintenance-windows",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Every maintenance window, latest start first",
        response: { 200: MaintenanceWindowListSchema, ...errorResponses(401, 403) },
      },
    },
    async () => ({ windows: await service.listWindows() }),
  );

  app.post(
    "/admin/maintenance-windows",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Schedule a maintenance window for signing or the whole system; a notice announces it until it ends",
        body: MaintenanceWindowInputSchema,
        response: { 201: MaintenanceWindowSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.scheduleWindow(actorOf(request), request.body)),
  );

  app.post(
    "/admin/maintenance-windows/:windowId/cancellation",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "End a maintenance window now, or call off one ahead; its notice is withdrawn",
        params: MaintenanceWindowParamsSchema,
        response: { 200: MaintenanceWindowSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.cancelWindow(actorOf(request), request.params.windowId),
  );
}
