// The only Prisma calls of users, invitations and passwords. Every query about an organisation's users or
// invitations carries the organisation in its where clause.
import type { UserRole } from "@pwp/shared/enums";
import type { DbClient } from "../../db/database.ts";
import { afterPosition, type PagePosition } from "../../lib/page-cursor.ts";

const USER_SELECT = {
  id: true,
  name: true,
  email: true,
  loginId: true,
  role: true,
  isActive: true,
  lastSignInAt: true,
  createdAt: true,
} as const;

const INVITATION_SELECT = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  createdAt: true,
  invitedBy: { select: { id: true, name: true } },
} as const;

/** Pending: neither accepted nor revoked, and not yet expired at `now`. */
const pendingAt = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

// ---- users ---------------------------------------------------------------------------------------------------

export function listUsers(db: DbClient, organizationId: string, after: PagePosition | undefined, take: number) {
  return db.user.findMany({
    where: { organizationId, ...afterPosition(after) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: USER_SELECT,
  });
}

export function findUser(db: DbClient, organizationId: string, userId: string) {
  return db.user.findFirst({ where: { id: userId, organizationId }, select: USER_SELECT });
}

export function findUserIdByEmail(db: DbClient, email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true } });
}

export function findUserIdByLoginId(db: DbClient, organizationId: string, loginId: string) {
  return db.user.findUnique({ where: { organizationId_loginId: { organizationId, loginId } }, select: { id: true } });
}

export function updateUser(db: DbClient, userId: string, data: { role?: UserRole; isActive?: boolean }) {
  return db.user.update({ where: { id: userId }, data, select: USER_SELECT });
}

export function createUser(
  db: DbClient,
  data: { organizationId: string; email: string; loginId: string; name: string; role: UserRole; passwordHash: string },
) {
  return db.user.create({ data, select: { id: true, name: true, email: true, loginId: true, role: true } });
}

/** Every open refresh token of the user: their sessions end at the next refresh. */
export async function revokeAllRefreshTokens(db: DbClient, userId: string, reason: string, at: Date): Promise<number> {
  const { count } = await db.refreshToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: at, revokedReason: reason },
  });
  return count;
}

/** Delegations the user holds or granted that are not revoked yet (expired ones too: revoking them is harmless). */
export async function listOpenDelegationIdsOfUser(db: DbClient, organizationId: string, userId: string): Promise<string[]> {
  const rows = await db.delegation.findMany({
    where: { organizationId, revokedAt: null, OR: [{ agentId: userId }, { grantorId: userId }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

// ---- passwords -----------------------------------------------------------------------------------------------

export function findPasswordOwner(db: DbClient, userId: string) {
  return db.user.findFirst({
    where: { id: userId, isActive: true },
    select: { id: true, organizationId: true, passwordHash: true },
  });
}

export function findActiveUserByEmail(db: DbClient, email: string) {
  return db.user.findFirst({ where: { email, isActive: true }, select: { id: true, organizationId: true } });
}

export async function setPassword(db: DbClient, userId: string, passwordHash: string): Promise<void> {
  // A new password also lifts a lockout: the person has just proved they hold the account another way.
  await db.user.update({
    where: { id: userId },
    data: { passwordHash, failedSignInCount: 0, lockedUntil: null },
    select: { id: true },
  });
}

export async function createPasswordResetToken(db: DbClient, data: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.passwordResetToken.create({ data, select: { id: true } });
}

export function findPasswordResetToken(db: DbClient, tokenHash: string) {
  return db.passwordResetToken.findUnique({
    where: { tokenHash },
    select: { id: true, expiresAt: true, usedAt: true, user: { select: { id: true, organizationId: true, isActive: true } } },
  });
}

/** Marks the token used unless it already is or has expired; true when this call used it. */
export async function usePasswordResetToken(db: DbClient, id: string, at: Date): Promise<boolean> {
  const { count } = await db.passwordResetToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: at } },
    data: { usedAt: at },
  });
  return count === 1;
}

/** A reset link stops working once another one is asked for or the password is set: only the newest may be used. */
export async function expireOpenPasswordResetTokens(db: DbClient, userId: string, at: Date): Promise<void> {
  await db.passwordResetToken.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: at } }, data: { expiresAt: at } });
}

// ---- invitations ---------------------------------------------------------------------------------------------

export function listPendingInvitations(db: DbClient, organizationId: string, now: Date) {
  return db.userInvitation.findMany({
    where: { organizationId, ...pendingAt(now) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: INVITATION_SELECT,
  });
}

/** Revokes this organisation's pending invitations for the address; the ids revoked. */
export async function revokePendingInvitationsForEmail(db: DbClient, organizationId: string, email: string, now: Date): Promise<string[]> {
  const pending = await db.userInvitation.findMany({ where: { organizationId, email, ...pendingAt(now) }, select: { id: true } });
  if (pending.length === 0) return [];
  await db.userInvitation.updateMany({ where: { id: { in: pending.map((row) => row.id) }, revokedAt: null }, data: { revokedAt: now } });
  return pending.map((row) => row.id);
}

export function createInvitation(
  db: DbClient,
  data: { organizationId: string; email: string; role: UserRole; tokenHash: string; expiresAt: Date; invitedById: string },
) {
  return db.userInvitation.create({ data, select: INVITATION_SELECT });
}

export function findInvitation(db: DbClient, organizationId: string, invitationId: string) {
  return db.userInvitation.findFirst({
    where: { id: invitationId, organizationId },
    select: { id: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true },
  });
}

/** Revokes the invitation if it is still pending; true when this call revoked it. */
export async function revokeInvitation(db: DbClient, organizationId: string, invitationId: string, now: Date): Promise<boolean> {
  const { count } = await db.userInvitation.updateMany({
    where: { id: invitationId, organizationId, ...pendingAt(now) },
    data: { revokedAt: now },
  });
  return count === 1;
}

export function findPendingInvitationByToken(db: DbClient, tokenHash: string, now: Date) {
  return db.userInvitation.findFirst({
    where: { tokenHash, ...pendingAt(now) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      organizationId: true,
      organization: { select: { nameLocal: true, nameLatin: true, kind: true, country: true, registrationNumber: true } },
    },
  });
}

/**
 * Claims the invitation for one acceptance: a conditional update, so of two requests racing with the same token
 * exactly one sees count 1 (the other waits on the row lock, then finds it no longer pending).
 */
export async function claimInvitation(db: DbClient, invitationId: string, now: Date): Promise<boolean> {
  const { count } = await db.userInvitation.updateMany({
    where: { id: invitationId, ...pendingAt(now) },
    data: { acceptedAt: now },
  });
  return count === 1;
}

export async function recordInvitationUser(db: DbClient, invitationId: string, userId: string): Promise<void> {
  await db.userInvitation.update({ where: { id: invitationId }, data: { acceptedUserId: userId }, select: { id: true } });
}
