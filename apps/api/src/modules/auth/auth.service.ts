// Sign-in, lockout, rotating refresh tokens and sign-out. Every state change happens in one transaction with its
// audit event.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { CurrentUser, Session, SignInBody } from "@pwp/shared/auth";
import { normalizeRegistrationNumber } from "@pwp/shared/registration-number";
import type { Config } from "../../config.ts";
import type { PrismaClient } from "../../db/database.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import { spendPasswordCheckTime, verifyPassword } from "../../lib/password.ts";
import * as authRepository from "./auth.repository.ts";

/** What the access token carries; the permission hook needs nothing else. */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  kind: CurrentUser["organization"]["kind"];
  role: CurrentUser["role"];
  /** The organisation's registration status when the token was issued; refresh picks up a decision. */
  status: CurrentUser["organization"]["status"];
  /** Present (true) when the session was opened with a certificate sign-in (authentication method "cert"). */
  certificate?: true;
  /** Present (true) when the organisation requires certificate sign-in: without `certificate`, the token opens
   *  only the routes that allow it (the certificate page and certificate sign-in). */
  certificateRequired?: true;
}

/** How long a certificate sign-in challenge can be answered. */
export const CERTIFICATE_CHALLENGE_TTL_MS = 2 * 60_000;

/** A rotated-out token presented again this soon is two tabs refreshing at once, not theft. */
const REFRESH_RACE_GRACE_MS = 10_000;

const INVALID_CREDENTIALS_MESSAGE = "The e-mail or user ID, or the password, is incorrect.";

export interface SessionWithRefreshToken {
  session: Session;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

interface Dependencies {
  prisma: PrismaClient;
  config: Pick<
    Config,
    "accessTokenTtlSeconds" | "refreshTokenTtlSeconds" | "signInLockoutThreshold" | "signInLockoutMinutes"
  >;
  signAccessToken(claims: AccessTokenClaims): string;
  /**
   * Checks a CMS SignedData over `content` (chain, validity and revocation at `at`) and that its signer certificate
   * is one of the user's valid certificates; returns that certificate's id or throws an AppError.
   */
  identifyCertificateSigner?(input: { signedDataDer: Uint8Array; content: Uint8Array; userId: string; organizationId: string; at: Date }): Promise<string>;
  now?: () => Date;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Ops always sign in with a certificate, whatever their organisation's setting: they decide for everyone else. */
export function requiresCertificateSignIn(organization: { kind: string; requireCertificateSignIn?: boolean | undefined }): boolean {
  return organization.kind === "OPERATOR" || organization.requireCertificateSignIn === true;
}

function toCurrentUser(user: CurrentUser): CurrentUser {
  const { organization } = user;
  return {
    id: user.id,
    email: user.email,
    loginId: user.loginId,
    name: user.name,
    role: user.role,
    organization: {
      id: organization.id,
      kind: organization.kind,
      country: organization.country,
      registrationNumber: organization.registrationNumber,
      nameLocal: organization.nameLocal,
      nameLatin: organization.nameLatin,
      status: organization.status,
      ...(organization.requireCertificateSignIn === undefined ? {} : { requireCertificateSignIn: requiresCertificateSignIn(organization) }),
    },
  };
}

export function createAuthService({ prisma, config, signAccessToken, identifyCertificateSigner, now = () => new Date() }: Dependencies) {
  const actorOf = (user: CurrentUser) => ({ userId: user.id, organizationId: user.organization.id });

  async function issueSession(
    db: Parameters<typeof authRepository.createRefreshToken>[0],
    user: CurrentUser,
    familyId: string,
    certificateId: string | null = null,
  ): Promise<SessionWithRefreshToken> {
    const refreshToken = randomBytes(32).toString("base64url");
    const refreshTokenExpiresAt = new Date(now().getTime() + config.refreshTokenTtlSeconds * 1000);
    await authRepository.createRefreshToken(db, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      certificateId,
    });
    const currentUser = toCurrentUser(user);
    const accessToken = signAccessToken({
      sub: user.id,
      org: user.organization.id,
      kind: user.organization.kind,
      role: user.role,
      status: user.organization.status,
      ...(certificateId ? { certificate: true as const } : {}),
      ...(requiresCertificateSignIn(user.organization) ? { certificateRequired: true as const } : {}),
    });
    const session = { accessToken, expiresIn: config.accessTokenTtlSeconds, user: currentUser, isCertificateSession: certificateId !== null };
    return { session, refreshToken, refreshTokenExpiresAt };
  }

