// The only Prisma calls of sign-in and sessions. Selects only what the service needs or the API exposes.
import type { DbClient } from "../../db/database.ts";

const CURRENT_USER_SELECT = {
  id: true,
  email: true,
  loginId: true,
  name: true,
  role: true,
  organization: {
    select: { id: true, kind: true, country: true, registrationNumber: true, nameLocal: true, nameLatin: true, status: true },
  },
} as const;

const SIGN_IN_CANDIDATE_SELECT = {
  ...CURRENT_USER_SELECT,
  passwordHash: true,
  isActive: true,
  failedSignInCount: true,
  lockedUntil: true,
} as const;

export function findSignInCandidateByEmail(db: DbClient, email: string) {
  return db.user.findUnique({ where: { email }, select: SIGN_IN_CANDIDATE_SELECT });
}

export function findSignInCandidateByLoginId(db: DbClient, registrationNumber: string, loginId: string) {
  return db.user.findFirst({
    where: { loginId, organization: { registrationNumber } },
    select: SIGN_IN_CANDIDATE_SELECT,
  });
}

export function findCurrentUser(db: DbClient, userId: string) {
  return db.user.findFirst({ where: { id: userId, isActive: true }, select: CURRENT_USER_SELECT });
}

/** Adds one failed attempt atomically and returns the new count. */
export async function incrementFailedSignIns(db: DbClient, userId: string): Promise<number> {
  const user = await db.user.update({
    where: { id: userId },
    data: { failedSignInCount: { increment: 1 } },
    select: { failedSignInCount: true },
  });
  return user.failedSignInCount;
}

export async function lockUser(db: DbClient, userId: string, until: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lockedUntil: until, failedSignInCount: 0 }, select: { id: true } });
}

export async function recordSuccessfulSignIn(db: DbClient, userId: string, at: Date): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { failedSignInCount: 0, lockedUntil: null, lastSignInAt: at },
    select: { id: true },
  });
}

export async function createRefreshToken(
  db: DbClient,
  token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.refreshToken.create({ data: token, select: { id: true } });
}

export function findRefreshToken(db: DbClient, tokenHash: string) {
  return db.refreshToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      familyId: true,
      expiresAt: true,
      revokedAt: true,
      revokedReason: true,
      user: { select: { ...CURRENT_USER_SELECT, isActive: true } },
    },
  });
}

/** Revokes one token unless something else already did; true when this call revoked it. */
export async function revokeRefreshToken(db: DbClient, id: string, reason: string, at: Date): Promise<boolean> {
  const { count } = await db.refreshToken.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: at, revokedReason: reason },
  });
  return count === 1;
}

export async function revokeRefreshTokenFamily(db: DbClient, familyId: string, reason: string, at: Date): Promise<number> {
  const { count } = await db.refreshToken.updateMany({
    where: { familyId, revokedAt: null },
    data: { revokedAt: at, revokedReason: reason },
  });
  return count;
}
