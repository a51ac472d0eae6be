// The audit log for ops (/api/admin/audit-events): search and filter, CSV export, and the hash-chain check.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  AuditChainReportSchema,
  AuditEventExportQuerySchema,
  AuditEventListSchema,
  AuditEventQuerySchema,
} from "@pwp/shared/audit-log";
import { errorResponses } from "../../lib/route-schema.ts";
import { createAuditLogService } from "./audit-log.service.ts";

const OPS_ONLY = { kinds: ["OPERATOR"] } as const;

const CsvResponseSchema = Type.Unsafe<NodeJS.ReadableStream>({ type: "string", format: "binary", description: "text/csv" });

export default async function auditLogRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const auditLog = createAuditLogService({ prisma: app.db.prisma, now: app.now });
  const signedIn = { security: [{ bearerAuth: [] }] };

  app.get(
    "/admin/audit-events",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Audit events, newest first, filtered by organisation, user, action (or its prefix), target and time",
        querystring: AuditEventQuerySchema,
        response: { 200: AuditEventListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => auditLog.listEvents(request.query),
  );

  app.get(
    "/admin/audit-events/export",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "The same filter as CSV (UTF-8 with a byte-order mark), every matching event",
        querystring: AuditEventExportQuerySchema,
        produces: ["text/csv"],
        response: { 200: CsvResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const stamp = app.now().toISOString().slice(0, 19).replaceAll(":", "");
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-log-${stamp}.csv"`)
        .header("cache-control", "no-store")
        .send(auditLog.exportCsv(request.query));
    },
  );

  app.post(
    "/admin/audit-chain/verification",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...signedIn,
        tags: ["admin"],
        summary: "Walk every audit chain and report the first broken link of each (edited, removed or inserted events)",
        response: { 200: AuditChainReportSchema, ...errorResponses(401, 403) },
      },
    },
    async () => auditLog.verifyChains(),
  );
}