  function findCandidate(input: SignInBody) {
    if (input.email) return authRepository.findSignInCandidateByEmail(prisma, input.email.trim().toLowerCase());
    if (input.registrationNumber && input.loginId) {
      return authRepository.findSignInCandidateByLoginId(
        prisma,
        normalizeRegistrationNumber(input.registrationNumber),
        input.loginId.trim(),
      );
    }
    throw new AppError("VALIDATION_FAILED", "Give either an e-mail address, or a registration number and a user ID.", {
      fields: input.registrationNumber
        ? [{ field: "body.loginId", message: "is required with a registration number" }]
        : [{ field: "body.email", message: "is required (or a registration number and a user ID)" }],
    });
  }

  async function signIn(input: SignInBody, ipAddress: string): Promise<SessionWithRefreshToken> {
    const candidate = await findCandidate(input);
    if (!candidate) {
      await spendPasswordCheckTime(input.password);
      await recordAuditEvent(prisma, {
        action: "auth.sign_in_failed",
        ipAddress,
        data: { reason: "unknown_account", email: input.email ?? null, registrationNumber: input.registrationNumber ?? null },
      });
      throw new AppError("INVALID_CREDENTIALS", INVALID_CREDENTIALS_MESSAGE);
    }
    const target = { type: "User", id: candidate.id };
    const signInTime = now();
    if (candidate.lockedUntil && candidate.lockedUntil > signInTime) {
      throw new AppError("ACCOUNT_LOCKED", "This account is locked after repeated failed sign-ins.", { retryAt: candidate.lockedUntil });
    }

    if (!(await verifyPassword(candidate.passwordHash, input.password))) {
      const lockedUntil = await prisma.$transaction(async (tx) => {
        const failures = await authRepository.incrementFailedSignIns(tx, candidate.id);
        const shouldLock = failures >= config.signInLockoutThreshold;
        const until = shouldLock ? new Date(signInTime.getTime() + config.signInLockoutMinutes * 60_000) : undefined;
        if (until) await authRepository.lockUser(tx, candidate.id, until);
        await recordAuditEvent(tx, {
          action: until ? "auth.account_locked" : "auth.sign_in_failed",
          actor: actorOf(candidate),
          target,
          ipAddress,
          data: { reason: "wrong_password", consecutiveFailures: failures, ...(until ? { lockedUntil: until.toISOString() } : {}) },
        });
        return until;
      });
      if (lockedUntil) {
        throw new AppError("ACCOUNT_LOCKED", "This account is locked after repeated failed sign-ins.", { retryAt: lockedUntil });
      }
      throw new AppError("INVALID_CREDENTIALS", INVALID_CREDENTIALS_MESSAGE);
    }

    if (!candidate.isActive) {
      throw new AppError("ACCOUNT_DISABLED", "This account is disabled. Ask your organisation's representative or the platform operator.");
    }
    if (candidate.suspendedAt || candidate.organization.suspendedAt) {
      throw new AppError(
        "ACCOUNT_DISABLED",
        candidate.suspendedAt
          ? "This account has been suspended by the platform operator. Contact the operator's help desk."
          : "Your organisation has been suspended by the platform operator. Contact the operator's help desk.",
      );
    }

    return prisma.$transaction(async (tx) => {
      await authRepository.recordSuccessfulSignIn(tx, candidate.id, signInTime);
      const familyId = randomUUID();
      const issued = await issueSession(tx, candidate, familyId);
      await recordAuditEvent(tx, { action: "auth.signed_in", actor: actorOf(candidate), target, ipAddress, data: { sessionFamily: familyId } });
      return issued;
    });
  }

  async function refresh(refreshToken: string | undefined, ipAddress: string): Promise<SessionWithRefreshToken> {
    const expired = () => new AppError("SESSION_EXPIRED", "Your session has ended. Sign in again.");
    if (!refreshToken) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    const stored = await authRepository.findRefreshToken(prisma, hashToken(refreshToken));
    if (!stored) throw expired();
    const refreshTime = now();
    const actor = actorOf(stored.user);
    const target = { type: "User", id: stored.user.id };

    const isRecentRotation =
      stored.revokedReason === "ROTATED" && stored.revokedAt !== null && refreshTime.getTime() - stored.revokedAt.getTime() < REFRESH_RACE_GRACE_MS;
    if (stored.revokedAt && !isRecentRotation) {
      if (stored.revokedReason === "ROTATED") {
        // A token that was already exchanged came back: someone holds a copy. End every session of that sign-in.
        await prisma.$transaction(async (tx) => {
          const revoked = await authRepository.revokeRefreshTokenFamily(tx, stored.familyId, "REUSE_DETECTED", refreshTime);
          await recordAuditEvent(tx, {
            action: "auth.refresh_token_reused",
            actor,
            target,
            ipAddress,
            data: { sessionFamily: stored.familyId, revokedTokens: revoked },
          });
        });
      }
      throw expired();
    }
    if (stored.expiresAt <= refreshTime || !stored.user.isActive || stored.user.suspendedAt || stored.user.organization.suspendedAt) throw expired();

    // A certificate session stays one only while its certificate is valid: revoked or expired, it falls back to a
    // password session (which, where certificate sign-in is required, opens only the certificate page).
    const certificateId =
      stored.certificateId && (await authRepository.isCertificateStillValid(prisma, stored.certificateId, stored.user.id, refreshTime))
        ? stored.certificateId
        : null;
    return prisma.$transaction(async (tx) => {
      await authRepository.revokeRefreshToken(tx, stored.id, "ROTATED", refreshTime);
      const issued = await issueSession(tx, stored.user, stored.familyId, certificateId);
      await recordAuditEvent(tx, { action: "auth.session_refreshed", actor, target, ipAddress, data: { sessionFamily: stored.familyId } });
      return issued;
    });
  }

