// Maintenance windows, enforced in one place: a route that signs declares `config.signing` and is refused during any
// window; during a full window every API route is refused (503 with Retry-After) except the exempt prefixes, sign-in,
// the notices and maintenance status the web app needs to explain itself, and ops sessions, who must be able to end it.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../lib/app-error.ts";
import { createMaintenanceState, type MaintenanceState } from "../lib/maintenance-state.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route applies or requests a signature (documents, guarantees, delegations, time-stamps, certificates). */
    signing?: boolean;
  }
  interface FastifyInstance {
    maintenance: MaintenanceState;
  }
}

const ALWAYS_OPEN = ["/api/auth/", "/api/notices", "/api/maintenance", "/api/me"];

function isOpenDuringFullMaintenance(request: FastifyRequest, exemptPrefixes: readonly string[]): boolean {
  const url = request.routeOptions.url ?? request.url;
  if ([...ALWAYS_OPEN, ...exemptPrefixes].some((prefix) => url.startsWith(prefix))) return true;
  // request.user is set by the auth hook (registered before this one) on routes that need a session.
  return (request.user as { kind?: string } | undefined)?.kind === "OPERATOR";
}

async function maintenancePlugin(app: FastifyInstance) {
  const state = createMaintenanceState(app.db.prisma, app.now);
  app.decorate("maintenance", state);

  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const now = await state.current();
    if (now.systemPausedUntil && !isOpenDuringFullMaintenance(request, app.config.maintenanceExemptRoutes)) {
      throw new AppError("SERVICE_UNAVAILABLE", `The system is down for maintenance until ${now.systemPausedUntil.toISOString()}.`, {
        retryAt: now.systemPausedUntil,
      });
    }
    if (now.signingPausedUntil && request.routeOptions.config.signing) {
      throw new AppError("SERVICE_UNAVAILABLE", `Signing is paused for maintenance until ${now.signingPausedUntil.toISOString()}.`, {
        retryAt: now.signingPausedUntil,
      });
    }
  });
}

export default fp(maintenancePlugin, { name: "maintenance", dependencies: ["database", "auth"] });
