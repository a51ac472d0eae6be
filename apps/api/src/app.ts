// Builds the application: external plugins → app plugins → modules, then the error and 404 handlers.
// server.ts and the tests both build it here.
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { ERROR_CODE_BY_HTTP_STATUS, type ErrorBody } from "@pwp/shared/error-codes";
import type { Config } from "./config.ts";
import type { Database } from "./db/database.ts";
import { AppError } from "./lib/app-error.ts";
import { compileValidator, toFieldErrors } from "./lib/validation.ts";
import adminConsoleRoutes from "./modules/admin-console/admin-console.routes.ts";
import auditLogRoutes from "./modules/audit-log/audit-log.routes.ts";
import authRoutes from "./modules/auth/auth.routes.ts";
import certificatesRoutes from "./modules/certificates/certificates.routes.ts";
import contractDocumentsRoutes from "./modules/contract-documents/contract-documents.routes.ts";
import contractsRoutes from "./modules/contracts/contracts.routes.ts";
import counterpartiesRoutes from "./modules/counterparties/counterparties.routes.ts";
import delegationsRoutes from "./modules/delegations/delegations.routes.ts";
import guaranteeLookupRoutes from "./modules/guarantee-lookup/guarantee-lookup.routes.ts";
import guaranteesRoutes from "./modules/guarantees/guarantees.routes.ts";
import healthRoutes from "./modules/health/health.routes.ts";
import noticesRoutes from "./modules/notices/notices.routes.ts";
import notificationsRoutes from "./modules/notifications/notifications.routes.ts";
import pdfVerificationRoutes from "./modules/pdf-verification/pdf-verification.routes.ts";
import pkiRoutes from "./modules/pki/pki.routes.ts";
import registrationRoutes from "./modules/registration/registration.routes.ts";
import usersRoutes from "./modules/users/users.routes.ts";
import authPlugin from "./plugins/auth.ts";
import databasePlugin from "./plugins/database.ts";
import mailPlugin from "./plugins/mail.ts";
import maintenancePlugin from "./plugins/maintenance.ts";
import openapiPlugin from "./plugins/openapi.ts";
import pkiPlugin from "./plugins/pki.ts";
import webAppPlugin from "./plugins/web-app.ts";

export interface BuildAppOptions {
  config: Config;
  /** An already open database (tests); otherwise one is opened from the configuration. */
  database?: Database;
  logger?: boolean;
  /** Where log lines go instead of standard output (tests read them to prove secrets stay out). */
  logStream?: NodeJS.WritableStream;
  /** The clock services read (tests move it to check time rules to the second); the system clock otherwise. */
  now?: () => Date;
}

/** Single-use tokens in paths (/invitations/:token, /counterparty-invitations/:token) and ?token= queries. */
export function redactSecretsInUrl(url: string): string {
  return url.replace(/\/((?:counterparty-)?invitations)\/[^/?#]+/g, "/$1/[redacted]").replace(/([?&]token=)[^&#]*/g, "$1[redacted]");
}

/** Any thrown thing → an AppError. Unknown errors become INTERNAL, whose message says nothing internal. */
function toAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const context = error.validationContext ?? "request";
    const fields = toFieldErrors(context, error.validation);
    const summary = fields.map((field) => `${field.field} ${field.message}`).join("; ");
    return new AppError("VALIDATION_FAILED", `Invalid request: ${summary}`, { fields, cause: error });
  }
  const status = error.statusCode ?? 500;
  const code = status < 500 ? ERROR_CODE_BY_HTTP_STATUS[status] : undefined;
  if (code === "VALIDATION_FAILED") {
    // Fastify's own 400s: malformed JSON, an empty JSON body and the like.
    return new AppError(code, `Invalid request body: ${error.message}`, { fields: [{ field: "body", message: error.message }], cause: error });
  }
  if (code) return new AppError(code, error.message, { cause: error });
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again; if it keeps happening, contact support.", {
    cause: error,
  });
}

export async function buildApp({ config, database, logger = true, logStream, now }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger && {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
      serializers: {
        // Invitation tokens travel in the path: they must not end up in log files.
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: redactSecretsInUrl(request.url),
          remoteAddress: request.ip,
        }),
      },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Opening a new embedded database runs initdb (seconds, more on a busy machine): no plugin time-out.
    pluginTimeout: 0,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(compileValidator);
  app.decorate("config", config);

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: appError.code, message: appError.message }, "request refused");
    if (appError.retryAt) {
      // The services' clock (tests move it), against which they computed retryAt.
      reply.header("retry-after", Math.max(1, Math.ceil((appError.retryAt.getTime() - (now?.() ?? new Date()).getTime()) / 1000)));
    }
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.fields ? { fields: appError.fields } : {}),
        ...(appError.retryAt ? { retryAt: appError.retryAt.toISOString() } : {}),
        ...(appError.currentState ? { currentState: appError.currentState } : {}),
      },
    };
    return reply.code(appError.statusCode).type("application/json").send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const isPageRequest = (request.method === "GET" || request.method === "HEAD") && !request.url.startsWith("/api");
    if (isPageRequest && app.hasWebApp) {
      return reply.header("cache-control", "no-cache").type("text/html").sendFile("index.html");
    }
    throw new AppError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`);
  });

  // External plugins
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        // The contract page shows the contract PDF in an <iframe> from a blob: URL (the PDF needs the bearer token,
        // so a plain src="/api/..." cannot load it); nothing else is framed.
        frameSrc: ["'self'", "blob:"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only over TLS: on plain http://127.0.0.1 it would send the browser to a port that is not listening.
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    strictTransportSecurity: config.isProduction,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", "Too many requests from this address. Try again later.", {
        retryAt: new Date(Date.now() + context.ttl),
      }),
  });

  // App plugins
  await app.register(databasePlugin, database ? { database } : {});
  await app.register(pkiPlugin, now ? { now } : {});
  await app.register(authPlugin);
  await app.register(maintenancePlugin);
  await app.register(mailPlugin);
  await app.register(openapiPlugin);

  // Modules
  await app.register(healthRoutes, { prefix: "/api" });
  await app.register(authRoutes, { prefix: "/api" });
  await app.register(counterpartiesRoutes, { prefix: "/api" });
  await app.register(registrationRoutes, { prefix: "/api" });
  await app.register(usersRoutes, { prefix: "/api" });
  await app.register(delegationsRoutes, { prefix: "/api" });
  await app.register(pkiRoutes, { prefix: "/api" });
  await app.register(certificatesRoutes, { prefix: "/api" });
  await app.register(pdfVerificationRoutes, { prefix: "/api" });
  await app.register(contractsRoutes, { prefix: "/api" });
  await app.register(contractDocumentsRoutes, { prefix: "/api" });
  await app.register(guaranteesRoutes, { prefix: "/api" });
  await app.register(guaranteeLookupRoutes, { prefix: "/api" });
  await app.register(auditLogRoutes, { prefix: "/api" });
  await app.register(noticesRoutes, { prefix: "/api" });
  await app.register(adminConsoleRoutes, { prefix: "/api" });
  await app.register(notificationsRoutes, { prefix: "/api" });

  await app.register(webAppPlugin);
  return app;
}
