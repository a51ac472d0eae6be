// Every state change records an audit event through this function, inside the same transaction.
import type { DbClient } from "../db/database.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { appendToAuditChain } from "./audit-chain.ts";

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
  const content = {
    occurredAt: new Date(),
    action: event.action,
    actorUserId: event.actor?.userId ?? null,
    actorOrganizationId: event.actor?.organizationId ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ipAddress: event.ipAddress ?? null,
    data: event.data ?? {},
  };
  // Events of their own (a failed sign-in has no change to join) still need a transaction: the chain head's lock
  // lasts until the transaction ends. (A transaction's client has $transaction too, but not $connect.)
  if ("$connect" in db) await db.$transaction((tx) => appendToAuditChain(tx, content));
  else await appendToAuditChain(db, content);
}
