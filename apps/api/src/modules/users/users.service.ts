// Users of an organisation: invitations, roles and deactivation (by the representative), and passwords (changing
// one's own, resetting a forgotten one). Every state change happens in one transaction with its audit event.
import { createHash, randomBytes } from "node:crypto";
import { USER_DEACTIVATED_REASON } from "@pwp/shared/delegations";
import {
  INVITATION_VALIDITY_DAYS,
  type AcceptedInvitation,
  type AcceptInvitationBody,
  type ChangePasswordBody,
  type CreatedInvitation,
  type CreateInvitationBody,
  type Invitation,
  type InvitationPreview,
  type OrganizationUser,
  type PageQuery,
  type PasswordResetConfirmBody,
  type UpdateUserBody,
  type UserList,
} from "@pwp/shared/users";
import type { Config } from "../../config.ts";
import type { PrismaClient } from "../../db/database.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import { decodePageCursor, toPage } from "../../lib/page-cursor.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import { revokeDelegationBranches } from "../../lib/signing-authority.ts";
import * as usersRepository from "./users.repository.ts";
import type { Actor } from "../../lib/actor.ts";

const PASSWORD_RESET_VALIDITY_MS = 60 * 60 * 1000;

/** One message for an unknown, revoked, used or expired link, so the answer says nothing about which. */
const INVITATION_NOT_FOUND = "This invitation link is not valid. It may have expired, been revoked or been used already; ask for a new one.";


interface Dependencies {
  prisma: PrismaClient;
  config: Pick<Config, "publicUrl" | "isProduction">;
  /** Where a password-reset link goes until e-mail delivery exists (outside production only). */
  logPasswordResetLink(link: string, userId: string): void;
  now?: () => Date;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toOrganizationUser(user: Awaited<ReturnType<typeof usersRepository.findUser>> & object): OrganizationUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    loginId: user.loginId,
    role: user.role,
    isActive: user.isActive,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}

function toInvitation(invitation: Awaited<ReturnType<typeof usersRepository.createInvitation>>): Invitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
    invitedBy: { id: invitation.invitedBy.id, name: invitation.invitedBy.name },
  };
}

