// Ops look after member organisations and their users: search, detail, and suspension (with a reason) that takes
// effect at once — refresh tokens revoked in the same transaction, sign-in refused, existing access tokens refused
// by the auth hook (lib/suspensions.ts) — and reactivation.
import type {
  AdminOrganization,
  AdminOrganizationDetail,
  AdminOrganizationList,
  AdminOrganizationQuery,
  AdminUser,
} from "@pwp/shared/admin-console";
import type { PrismaClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import { afterPosition, decodePageCursor, toPage } from "../../lib/page-cursor.ts";
import type { SuspensionState } from "../../lib/suspensions.ts";

const ORGANIZATION_SELECT = {
  id: true,
  kind: true,
  country: true,
  registrationNumber: true,
  nameLocal: true,
  nameLatin: true,
  status: true,
  suspendedAt: true,
  suspensionReason: true,
  createdAt: true,
  _count: { select: { users: true } },
} as const;
type OrganizationRow = Prisma.OrganizationGetPayload<{ select: typeof ORGANIZATION_SELECT }>;

const USER_SELECT = {
  id: true,
  name: true,
  email: true,
  loginId: true,
  role: true,
  isActive: true,
  suspendedAt: true,
  suspensionReason: true,
  lastSignInAt: true,
} as const;
type UserRow = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

function toOrganization(row: OrganizationRow): AdminOrganization {
  return {
    id: row.id,
    kind: row.kind,
    country: row.country,
    registrationNumber: row.registrationNumber,
    nameLocal: row.nameLocal,
    nameLatin: row.nameLatin,
    status: row.status,
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
    suspensionReason: row.suspensionReason,
    userCount: row._count.users,
    createdAt: row.createdAt.toISOString(),
  };
}

function toUser(row: UserRow): AdminUser {
  return {
    ...row,
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}

function searchCondition(q: string | undefined): Prisma.OrganizationWhereInput {
  const text = q?.trim();
  if (!text) return {};
  const digits = text.replace(/\D/g, "");
  return {
    OR: [
      { nameLocal: { contains: text, mode: "insensitive" } },
      { nameLatin: { contains: text, mode: "insensitive" } },
      ...(digits.length >= 3 ? [{ registrationNumber: { contains: digits } }] : []),
    ],
  };
}

export function createAdminOrganizationsService(deps: { prisma: PrismaClient; now: () => Date; suspensions: SuspensionState }) {
  const { prisma, now, suspensions } = deps;

  async function organizationOrNotFound(organizationId: string): Promise<OrganizationRow> {
    const row = await prisma.organization.findUnique({ where: { id: organizationId }, select: ORGANIZATION_SELECT });
    if (!row) throw new AppError("NOT_FOUND", "No such organisation.");
    return row;
  }

  return {
    async listOrganizations(query: AdminOrganizationQuery): Promise<AdminOrganizationList> {
      const limit = query.limit ?? 50;
      const rows = await prisma.organization.findMany({
        where: {
          AND: [
            searchCondition(query.q),
            query.kind ? { kind: query.kind } : {},
            query.country ? { country: query.country } : {},
            query.status ? { status: query.status } : {},
            query.suspended === undefined ? {} : { suspendedAt: query.suspended ? { not: null } : null },
            afterPosition(decodePageCursor(query.cursor)),
          ],
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit + 1,
        select: ORGANIZATION_SELECT,
      });
      const page = toPage(rows, limit);
      return { organizations: page.items.map(toOrganization), nextCursor: page.nextCursor };
    },

    async getOrganization(organizationId: string): Promise<AdminOrganizationDetail> {
      const organization = await organizationOrNotFound(organizationId);
      const at = now();
      const [users, validCertificateCount] = await Promise.all([
        prisma.user.findMany({ where: { organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: USER_SELECT }),
        prisma.certificate.count({ where: { organizationId, revokedAt: null, notBefore: { lte: at }, notAfter: { gt: at } } }),
      ]);
      return { organization: toOrganization(organization), users: users.map(toUser), validCertificateCount };
    },

    async suspendOrganization(actor: Actor, organizationId: string, reason: string): Promise<AdminOrganization> {
      if (organizationId === actor.organizationId) throw new AppError("CONFLICT", "Ops cannot suspend their own organisation.");
      await organizationOrNotFound(organizationId);
      const at = now();
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.organization.updateMany({
          where: { id: organizationId, suspendedAt: null },
          data: { suspendedAt: at, suspensionReason: reason.trim() },
        });
        if (count === 0) throw new AppError("CONFLICT", "This organisation is already suspended.", { currentState: "SUSPENDED" });
        const { count: revoked } = await tx.refreshToken.updateMany({
          where: { user: { organizationId }, revokedAt: null },
          data: { revokedAt: at, revokedReason: "SUSPENDED" },
        });
        await recordAuditEvent(tx, {
          action: "admin.organization_suspended",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "organization", id: organizationId },
          data: { reason: reason.trim(), sessionsEnded: revoked },
        });
      });
      suspensions.invalidate();
      return toOrganization(await organizationOrNotFound(organizationId));
    },

    async reactivateOrganization(actor: Actor, organizationId: string, reason: string): Promise<AdminOrganization> {
      await organizationOrNotFound(organizationId);
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.organization.updateMany({
          where: { id: organizationId, suspendedAt: { not: null } },
          data: { suspendedAt: null, suspensionReason: null },
        });
        if (count === 0) throw new AppError("CONFLICT", "This organisation is not suspended.", { currentState: "ACTIVE" });
        await recordAuditEvent(tx, {
          action: "admin.organization_reactivated",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "organization", id: organizationId },
          data: { reason: reason.trim() },
        });
      });
      suspensions.invalidate();
      return toOrganization(await organizationOrNotFound(organizationId));
    },

    async suspendUser(actor: Actor, userId: string, reason: string): Promise<AdminUser> {
      if (userId === actor.userId) throw new AppError("CONFLICT", "Ops cannot suspend themselves.");
      const at = now();
      const user = await prisma.$transaction(async (tx) => {
        const existing = await tx.user.findUnique({ where: { id: userId }, select: { organizationId: true } });
        if (!existing) throw new AppError("NOT_FOUND", "No such user.");
        const { count } = await tx.user.updateMany({ where: { id: userId, suspendedAt: null }, data: { suspendedAt: at, suspensionReason: reason.trim() } });
        if (count === 0) throw new AppError("CONFLICT", "This user is already suspended.", { currentState: "SUSPENDED" });
        const { count: revoked } = await tx.refreshToken.updateMany({
          where: { userId, revokedAt: null },
          data: { revokedAt: at, revokedReason: "SUSPENDED" },
        });
        await recordAuditEvent(tx, {
          action: "admin.user_suspended",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "user", id: userId },
          data: { reason: reason.trim(), organizationId: existing.organizationId, sessionsEnded: revoked },
        });
        return tx.user.findUniqueOrThrow({ where: { id: userId }, select: USER_SELECT });
      });
      suspensions.invalidate();
      return toUser(user);
    },

    async reactivateUser(actor: Actor, userId: string, reason: string): Promise<AdminUser> {
      const user = await prisma.$transaction(async (tx) => {
        const existing = await tx.user.findUnique({ where: { id: userId }, select: { organizationId: true } });
        if (!existing) throw new AppError("NOT_FOUND", "No such user.");
        const { count } = await tx.user.updateMany({ where: { id: userId, suspendedAt: { not: null } }, data: { suspendedAt: null, suspensionReason: null } });
        if (count === 0) throw new AppError("CONFLICT", "This user is not suspended.", { currentState: "ACTIVE" });
        await recordAuditEvent(tx, {
          action: "admin.user_reactivated",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "user", id: userId },
          data: { reason: reason.trim(), organizationId: existing.organizationId },
        });
        return tx.user.findUniqueOrThrow({ where: { id: userId }, select: USER_SELECT });
      });
      suspensions.invalidate();
      return toUser(user);
    },
  };
}
