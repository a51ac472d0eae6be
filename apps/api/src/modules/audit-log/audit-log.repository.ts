// Reads of the audit log for ops: filtered, newest first, keyset-paged by id.
import type { AuditEventExportQuery } from "@pwp/shared/audit-log";
import type { PrismaClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AUDIT_EVENT_SELECT } from "../../lib/audit-chain.ts";

export type StoredAuditEvent = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_EVENT_SELECT }>;

function whereOf(filter: AuditEventExportQuery, beforeId: bigint | undefined): Prisma.AuditEventWhereInput {
  const conditions: Prisma.AuditEventWhereInput[] = [];
  if (filter.organizationId) {
    conditions.push({
      OR: [{ actorOrganizationId: filter.organizationId }, { targetType: "Organization", targetId: filter.organizationId }],
    });
  }
  if (filter.userId) conditions.push({ OR: [{ actorUserId: filter.userId }, { targetType: "User", targetId: filter.userId }] });
  if (filter.action) conditions.push(filter.action.endsWith(".") ? { action: { startsWith: filter.action } } : { action: filter.action });
  if (filter.targetId) conditions.push({ targetId: filter.targetId });
  if (filter.from || filter.to) {
    conditions.push({ occurredAt: { ...(filter.from ? { gte: new Date(filter.from) } : {}), ...(filter.to ? { lt: new Date(filter.to) } : {}) } });
  }
  if (beforeId !== undefined) conditions.push({ id: { lt: beforeId } });
  return { AND: conditions };
}

export function createAuditLogRepository(prisma: PrismaClient) {
  return {
    findEvents(filter: AuditEventExportQuery, beforeId: bigint | undefined, take: number): Promise<StoredAuditEvent[]> {
      return prisma.auditEvent.findMany({ where: whereOf(filter, beforeId), orderBy: { id: "desc" }, take, select: AUDIT_EVENT_SELECT });
    },

    async namesOf(events: StoredAuditEvent[]) {
      const userIds = [...new Set(events.flatMap((event) => (event.actorUserId ? [event.actorUserId] : [])))];
      const organizationIds = [...new Set(events.flatMap((event) => (event.actorOrganizationId ? [event.actorOrganizationId] : [])))];
      const [users, organizations] = await Promise.all([
        userIds.length ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
        organizationIds.length
          ? prisma.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, nameLocal: true } })
          : [],
      ]);
      return {
        userName: new Map(users.map((user) => [user.id, user.name])),
        organizationName: new Map(organizations.map((organization) => [organization.id, organization.nameLocal])),
      };
    },
  };
}

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
