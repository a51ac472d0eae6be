import type { FastifyInstance, FastifyReply } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { CurrentUserSchema, SessionSchema, SignInBodySchema } from "@pwp/shared/auth";
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
      config: { permission: { allowUnapproved: true } },
      schema: {
        tags: ["auth"],
        summary: "The signed-in user and their organisation",
        security: [{ bearerAuth: [] }],
        response: { 200: CurrentUserSchema, ...errorResponses(401) },
      },
    },
    async (request) => authService.getCurrentUser(request.user.sub),
  );
}
