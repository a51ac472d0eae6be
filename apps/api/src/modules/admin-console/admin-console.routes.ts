// The ops console's own routes (/api/admin/organizations, /api/admin/users/…, /api/admin/status); the registration
// queue, trusted roots, audit log, notices and maintenance have their modules.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import {
  AdminOrganizationDetailSchema,
  AdminOrganizationListSchema,
  AdminOrganizationQuerySchema,
  AdminOrganizationSchema,
  AdminUserSchema,
  OrganizationIdParamsSchema,
  SuspensionBodySchema,
  UserIdParamsSchema,
} from "@pwp/shared/admin-console";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createAdminOrganizationsService } from "./admin-organizations.service.ts";

const OPS_ONLY = { kinds: ["OPERATOR"] } as const;

export default async function adminConsoleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const organizations = createAdminOrganizationsService({ prisma: app.db.prisma, now: app.now, suspensions: app.suspensions });
  const opsSchema = { security: [{ bearerAuth: [] }], tags: ["admin"] };

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
