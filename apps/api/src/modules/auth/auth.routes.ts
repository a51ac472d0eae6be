import type { FastifyInstance, FastifyReply } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { CurrentUserSchema, SessionSchema, SignInBodySchema } from "@pwp/shared/auth";
import { CertificateChallengeSchema, CertificateSignInBodySchema } from "@pwp/shared/certificates";
import { identifyUserSigner } from "../../lib/pki/signer-verification.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createAuthService, type SessionWithRefreshToken } from "./auth.service.ts";

const REFRESH_COOKIE = "pwp_refresh";
const REFRESH_COOKIE_PATH = "/api/auth";

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const authService = createAuthService({
    prisma: app.db.prisma,
    config: app.config,
    signAccessToken: (claims) => app.jwt.sign(claims),
    identifyCertificateSigner: (input) => identifyUserSigner(app.db.prisma, app.pki, { ...input, field: "body.signedData" }),
    now: app.now,
  });

  const cookieOptions = { httpOnly: true, sameSite: "strict", secure: app.config.cookieSecure, path: REFRESH_COOKIE_PATH } as const;
  function sendSession(reply: FastifyReply, issued: SessionWithRefreshToken) {
    reply.setCookie(REFRESH_COOKIE, issued.refreshToken, { ...cookieOptions, expires: issued.refreshTokenExpiresAt });
    reply.header("cache-control", "no-store");
    return issued.session;
  }

  app.post(
    "/auth/sign-in",
    {
      config: {
        permission: "public",
        rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ["auth"],
        summary: "Sign in with e-mail, or registration number and user ID, and password",
        body: SignInBodySchema,
        response: { 200: SessionSchema, ...errorResponses(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => sendSession(reply, await authService.signIn(request.body, request.ip)),
  );

  app.post(
    "/auth/refresh",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Exchange the refresh cookie for a new access token (the cookie rotates)",
        response: { 200: SessionSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      try {
        return sendSession(reply, await authService.refresh(request.cookies[REFRESH_COOKIE], request.ip));
      } catch (error) {
        reply.clearCookie(REFRESH_COOKIE, cookieOptions);
        throw error;
      }
    },
  );

  app.post(
    "/auth/sign-out",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "End this session: revokes its refresh tokens and clears the cookie",
        response: { 204: Type.Null(), ...errorResponses() },
      },
    },
    async (request, reply) => {
      await authService.signOut(request.cookies[REFRESH_COOKIE], request.ip);
      reply.clearCookie(REFRESH_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/me",
    {
      config: { permission: { allowUnapproved: true, allowWithoutCertificate: true } },
      schema: {
        tags: ["auth"],
        summary: "The signed-in user and their organisation",
        security: [{ bearerAuth: [] }],
        response: { 200: CurrentUserSchema, ...errorResponses(401) },
      },
    },
    async (request) => authService.getCurrentUser(request.user.sub),
  );

  // Certificate sign-in: after the password, the browser signs a fresh challenge with the user's key. Both routes
  // are open to a password-only session even where the organisation requires certificate sign-in.
  const certificateSignInPermission = { allowUnapproved: true, allowWithoutCertificate: true } as const;

  app.post(
    "/auth/certificate-challenge",
    {
      config: { permission: certificateSignInPermission, rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ["auth"],
        summary: "A random, single-use challenge (valid 2 minutes) to sign for certificate sign-in",
        security: [{ bearerAuth: [] }],
        response: { 201: CertificateChallengeSchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return reply.code(201).send(await authService.createCertificateChallenge(request.user.sub));
    },
  );

  app.post(
    "/auth/certificate-sign-in",
    {
      config: { permission: certificateSignInPermission, rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ["auth"],
        summary: "Answer the challenge with a CMS SignedData over it: opens a certificate session (new refresh cookie)",
        security: [{ bearerAuth: [] }],
        body: CertificateSignInBodySchema,
        response: { 200: SessionSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const issued = await authService.signInWithCertificate(
        { userId: request.user.sub, challengeId: request.body.challengeId, signedDataDer: Buffer.from(request.body.signedData, "base64") },
        request.ip,
      );
      return sendSession(reply, issued);
    },
  );
}