export function createUsersService({ prisma, config, logPasswordResetLink, now = () => new Date() }: Dependencies) {

  // ---- users -------------------------------------------------------------------------------------------------

  async function listUsers(organizationId: string, query: PageQuery): Promise<UserList> {
    const limit = query.limit ?? 100;
    const rows = await usersRepository.listUsers(prisma, organizationId, decodePageCursor(query.cursor), limit + 1);
    const page = toPage(rows, limit);
    return { users: page.items.map(toOrganizationUser), nextCursor: page.nextCursor };
  }

  /**
   * Role changes and (de)activation by the representative. Deactivating also ends the user's sessions and every
   * delegation they hold or granted, with everything hanging from those, in the same transaction: a person who
   * has left must not keep signing authority until someone remembers to revoke it.
   */
  async function updateUser(actor: Actor, userId: string, changes: UpdateUserBody): Promise<OrganizationUser> {
    const target = await usersRepository.findUser(prisma, actor.organizationId, userId);
    if (!target) throw new AppError("NOT_FOUND", "There is no such user in your organization.");
    if (target.id === actor.userId) {
      throw new AppError("FORBIDDEN", "You cannot change your own role or deactivate your own account.");
    }
    if (target.role === "REPRESENTATIVE") {
      throw new AppError("FORBIDDEN", "The representative's role and account cannot be changed here; contact the platform operator.");
    }

    const data: UpdateUserBody = {};
    if (changes.role !== undefined && changes.role !== target.role) data.role = changes.role;
    if (changes.isActive !== undefined && changes.isActive !== target.isActive) data.isActive = changes.isActive;
    if (Object.keys(data).length === 0) return toOrganizationUser(target);

    const at = now();
    return prisma.$transaction(async (tx) => {
      const updated = await usersRepository.updateUser(tx, target.id, data);
      const isDeactivation = data.isActive === false;
      let revokedDelegationIds: string[] = [];
      let revokedRefreshTokens = 0;
      if (isDeactivation) {
        revokedRefreshTokens = await usersRepository.revokeAllRefreshTokens(tx, target.id, "USER_DEACTIVATED", at);
        revokedDelegationIds = await revokeDelegationBranches(tx, {
          organizationId: actor.organizationId,
          rootIds: await usersRepository.listOpenDelegationIdsOfUser(tx, actor.organizationId, target.id),
          revokedById: actor.userId,
          reason: USER_DEACTIVATED_REASON,
          at,
        });
        if (revokedDelegationIds.length > 0) {
          await recordAuditEvent(tx, {
            action: "delegations.revoked",
            actor,
            target: { type: "User", id: target.id },
            ipAddress: actor.ipAddress,
            data: { reason: USER_DEACTIVATED_REASON, revokedIds: revokedDelegationIds },
          });
        }
      }
      await recordAuditEvent(tx, {
        action: isDeactivation ? "users.deactivated" : data.isActive === true ? "users.reactivated" : "users.role_changed",
        actor,
        target: { type: "User", id: target.id },
        ipAddress: actor.ipAddress,
        data: {
          ...(data.role ? { role: { from: target.role, to: data.role } } : {}),
          ...(data.isActive !== undefined ? { isActive: { from: target.isActive, to: data.isActive } } : {}),
          ...(isDeactivation ? { revokedRefreshTokens, revokedDelegationIds } : {}),
        },
      });
      return toOrganizationUser(updated);
    });
  }

  // ---- invitations -------------------------------------------------------------------------------------------

  async function createInvitation(actor: Actor, body: CreateInvitationBody): Promise<CreatedInvitation> {
    const email = normalizeEmail(body.email);
    // Addresses are unique across the platform (they sign people in), so this says the address is taken anywhere.
    if (await usersRepository.findUserIdByEmail(prisma, email)) {
      throw new AppError("CONFLICT", "An account with this e-mail address already exists.", {
        fields: [{ field: "body.email", message: "already belongs to an account" }],
      });
    }
    const token = newLinkToken();
    const at = now();
    const expiresAt = new Date(at.getTime() + INVITATION_VALIDITY_DAYS * 24 * 60 * 60 * 1000);
    const invitation = await prisma.$transaction(async (tx) => {
      // Sending again replaces the earlier link, so only the newest one an invitee received works.
      const replacedIds = await usersRepository.revokePendingInvitationsForEmail(tx, actor.organizationId, email, at);
      const created = await usersRepository.createInvitation(tx, {
        organizationId: actor.organizationId,
        email,
        role: body.role,
        tokenHash: hashToken(token),
        expiresAt,
        invitedById: actor.userId,
      });
      await recordAuditEvent(tx, {
        action: "users.invited",
        actor,
        target: { type: "UserInvitation", id: created.id },
        ipAddress: actor.ipAddress,
        data: { email, role: body.role, expiresAt: expiresAt.toISOString(), replacedInvitationIds: replacedIds },
      });
      return created;
    });
    return { invitation: toInvitation(invitation), invitationUrl: `${config.publicUrl}/invitations/${token}` };
  }

  async function listInvitations(organizationId: string): Promise<Invitation[]> {
    return (await usersRepository.listPendingInvitations(prisma, organizationId, now())).map(toInvitation);
  }

  async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
    const invitation = await usersRepository.findInvitation(prisma, actor.organizationId, invitationId);
    if (!invitation) throw new AppError("NOT_FOUND", "There is no such invitation in your organization.");
    const at = now();
    await prisma.$transaction(async (tx) => {
      if (!(await usersRepository.revokeInvitation(tx, actor.organizationId, invitationId, at))) {
        throw new AppError("CONFLICT", "This invitation is no longer pending: it was already accepted, revoked, or it has expired.");
      }
      await recordAuditEvent(tx, {
        action: "users.invitation_revoked",
        actor,
        target: { type: "UserInvitation", id: invitationId },
        ipAddress: actor.ipAddress,
        data: { email: invitation.email },
      });
    });
  }

  async function previewInvitation(token: string): Promise<InvitationPreview> {
    const invitation = await usersRepository.findPendingInvitationByToken(prisma, hashToken(token), now());
    if (!invitation) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND);
    const { organization } = invitation;
    return {
      organization: { nameLocal: organization.nameLocal, nameLatin: organization.nameLatin, kind: organization.kind, country: organization.country },
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  async function acceptInvitation(token: string, body: AcceptInvitationBody, ipAddress: string): Promise<AcceptedInvitation> {
    const invitation = await usersRepository.findPendingInvitationByToken(prisma, hashToken(token), now());
    if (!invitation) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND);
    const loginId = body.loginId.trim();
    // Hashing takes a moment of CPU: done before the transaction so no row stays locked meanwhile.
    const passwordHash = await hashPassword(body.password);
    const at = now();
    return prisma.$transaction(async (tx) => {
      if (!(await usersRepository.claimInvitation(tx, invitation.id, at))) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND);
      if (await usersRepository.findUserIdByLoginId(tx, invitation.organizationId, loginId)) {
        throw new AppError("CONFLICT", "This user ID is already taken in your organization. Choose another one.", {
          fields: [{ field: "body.loginId", message: "is already taken in this organization" }],
        });
      }
      // The address may have been registered elsewhere since the invitation was sent (another organisation's).
      if (await usersRepository.findUserIdByEmail(tx, invitation.email)) {
        throw new AppError("CONFLICT", "An account with this invitation's e-mail address already exists. Sign in with it instead.");
      }
      const user = await usersRepository.createUser(tx, {
        organizationId: invitation.organizationId,
        email: invitation.email,
        loginId,
        name: body.name.trim(),
        role: invitation.role,
        passwordHash,
      });
      await usersRepository.recordInvitationUser(tx, invitation.id, user.id);
      await recordAuditEvent(tx, {
        action: "users.invitation_accepted",
        actor: { userId: user.id, organizationId: invitation.organizationId },
        target: { type: "User", id: user.id },
        ipAddress,
        data: { invitationId: invitation.id, email: user.email, loginId: user.loginId, role: user.role },
      });
      return {
        user,
        organization: { country: invitation.organization.country, registrationNumber: invitation.organization.registrationNumber },
      };
    });
  }

  // ---- passwords ---------------------------------------------------------------------------------------------

  /**
   * Changes the signed-in user's password and revokes ALL their refresh tokens. The refresh cookie is scoped to
   * /api/auth, so this route cannot tell which session family is the caller's own; ending every session is the
   * safe choice (a stolen session dies with the old password). The web signs in again with the new password right
   * away, so the person changing it does not notice.
   */
  async function changePassword(actor: Actor, body: ChangePasswordBody): Promise<void> {
    const owner = await usersRepository.findPasswordOwner(prisma, actor.userId);
    if (!owner) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    if (!(await verifyPassword(owner.passwordHash, body.currentPassword))) {
      throw new AppError("VALIDATION_FAILED", "The current password is incorrect.", {
        fields: [{ field: "body.currentPassword", message: "is incorrect" }],
      });
    }
    if (body.newPassword === body.currentPassword) {
      throw new AppError("VALIDATION_FAILED", "The new password must differ from the current one.", {
        fields: [{ field: "body.newPassword", message: "must differ from the current password" }],
      });
    }
    const passwordHash = await hashPassword(body.newPassword);
    const at = now();
    await prisma.$transaction(async (tx) => {
      await usersRepository.setPassword(tx, owner.id, passwordHash);
      const revokedRefreshTokens = await usersRepository.revokeAllRefreshTokens(tx, owner.id, "PASSWORD_CHANGED", at);
      await usersRepository.expireOpenPasswordResetTokens(tx, owner.id, at);
      await recordAuditEvent(tx, {
        action: "users.password_changed",
        actor,
        target: { type: "User", id: owner.id },
        ipAddress: actor.ipAddress,
        data: { revokedRefreshTokens },
      });
    });
  }

  /**
   * Always ends the same way whether or not the address has an account, so the answer cannot be used to find out
   * which addresses are registered. The link is logged (outside production) until e-mail delivery exists.
   */
  async function requestPasswordReset(emailInput: string, ipAddress: string): Promise<void> {
    const email = normalizeEmail(emailInput);
    const user = await usersRepository.findActiveUserByEmail(prisma, email);
    if (!user) {
      // One write here and a few there: no password hashing on either path, so the timings stay close.
      await recordAuditEvent(prisma, { action: "users.password_reset_requested", ipAddress, data: { email, accountFound: false } });
      return;
    }
    const token = newLinkToken();
    const at = now();
    await prisma.$transaction(async (tx) => {
      await usersRepository.expireOpenPasswordResetTokens(tx, user.id, at);
      await usersRepository.createPasswordResetToken(tx, {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(at.getTime() + PASSWORD_RESET_VALIDITY_MS),
      });
      await recordAuditEvent(tx, {
        action: "users.password_reset_requested",
        target: { type: "User", id: user.id },
        ipAddress,
        data: { email, accountFound: true },
      });
    });
    if (!config.isProduction) logPasswordResetLink(`${config.publicUrl}/reset-password?token=${token}`, user.id);
  }

  async function confirmPasswordReset(body: PasswordResetConfirmBody, ipAddress: string): Promise<void> {
    const invalid = () =>
      new AppError("VALIDATION_FAILED", "This password reset link is not valid: it may have expired or been used already. Ask for a new one.", {
        fields: [{ field: "body.token", message: "is invalid, expired or already used" }],
      });
    const stored = await usersRepository.findPasswordResetToken(prisma, hashToken(body.token));
    if (!stored || stored.usedAt || stored.expiresAt <= now() || !stored.user.isActive) throw invalid();
    const passwordHash = await hashPassword(body.newPassword);
    const at = now();
    await prisma.$transaction(async (tx) => {
      if (!(await usersRepository.usePasswordResetToken(tx, stored.id, at))) throw invalid();
      await usersRepository.setPassword(tx, stored.user.id, passwordHash);
      await usersRepository.expireOpenPasswordResetTokens(tx, stored.user.id, at);
      const revokedRefreshTokens = await usersRepository.revokeAllRefreshTokens(tx, stored.user.id, "PASSWORD_RESET", at);
      await recordAuditEvent(tx, {
        action: "users.password_reset",
        actor: { userId: stored.user.id, organizationId: stored.user.organizationId },
        target: { type: "User", id: stored.user.id },
        ipAddress,
        data: { revokedRefreshTokens },
      });
    });
  }

  return {
    listUsers,
    updateUser,
    createInvitation,
    listInvitations,
    revokeInvitation,
    previewInvitation,
    acceptInvitation,
    changePassword,
    requestPasswordReset,
    confirmPasswordReset,
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
