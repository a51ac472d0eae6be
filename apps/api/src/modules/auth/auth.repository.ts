// The only Prisma calls of sign-in and sessions. Selects only what the service needs or the API exposes.
import type { DbClient } from "../../db/database.ts";

const CURRENT_USER_SELECT = {
  id: true,
  email: true,
  loginId: true,
  name: true,
  role: true,
  organization: {
    select: {
      id: true,
      kind: true,
      country: true,
      registrationNumber: true,
      nameLocal: true,
      nameLatin: true,
      status: true,
      requireCertificateSignIn: true,
    },
  },
} as const;

const SIGN_IN_CANDIDATE_SELECT = {
  ...CURRENT_USER_SELECT,
  organization: { select: { ...CURRENT_USER_SELECT.organization.select, suspendedAt: true } },
  suspendedAt: true,
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
  token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date; certificateId: string | null },
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
      certificateId: true,
      user: {
        select: {
          ...CURRENT_USER_SELECT,
          organization: { select: { ...CURRENT_USER_SELECT.organization.select, suspendedAt: true } },
          isActive: true,
          suspendedAt: true,
        },
      },
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

/** A certificate sign-in stays one only while the certificate is still valid, not revoked, and the user's. */
export async function isCertificateStillValid(db: DbClient, certificateId: string, userId: string, at: Date): Promise<boolean> {
  const certificate = await db.certificate.findFirst({
    where: { id: certificateId, userId, revokedAt: null, notBefore: { lte: at }, notAfter: { gt: at } },
    select: { id: true },
  });
  return certificate !== null;
}

export function createSignInChallenge(db: DbClient, data: { userId: string; challenge: Uint8Array<ArrayBuffer>; expiresAt: Date }) {
  return db.signInChallenge.create({ data, select: { id: true } });
}

export async function findSignInChallenge(db: DbClient, id: string, userId: string) {
  const row = await db.signInChallenge.findFirst({ where: { id, userId }, select: { id: true, challenge: true } });
  return row ? { id: row.id, challenge: new Uint8Array(row.challenge) } : null;
}

/** Marks the challenge used unless it already was or has expired; true when this call spent it. */
export async function spendSignInChallenge(db: DbClient, id: string, at: Date): Promise<boolean> {
  const { count } = await db.signInChallenge.updateMany({ where: { id, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
  return count === 1;
}
