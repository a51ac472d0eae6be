// Users and invitations (/api/users, /api/invitations), the signed-in user's password (/api/me/password) and the
// forgotten-password flow (/api/auth/password-reset). The rules live in users.service.ts.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  AcceptedInvitationSchema,
  AcceptInvitationBodySchema,
  ChangePasswordBodySchema,
  CreatedInvitationSchema,
  CreateInvitationBodySchema,
  InvitationListSchema,
  InvitationParamsSchema,
  InvitationPreviewSchema,
  InvitationTokenParamsSchema,
  OrganizationUserSchema,
  PageQuerySchema,
  PasswordResetConfirmBodySchema,
  PasswordResetRequestBodySchema,
  PasswordResetRequestedSchema,
  UpdateUserBodySchema,
  UserListSchema,
  UserParamsSchema,
} from "@pwp/shared/users";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createUsersService } from "./users.service.ts";

const REPRESENTATIVE_ONLY = { roles: ["REPRESENTATIVE"] } as const;


export default async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const usersService = createUsersService({
    prisma: app.db.prisma,
    config: app.config,
    logPasswordResetLink: (link, userId) => app.log.info({ userId, link }, "password reset link (e-mail delivery is not set up yet)"),
  });
  // Endpoints that take a secret or set a password: limited per client address like sign-in.
  const perAddressLimit = { max: app.config.signInRateLimitPerMinute, timeWindow: 60_000 };
  const signedIn = { security: [{ bearerAuth: [] }] };

  app.get(
    "/users",
    {
      config: { permission: "signed-in" },
      schema: {
        ...signedIn,
        tags: ["users"],
        summary: "The users of the caller's organisation, oldest first",
        querystring: PageQuerySchema,
        response: { 200: UserListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => usersService.listUsers(request.user.org, request.query),
  );

  app.patch(
    "/users/:userId",
    {
      config: { permission: REPRESENTATIVE_ONLY },
      schema: {
        ...signedIn,
        tags: ["users"],
        summary: "Change a user's role, or deactivate (ending their sessions and delegations) or reactivate them",
        params: UserParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: OrganizationUserSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => usersService.updateUser(actorOf(request), request.params.userId, request.body),
  );

  app.post(
    "/users/invitations",
    {
      config: { permission: REPRESENTATIVE_ONLY },
      schema: {
        ...signedIn,
        tags: ["users"],
        summary: "Invite someone to join the organisation; the answer carries the single-use link (valid 7 days)",
        body: CreateInvitationBodySchema,
        response: { 201: CreatedInvitationSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await usersService.createInvitation(actorOf(request), request.body);
      reply.header("cache-control", "no-store");
      return reply.code(201).send(created);
    },
  );

  app.get(
    "/users/invitations",
    {
      config: { permission: REPRESENTATIVE_ONLY },
      schema: {
        ...signedIn,
        tags: ["users"],
        summary: "The organisation's pending invitations, newest first",
        response: { 200: InvitationListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ invitations: await usersService.listInvitations(request.user.org) }),
  );

  app.delete(
    "/users/invitations/:invitationId",
    {
      config: { permission: REPRESENTATIVE_ONLY },
      schema: {
        ...signedIn,
        tags: ["users"],
        summary: "Revoke a pending invitation: its link stops working",
        params: InvitationParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await usersService.revokeInvitation(actorOf(request), request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/invitations/:token",
    {
      config: { permission: "public" },
      schema: {
        tags: ["users"],
        summary: "What an invitation link invites to (404 for any link that cannot be used)",
        params: InvitationTokenParamsSchema,
        response: { 200: InvitationPreviewSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return usersService.previewInvitation(request.params.token);
    },
  );

  app.post(
    "/invitations/:token/accept",
    {
      config: { permission: "public", rateLimit: perAddressLimit },
      schema: {
        tags: ["users"],
        summary: "Accept an invitation: creates the account (the link then stops working)",
        params: InvitationTokenParamsSchema,
        body: AcceptInvitationBodySchema,
        response: { 201: AcceptedInvitationSchema, ...errorResponses(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const accepted = await usersService.acceptInvitation(request.params.token, request.body, request.ip);
      return reply.code(201).send(accepted);
    },
  );

  app.post(
    "/me/password",
    {
      // Users of an organisation under review have passwords too.
      config: { permission: { allowUnapproved: true } },
      schema: {
        ...signedIn,
        tags: ["users"],
        summary: "Change the signed-in user's password; every session of the user ends (sign in again with the new one)",
        body: ChangePasswordBodySchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      await usersService.changePassword(actorOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/auth/password-reset",
    {
      config: { permission: "public", rateLimit: perAddressLimit },
      schema: {
        tags: ["users"],
        summary: "Ask for a password reset link; the same answer whether or not the address has an account",
        body: PasswordResetRequestBodySchema,
        response: { 202: PasswordResetRequestedSchema, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await usersService.requestPasswordReset(request.body.email, request.ip);
      return reply.code(202).send({ status: "accepted" as const });
    },
  );

  app.post(
    "/auth/password-reset/confirm",
    {
      config: { permission: "public", rateLimit: perAddressLimit },
      schema: {
        tags: ["users"],
        summary: "Set a new password with a reset link's token (single use, valid one hour); ends every session",
        body: PasswordResetConfirmBodySchema,
        response: { 204: Type.Null(), ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await usersService.confirmPasswordReset(request.body, request.ip);
      return reply.code(204).send(null);
    },
  );
}
