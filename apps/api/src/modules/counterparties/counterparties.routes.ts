// Counterparties (거래처 관리): the platform organisation search, a member's counterparty list with contacts, and
// the public preview of a counterparty invitation. Handlers only translate between HTTP and the service.
import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import {
  COUNTERPARTY_KINDS,
  CounterpartyContactParamsSchema,
  CounterpartyContactSchema,
  CounterpartyDetailSchema,
  CounterpartyInvitationPreviewSchema,
  CounterpartyInvitationTokenParamsSchema,
  CounterpartyListQuerySchema,
  CounterpartyListResponseSchema,
  CounterpartyParamsSchema,
  CreateCounterpartyBodySchema,
  CreateCounterpartyContactBodySchema,
  CreateCounterpartyResponseSchema,
  OrganizationSearchQuerySchema,
  OrganizationSearchResponseSchema,
  ReissueCounterpartyInvitationResponseSchema,
  UpdateCounterpartyBodySchema,
  UpdateCounterpartyContactBodySchema,
} from "@pwp/shared/counterparties";
import type { Permission } from "../../plugins/auth.ts";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createCounterpartiesService } from "./counterparties.service.ts";

/** Members of approved orderer, contractor and surety organisations; operators keep no counterparties. */
const MEMBERS: Permission = { kinds: COUNTERPARTY_KINDS };
/** Removing a counterparty takes its contacts with it: a decision for the representative or a manager. */
const MEMBER_MANAGERS: Permission = { kinds: COUNTERPARTY_KINDS, roles: ["REPRESENTATIVE", "MANAGER"] };
/** Previews per client address per minute: enough for a person, too few to guess tokens (which are 256-bit anyway). */
const INVITATION_PREVIEW_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

const security = [{ bearerAuth: [] }];
const tags = ["counterparties"];


export default async function counterpartiesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createCounterpartiesService({ prisma: app.db.prisma, config: app.config });

  app.get(
    "/organizations/search",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Find approved organisations on the platform by name or registration number, to add as counterparties",
        querystring: OrganizationSearchQuerySchema,
        response: { 200: OrganizationSearchResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.searchOrganizations(actorOf(request), request.query),
  );

  app.get(
    "/counterparties",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Your organisation's counterparties, in name order (keyset pagination)",
        querystring: CounterpartyListQuerySchema,
        response: { 200: CounterpartyListResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.listCounterparties(actorOf(request), request.query),
  );

  app.post(
    "/counterparties",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Add a platform organisation ({ organizationId }), or register and invite one not on the platform yet",
        description:
          "With registration details, an organisation whose number is already approved on the platform is linked instead; " +
          "otherwise an invitation is made and its link returned once as invitationUrl.",
        body: CreateCounterpartyBodySchema,
        response: { 201: CreateCounterpartyResponseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createCounterparty(actorOf(request), request.body)),
  );

  app.get(
    "/counterparties/:id",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "One counterparty with its contacts",
        params: CounterpartyParamsSchema,
        response: { 200: CounterpartyDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getCounterparty(actorOf(request), request.params.id),
  );

  app.patch(
    "/counterparties/:id",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Correct the name or invitation e-mail of a counterparty that is not on the platform yet",
        params: CounterpartyParamsSchema,
        body: UpdateCounterpartyBodySchema,
        response: { 200: CounterpartyDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateCounterparty(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    "/counterparties/:id",
    {
      config: { permission: MEMBER_MANAGERS },
      schema: {
        tags,
        security,
        summary: "Remove a counterparty and its contacts (representative or manager)",
        params: CounterpartyParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteCounterparty(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/counterparties/:id/invitation",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Issue a new invitation link; the previous link stops working",
        params: CounterpartyParamsSchema,
        response: { 200: ReissueCounterpartyInvitationResponseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.reissueInvitation(actorOf(request), request.params.id),
  );

  app.post(
    "/counterparties/:id/contacts",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Add a contact person to a counterparty",
        params: CounterpartyParamsSchema,
        body: CreateCounterpartyContactBodySchema,
        response: { 201: CounterpartyContactSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.addContact(actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    "/counterparties/:id/contacts/:contactId",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Change a contact person of a counterparty",
        params: CounterpartyContactParamsSchema,
        body: UpdateCounterpartyContactBodySchema,
        response: { 200: CounterpartyContactSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.updateContact(actorOf(request), request.params.id, request.params.contactId, request.body),
  );

  app.delete(
    "/counterparties/:id/contacts/:contactId",
    {
      config: { permission: MEMBERS },
      schema: {
        tags,
        security,
        summary: "Remove a contact person of a counterparty",
        params: CounterpartyContactParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteContact(actorOf(request), request.params.id, request.params.contactId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/counterparty-invitations/:token",
    {
      config: { permission: "public", rateLimit: INVITATION_PREVIEW_RATE_LIMIT },
      schema: {
        tags,
        summary: "What a counterparty invitation link pre-fills in the registration form",
        description: "One 404 for an unknown, expired, replaced or already used link.",
        params: CounterpartyInvitationTokenParamsSchema,
        response: { 200: CounterpartyInvitationPreviewSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      // The token is a credential in the path: keep the answer out of shared caches.
      reply.header("cache-control", "no-store");
      return service.previewInvitation(request.params.token);
    },
  );
}