  async function signOut(refreshToken: string | undefined, ipAddress: string): Promise<void> {
    if (!refreshToken) return;
    const stored = await authRepository.findRefreshToken(prisma, hashToken(refreshToken));
    if (!stored || stored.revokedAt) return;
    await prisma.$transaction(async (tx) => {
      await authRepository.revokeRefreshTokenFamily(tx, stored.familyId, "SIGNED_OUT", now());
      await recordAuditEvent(tx, {
        action: "auth.signed_out",
        actor: actorOf(stored.user),
        target: { type: "User", id: stored.user.id },
        ipAddress,
        data: { sessionFamily: stored.familyId },
      });
    });
  }

  async function getCurrentUser(userId: string): Promise<CurrentUser> {
    const user = await authRepository.findCurrentUser(prisma, userId);
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return toCurrentUser(user);
  }

  /** A random challenge for certificate sign-in: single use, answered within two minutes. */
  async function createCertificateChallenge(userId: string) {
    const challenge = randomBytes(32);
    const expiresAt = new Date(now().getTime() + CERTIFICATE_CHALLENGE_TTL_MS);
    const created = await authRepository.createSignInChallenge(prisma, { userId, challenge: new Uint8Array(challenge), expiresAt });
    return { challengeId: created.id, challenge: challenge.toString("base64"), expiresAt: expiresAt.toISOString() };
  }

  /**
   * Certificate sign-in, after the password: the user signed the challenge with a key whose certificate is one of
   * theirs and valid now. The challenge is spent before the signature is checked, so each one gets one attempt.
   */
  async function signInWithCertificate(
    input: { userId: string; challengeId: string; signedDataDer: Uint8Array },
    ipAddress: string,
  ): Promise<SessionWithRefreshToken> {
    if (!identifyCertificateSigner) throw new Error("certificate sign-in needs identifyCertificateSigner");
    const user = await authRepository.findCurrentUser(prisma, input.userId);
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    const signInTime = now();
    const challenge = await authRepository.findSignInChallenge(prisma, input.challengeId, user.id);
    if (!challenge) throw new AppError("NOT_FOUND", "No such sign-in challenge. Ask for a new one.");
    if (!(await authRepository.spendSignInChallenge(prisma, challenge.id, signInTime))) {
      throw new AppError("CONFLICT", "This sign-in challenge has expired or was already used. Ask for a new one.");
    }
    const target = { type: "User", id: user.id };
    let certificateId: string;
    try {
      certificateId = await identifyCertificateSigner({
        signedDataDer: input.signedDataDer,
        content: challenge.challenge,
        userId: user.id,
        organizationId: user.organization.id,
        at: signInTime,
      });
    } catch (error) {
      await recordAuditEvent(prisma, {
        action: "auth.certificate_sign_in_failed",
        actor: actorOf(user),
        target,
        ipAddress,
        data: { reason: error instanceof AppError ? error.message : "verification failed" },
      });
      throw error;
    }
    return prisma.$transaction(async (tx) => {
      await authRepository.recordSuccessfulSignIn(tx, user.id, signInTime);
      const familyId = randomUUID();
      const issued = await issueSession(tx, user, familyId, certificateId);
      await recordAuditEvent(tx, {
        action: "auth.signed_in_with_certificate",
        actor: actorOf(user),
        target,
        ipAddress,
        data: { sessionFamily: familyId, certificateId },
      });
      return issued;
    });
  }

  return { signIn, refresh, signOut, getCurrentUser, createCertificateChallenge, signInWithCertificate };
}

export type AuthService = ReturnType<typeof createAuthService>;
