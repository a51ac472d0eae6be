// Every state change records an audit event through this function, inside the same transaction.
import type { DbClient } from "../db/database.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export interface AuditEventInput {
  /** dotted verb in the past tense: "auth.signed_in", "auth.sign_in_failed" … */
  action: string;
  /** Who did it; a request's Actor (lib/actor.ts) can be passed as it is. */
  actor?: { userId: string; organizationId: string } | undefined;
  target?: { type: string; id: string } | undefined;
  ipAddress?: string | undefined;
  data?: Prisma.InputJsonObject;
}

export async function recordAuditEvent(db: DbClient, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorUserId: event.actor?.userId ?? null,
      actorOrganizationId: event.actor?.organizationId ?? null,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      ipAddress: event.ipAddress ?? null,
      data: event.data ?? {},
    },
    select: { id: true },
  });
}
