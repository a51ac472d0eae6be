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

  type SuspensionTarget = { kind: "organization" | "user"; id: string };

  /**
   * Suspends (or reactivates) an organisation or a user, with the reason, in one transaction: the conditional update
   * makes a second click a conflict, a suspension revokes the refresh tokens it ends, and the audit event goes with it.
   */
  async function changeSuspension(actor: Actor, target: SuspensionTarget, suspend: boolean, reason: string): Promise<void> {
    const isOrganization = target.kind === "organization";
    const noun = isOrganization ? "organisation" : "user";
    if (suspend && target.id === (isOrganization ? actor.organizationId : actor.userId)) {
      throw new AppError("CONFLICT", isOrganization ? "Ops cannot suspend their own organisation." : "Ops cannot suspend themselves.");
    }
    const trimmed = reason.trim();
    const at = now();
    await prisma.$transaction(async (tx) => {
      const organizationId = isOrganization
        ? (await tx.organization.findUnique({ where: { id: target.id }, select: { id: true } }))?.id
        : (await tx.user.findUnique({ where: { id: target.id }, select: { organizationId: true } }))?.organizationId;
      if (!organizationId) throw new AppError("NOT_FOUND", `No such ${noun}.`);
      const where = { id: target.id, suspendedAt: suspend ? null : { not: null } };
      const data = suspend ? { suspendedAt: at, suspensionReason: trimmed } : { suspendedAt: null, suspensionReason: null };
      const { count } = isOrganization ? await tx.organization.updateMany({ where, data }) : await tx.user.updateMany({ where, data });
      if (count === 0) {
        throw new AppError("CONFLICT", suspend ? `This ${noun} is already suspended.` : `This ${noun} is not suspended.`, {
          currentState: suspend ? "SUSPENDED" : "ACTIVE",
        });
      }
      const ended = suspend
        ? await tx.refreshToken.updateMany({
            where: { revokedAt: null, ...(isOrganization ? { user: { organizationId: target.id } } : { userId: target.id }) },
            data: { revokedAt: at, revokedReason: "SUSPENDED" },
          })
        : undefined;
      await recordAuditEvent(tx, {
        action: `admin.${target.kind}_${suspend ? "suspended" : "reactivated"}`,
        actor,
        ipAddress: actor.ipAddress,
        target: { type: isOrganization ? "Organization" : "User", id: target.id },
        data: { reason: trimmed, ...(isOrganization ? {} : { organizationId }), ...(ended ? { sessionsEnded: ended.count } : {}) },
      });
    });
    suspensions.invalidate();
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
      await changeSuspension(actor, { kind: "organization", id: organizationId }, true, reason);
      return toOrganization(await organizationOrNotFound(organizationId));
    },

    async reactivateOrganization(actor: Actor, organizationId: string, reason: string): Promise<AdminOrganization> {
      await changeSuspension(actor, { kind: "organization", id: organizationId }, false, reason);
      return toOrganization(await organizationOrNotFound(organizationId));
    },

    async suspendUser(actor: Actor, userId: string, reason: string): Promise<AdminUser> {
      await changeSuspension(actor, { kind: "user", id: userId }, true, reason);
      return toUser(await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: USER_SELECT }));
    },

    async reactivateUser(actor: Actor, userId: string, reason: string): Promise<AdminUser> {
      await changeSuspension(actor, { kind: "user", id: userId }, false, reason);
      return toUser(await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: USER_SELECT }));
    },
  };
}
