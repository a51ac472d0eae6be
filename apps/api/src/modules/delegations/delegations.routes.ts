// Delegations of signing authority (/api/delegations) and what the signed-in user may sign now (/api/me/authority).
// The rules live in delegations.service.ts.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import {
  CreateDelegationBodySchema,
  DelegationListSchema,
  DelegationParamsSchema,
  DelegationSchema,
  DelegationStatementsSchema,
  RevokeDelegationBodySchema,
  RevokedDelegationSchema,
  SigningAuthoritySchema,
} from "@pwp/shared/delegations";
import { PageQuerySchema } from "@pwp/shared/users";
import { actorOf } from "../../lib/actor.ts";
import { identifyUserSigner } from "../../lib/pki/signer-verification.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createDelegationsService } from "./delegations.service.ts";


export default async function delegationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const delegationsService = createDelegationsService({
    prisma: app.db.prisma,
    identifySigner: (input) => identifyUserSigner(app.db.prisma, app.pki, input),
    now: app.now,
  });
  const signedIn = { security: [{ bearerAuth: [] }] };

  app.get(
    "/delegations",
    {
      config: { permission: "signed-in" },
      schema: {
        ...signedIn,
        tags: ["delegations"],
        summary: "The organisation's delegations, oldest first, each with its state now",
        querystring: PageQuerySchema,
        response: { 200: DelegationListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => delegationsService.listDelegations(request.user.org, request.query),
  );

  app.post(
    "/delegations",
    {
      // Who may delegate depends on what they hold, which the service checks: the representative, or an agent
      // within a delegation it holds.
      config: { permission: "signed-in", signing: true },
      schema: {
        ...signedIn,
        tags: ["delegations"],
        summary: "Delegate signing authority to another user (a sub-delegation when the caller is an agent), signed by the grantor",
        description:
          "The body carries a CMS SignedData made with one of the caller's own valid certificates over the grant statement " +
          "(packages/shared delegations: delegationGrantStatement). A statementId already used is refused with 409.",
        body: CreateDelegationBodySchema,
        response: { 201: DelegationSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await delegationsService.createDelegation(actorOf(request), request.body)),
  );

  app.post(
    "/delegations/:delegationId/revoke",
    {
      config: { permission: "signed-in", signing: true },
      schema: {
        ...signedIn,
        tags: ["delegations"],
        summary: "Revoke a delegation and every delegation hanging from it, signed by the revoker",
        description: "The body carries a CMS SignedData over the revocation statement (delegationRevocationStatement).",
        params: DelegationParamsSchema,
        body: RevokeDelegationBodySchema,
        response: { 200: RevokedDelegationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => delegationsService.revokeDelegation(actorOf(request), request.params.delegationId, request.body),
  );

  app.get(
    "/delegations/:delegationId/statement",
    {
      // Whoever may see the delegation in the list may check its signatures again.
      config: { permission: "signed-in" },
      schema: {
        ...signedIn,
        tags: ["delegations"],
        summary: "The signed grant and revocation statements of a delegation, exactly as signed, to verify again",
        params: DelegationParamsSchema,
        response: { 200: DelegationStatementsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => delegationsService.getStatements(request.user.org, request.params.delegationId),
  );

  app.get(
    "/me/authority",
    {
      config: { permission: "signed-in" },
      schema: {
        ...signedIn,
        tags: ["delegations"],
        summary: "What the signed-in user may sign now: as the representative, or by which delegation",
        response: { 200: SigningAuthoritySchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => delegationsService.getAuthority(actorOf(request)),
  );
}
