// Who is acting on a request, as services need it for scoping and audit events.
import type { FastifyRequest } from "fastify";

export interface Actor {
  userId: string;
  organizationId: string;
  /** Where the request came from (behind a proxy only with TRUST_PROXY). */
  ipAddress: string;
}

/** Only for routes that require a signed-in user: request.user is the verified access-token claims. */
export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.user.sub, organizationId: request.user.org, ipAddress: request.ip };
}
