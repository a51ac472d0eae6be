// The ops console's own routes (/api/admin/organizations, /api/admin/users/…, /api/admin/status); the registration
// queue, trusted roots, audit log, notices and maintenance have their modules.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import {
  AdminCertificateListSchema,
  AdminCertificateQuerySchema,
  AdminContractListSchema,
  AdminContractQuerySchema,
  AdminGuaranteeListSchema,
  AdminGuaranteeQuerySchema,
  AdminOrganizationDetailSchema,
  AdminOrganizationListSchema,
  AdminOrganizationQuerySchema,
  AdminOrganizationSchema,
  AdminUserSchema,
  OrganizationIdParamsSchema,
  CrlStatusSchema,
  SuspensionBodySchema,
  SystemStatusSchema,
  UserIdParamsSchema,
} from "@pwp/shared/admin-console";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createAdminOrganizationsService } from "./admin-organizations.service.ts";
import { createAdminRecordsService } from "./admin-records.service.ts";

const OPS_ONLY = { kinds: ["OPERATOR"] } as const;

export default async function adminConsoleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const organizations = createAdminOrganizationsService({ prisma: app.db.prisma, now: app.now, suspensions: app.suspensions });
  const records = createAdminRecordsService({
    database: app.db,
    config: app.config,
    pki: app.pki,
    maintenance: app.maintenance,
    now: app.now,
    startedAt: app.now(),
  });
  const opsSchema = { security: [{ bearerAuth: [] }], tags: ["admin"] };

  app.get(
    "/admin/status",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "Version, uptime, database and migrations, mail queue, audit log size, maintenance and the queues waiting on ops",
        response: { 200: SystemStatusSchema, ...errorResponses(401, 403) },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return records.systemStatus();
    },
  );

  app.get(
    "/admin/certificates",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "Certificates, newest first: search by subject, serial number, holder or organisation; filter by status",
        querystring: AdminCertificateQuerySchema,
        response: { 200: AdminCertificateListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => records.listCertificates(request.query),
  );

  app.get(
    "/admin/crl",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "The issuing CA's current CRL: number, this and next update, revoked certificates still in force",
        response: { 200: CrlStatusSchema, ...errorResponses(401, 403) },
      },
    },
    async () => records.crlStatus(),
  );

  app.post(
    "/admin/crl/publication",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "Publish a new CRL now, numbered after the last",
        response: { 200: CrlStatusSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => records.publishCrl(actorOf(request)),
  );

  app.get(
    "/admin/contracts",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "Contracts of every organisation, newest first, metadata only (read-only)",
        querystring: AdminContractQuerySchema,
        response: { 200: AdminContractListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => records.listContracts(request.query),
  );

  app.get(
    "/admin/guarantees",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "Guarantees of every organisation, newest first, metadata only: never the authentication key (read-only)",
        querystring: AdminGuaranteeQuerySchema,
        response: { 200: AdminGuaranteeListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => records.listGuarantees(request.query),
  );

  app.get(
    "/admin/organizations",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "Organisations: search by name or registration number, filter by kind, country, status, suspension",
        querystring: AdminOrganizationQuerySchema,
        response: { 200: AdminOrganizationListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => organizations.listOrganizations(request.query),
  );

  app.get(
    "/admin/organizations/:organizationId",
    {
      config: { permission: OPS_ONLY },
      schema: {
        ...opsSchema,
        summary: "An organisation with its users and how many valid certificates they hold",
        params: OrganizationIdParamsSchema,
        response: { 200: AdminOrganizationDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => organizations.getOrganization(request.params.organizationId),
  );

  for (const [action, summary] of [
    ["suspension", "Suspend an organisation (reason required): its users are signed out and cannot sign in"],
    ["reactivation", "Reactivate a suspended organisation (reason required)"],
  ] as const) {
    app.post(
      `/admin/organizations/:organizationId/${action}`,
      {
        config: { permission: OPS_ONLY },
        schema: {
          ...opsSchema,
          summary,
          params: OrganizationIdParamsSchema,
          body: SuspensionBodySchema,
          response: { 200: AdminOrganizationSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { organizationId } = request.params;
        return action === "suspension"
          ? organizations.suspendOrganization(actorOf(request), organizationId, request.body.reason)
          : organizations.reactivateOrganization(actorOf(request), organizationId, request.body.reason);
      },
    );
  }

  for (const [action, summary] of [
    ["suspension", "Suspend a user (reason required): signed out at once, cannot sign in"],
    ["reactivation", "Reactivate a suspended user (reason required)"],
  ] as const) {
    app.post(
      `/admin/users/:userId/${action}`,
      {
        config: { permission: OPS_ONLY },
        schema: {
          ...opsSchema,
          summary,
          params: UserIdParamsSchema,
          body: SuspensionBodySchema,
          response: { 200: AdminUserSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { userId } = request.params;
        return action === "suspension"
          ? organizations.suspendUser(actorOf(request), userId, request.body.reason)
          : organizations.reactivateUser(actorOf(request), userId, request.body.reason);
      },
    );
  }
}
