// Access control in one place: every /api route declares `config.permission`, and one hook enforces it.
import fastifyCookie from "@fastify/cookie";
import fastifyJwt from "@fastify/jwt";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { OrganizationKind, UserRole } from "@pwp/shared/enums";
import { AppError } from "../lib/app-error.ts";
import { createSuspensionState, type SuspensionState } from "../lib/suspensions.ts";
import type { AccessTokenClaims } from "../modules/auth/auth.service.ts";

/**
 * "public": anyone. "signed-in": a user of an approved organisation. An object: also the organisation kind and/or
 * role; `allowUnapproved` lets in users whose organisation is still under review (their status page and answers);
 * `allowWithoutCertificate` lets in a password-only session of an organisation that requires certificate sign-in
 * (the certificate page and certificate sign-in itself), which every other route refuses.
 */
export type Permission =
  | "public"
  | "signed-in"
  | { kinds?: readonly OrganizationKind[]; roles?: readonly UserRole[]; allowUnapproved?: boolean; allowWithoutCertificate?: boolean };

declare module "fastify" {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyInstance {
    suspensions: SuspensionState;
  }
}

declare module "@fastify/jwt" {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AccessTokenClaims;
  }
}

async function authenticate(request: FastifyRequest): Promise<AccessTokenClaims> {
  if (!request.headers.authorization) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  let claims: AccessTokenClaims;
  try {
    claims = await request.jwtVerify<AccessTokenClaims>();
  } catch (error) {
    const isExpired = (error as { code?: string }).code === "FST_JWT_AUTHORIZATION_TOKEN_EXPIRED";
    throw isExpired
      ? new AppError("SESSION_EXPIRED", "Your access token has expired.", { cause: error })
      : new AppError("UNAUTHENTICATED", "Sign in to continue.", { cause: error });
  }
  // 401, not 403: the web app then tries to refresh (refused, the tokens were revoked) and shows sign-in, which says why.
  if (await request.server.suspensions.isSuspended(claims.sub, claims.org)) {
    throw new AppError("UNAUTHENTICATED", "This account has been suspended by the platform operator.");
  }
  return claims;
}

/**
 * The session on a "public" route that reads one when it is there (the guarantee lookup records the viewer's
 * organisation and offers an orderer its actions): null without an Authorization header, and null for a session
 * that could not open "signed-in" routes (organisation not approved, certificate sign-in required). An invalid or
 * expired token is refused (401) as on any route, so the client refreshes it instead of silently looking anonymous.
 */
export async function readOptionalSession(request: FastifyRequest): Promise<AccessTokenClaims | null> {
  if (!request.headers.authorization) return null;
  const claims = await authenticate(request);
  if (claims.status !== "APPROVED" || (claims.certificateRequired && !claims.certificate)) return null;
  return claims;
}

async function authPlugin(app: FastifyInstance) {
  app.decorate("suspensions", createSuspensionState(app.db.prisma));
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret: app.config.jwtSecret,
    sign: { expiresIn: app.config.accessTokenTtlSeconds, algorithm: "HS256" },
    verify: { algorithms: ["HS256"] },
  });

  // Default deny: an API route without a declared permission is a programming error, caught at start-up.
  app.addHook("onRoute", (route) => {
    const isApiRoute = route.url.startsWith("/api/") && !route.url.startsWith("/api/docs");
    if (isApiRoute && route.config?.permission === undefined) {
      throw new Error(`Route ${route.method} ${route.url} declares no config.permission`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined || permission === "public") return;
    const claims = await authenticate(request);
    const allowUnapproved = permission !== "signed-in" && permission.allowUnapproved === true;
    if (claims.status !== "APPROVED" && !allowUnapproved) {
      throw new AppError("FORBIDDEN", "Your organisation's registration has not been approved yet.");
    }
    const allowWithoutCertificate = permission !== "signed-in" && permission.allowWithoutCertificate === true;
    if (claims.certificateRequired && !claims.certificate && !allowWithoutCertificate) {
      throw new AppError("CERTIFICATE_REQUIRED", "Your organisation requires certificate sign-in: sign in with your certificate to continue.");
    }
    if (permission === "signed-in") return;
    const isKindAllowed = !permission.kinds || permission.kinds.includes(claims.kind);
    const isRoleAllowed = !permission.roles || permission.roles.includes(claims.role);
    if (!isKindAllowed || !isRoleAllowed) throw new AppError("FORBIDDEN", "You do not have access to this.");
  });
}

export default fp(authPlugin, { name: "auth", dependencies: ["database"] });
