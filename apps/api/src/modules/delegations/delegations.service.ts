// Delegation of signing authority (委任): the representative grants root delegations to agents (代理人); an agent
// may sub-delegate (復代理) only within a delegation it holds, for a period inside it and scopes it covers.
// Revoking a delegation revokes everything that hangs from it. Every change is one transaction with its audit event.
//
// Once certificates exist (the certificates issue), creating or revoking a delegation will be signed by the grantor
// (or the revoker) with their certificate, and that signed record is what makes the delegation binding.
import {
  getDelegationState,
  type CreateDelegationBody,
  type Delegation,
  type DelegationList,
  type RevokedDelegation,
  type SigningAuthority,
} from "@pwp/shared/delegations";
import { DELEGATION_SCOPES, type DelegationScope } from "@pwp/shared/enums";
import type { PageQuery } from "@pwp/shared/users";
import type { PrismaClient } from "../../db/database.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import { decodePageCursor, toPage } from "../../lib/page-cursor.ts";
import { findSigningAuthority, revokeDelegationBranches } from "../../lib/signing-authority.ts";
import * as delegationsRepository from "./delegations.repository.ts";
import type { Actor } from "../../lib/actor.ts";

/**
 * A period may start "now" as the form sends it, a little before the request arrives; further back is refused,
 * because authority that reaches into the past could be used to validate a signature after the fact.
 */
const START_TOLERANCE_MS = 5 * 60 * 1000;


interface Dependencies {
  prisma: PrismaClient;
  now?: () => Date;
}

type DelegationRow = NonNullable<Awaited<ReturnType<typeof delegationsRepository.findDelegation>>>;

function toDelegation(row: DelegationRow, at: Date): Delegation {
  return {
    id: row.id,
    grantor: { id: row.grantor.id, name: row.grantor.name },
    agent: { id: row.agent.id, name: row.agent.name },
    // In the canonical order, whatever order they were given in.
    scopes: DELEGATION_SCOPES.filter((scope) => row.scopes.includes(scope)),
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    parentId: row.parentId,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
    state: getDelegationState(row, at),
  };
}

function badField(field: string, message: string, summary: string) {
  return new AppError("VALIDATION_FAILED", summary, { fields: [{ field, message }] });
}

export function createDelegationsService({ prisma, now = () => new Date() }: Dependencies) {

  /** The caller as the database knows them now: an access token outlives a deactivation by up to its lifetime. */
  async function requireActiveCaller(actor: Actor) {
    const caller = await delegationsRepository.findUserInOrganization(prisma, actor.organizationId, actor.userId);
    if (!caller?.isActive) throw new AppError("FORBIDDEN", "Your account is not active.");
    return caller;
  }

  async function listDelegations(organizationId: string, query: PageQuery): Promise<DelegationList> {
    const limit = query.limit ?? 100;
    const rows = await delegationsRepository.listDelegations(prisma, organizationId, decodePageCursor(query.cursor), limit + 1);
    const page = toPage(rows, limit);
    const at = now();
    return { delegations: page.items.map((row) => toDelegation(row, at)), nextCursor: page.nextCursor };
  }

  /** Picks the delegation the caller sub-delegates from, or says exactly what their delegations do not cover. */
  async function findCoveringDelegation(actor: Actor, scopes: DelegationScope[], validFrom: Date, validUntil: Date, at: Date) {
    const held = await delegationsRepository.listOpenDelegationsHeldBy(prisma, actor.organizationId, actor.userId, at);
    if (held.length === 0) {
      throw new AppError("FORBIDDEN", "Only the representative, or someone who holds a delegation, can delegate signing authority.");
    }
    const covering = held.find(
      (delegation) =>
        scopes.every((scope) => delegation.scopes.includes(scope)) && delegation.validFrom <= validFrom && validUntil <= delegation.validUntil,
    );
    if (covering) return covering;

    const uncoveredScopes = DELEGATION_SCOPES.filter((scope) => scopes.includes(scope) && !held.some((d) => d.scopes.includes(scope)));
    if (uncoveredScopes.length > 0) {
      throw new AppError("FORBIDDEN", `No delegation you hold covers ${uncoveredScopes.join(", ")}: you can pass on only what you were given.`, {
        fields: [{ field: "body.scopes", message: `not covered by your delegations: ${uncoveredScopes.join(", ")}` }],
      });
    }
    // Every scope is held somewhere, but no one delegation covers them all for the whole period.
    const withScopes = held.filter((d) => scopes.every((scope) => d.scopes.includes(scope)));
    if (withScopes.length === 0) {
      throw new AppError("FORBIDDEN", `No single delegation you hold covers all of ${scopes.join(", ")}; delegate them separately.`, {
        fields: [{ field: "body.scopes", message: "not covered together by any one of your delegations" }],
      });
    }
    const earliestStart = new Date(Math.min(...withScopes.map((d) => d.validFrom.getTime())));
    const latestEnd = new Date(Math.max(...withScopes.map((d) => d.validUntil.getTime())));
    const startsTooEarly = withScopes.every((d) => d.validFrom > validFrom);
    const field = startsTooEarly ? "body.validFrom" : "body.validUntil";
    throw new AppError(
      "FORBIDDEN",
      startsTooEarly
        ? `Your delegation for ${scopes.join(", ")} starts only at ${earliestStart.toISOString()}; the period must lie within it.`
        : `Your delegation for ${scopes.join(", ")} ends at ${latestEnd.toISOString()}; the period must lie within it.`,
      { fields: [{ field, message: "lies outside the period of your delegation" }] },
    );
  }

  async function createDelegation(actor: Actor, body: CreateDelegationBody): Promise<Delegation> {
    const at = now();
    const requestedFrom = new Date(body.validFrom);
    const validUntil = new Date(body.validUntil);
    if (requestedFrom.getTime() < at.getTime() - START_TOLERANCE_MS) {
      throw badField("body.validFrom", "must not be in the past", "A delegation cannot start in the past.");
    }
    // A start "now" (within the tolerance) is recorded as the moment of creation, never earlier.
    const validFrom = requestedFrom < at ? at : requestedFrom;
    if (validUntil <= validFrom) {
      throw badField("body.validUntil", "must be after the start (and in the future)", "The delegation must end after it starts.");
    }
    const scopes = DELEGATION_SCOPES.filter((scope) => body.scopes.includes(scope));

    const caller = await requireActiveCaller(actor);
    const notAnAgent = (message: string) => badField("body.agentId", message, `This person cannot receive the delegation: ${message}.`);
    if (body.agentId === actor.userId) throw notAnAgent("you cannot delegate to yourself");
    const agent = await delegationsRepository.findUserInOrganization(prisma, actor.organizationId, body.agentId);
    if (!agent?.isActive) throw notAnAgent("not an active user of your organization");
    if (agent.role === "REPRESENTATIVE") throw notAnAgent("the representative already holds every authority");

    let parentId: string | null = null;
    if (caller.role !== "REPRESENTATIVE") {
      const parent = await findCoveringDelegation(actor, scopes, validFrom, validUntil, at);
      // Handing authority back up the chain would make a loop of authority with no new holder.
      const grantorsAbove = await delegationsRepository.listGrantorsUpTheChain(prisma, actor.organizationId, parent.id);
      if (grantorsAbove.includes(agent.id)) throw notAnAgent("they already hold this authority higher up the chain");
      parentId = parent.id;
    }

    const created = await prisma.$transaction(async (tx) => {
      if (parentId && !(await delegationsRepository.lockOpenDelegation(tx, actor.organizationId, parentId))) {
        throw new AppError("CONFLICT", "The delegation you hold was revoked just now, so you can no longer pass it on.");
      }
      const row = await delegationsRepository.createDelegation(tx, {
        organizationId: actor.organizationId,
        grantorId: actor.userId,
        agentId: agent.id,
        parentId,
        scopes,
        validFrom,
        validUntil,
      });
      await recordAuditEvent(tx, {
        action: "delegations.granted",
        actor,
        target: { type: "Delegation", id: row.id },
        ipAddress: actor.ipAddress,
        data: { agentId: agent.id, parentId, scopes, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() },
      });
      return row;
    });
    return toDelegation(created, at);
  }

  /** Allowed for the representative and for every grantor from this delegation up to its root. */
  async function revokeDelegation(actor: Actor, delegationId: string, reason: string): Promise<RevokedDelegation> {
    const delegation = await delegationsRepository.findDelegation(prisma, actor.organizationId, delegationId);
    if (!delegation) throw new AppError("NOT_FOUND", "There is no such delegation in your organization.");
    const alreadyRevoked = () => new AppError("CONFLICT", "This delegation has already been revoked.");
    if (delegation.revokedAt) throw alreadyRevoked();
    const caller = await requireActiveCaller(actor);
    if (caller.role !== "REPRESENTATIVE") {
      const grantors = await delegationsRepository.listGrantorsUpTheChain(prisma, actor.organizationId, delegation.id);
      if (!grantors.includes(actor.userId)) {
        throw new AppError("FORBIDDEN", "Only the representative or someone who granted this delegation (or one above it) can revoke it.");
      }
    }
    const at = now();
    const trimmedReason = reason.trim();
    const revokedIds = await prisma.$transaction(async (tx) => {
      const ids = await revokeDelegationBranches(tx, {
        organizationId: actor.organizationId,
        rootIds: [delegation.id],
        revokedById: actor.userId,
        reason: trimmedReason,
        at,
      });
      // Someone else revoked it between the check above and now.
      if (!ids.includes(delegation.id)) throw alreadyRevoked();
      await recordAuditEvent(tx, {
        action: "delegations.revoked",
        actor,
        target: { type: "Delegation", id: delegation.id },
        ipAddress: actor.ipAddress,
        data: { reason: trimmedReason, revokedIds: ids },
      });
      return ids;
    });
    const revoked = await delegationsRepository.findDelegation(prisma, actor.organizationId, delegation.id);
    if (!revoked) throw new AppError("NOT_FOUND", "There is no such delegation in your organization.");
    return { delegation: toDelegation(revoked, at), revokedIds };
  }

  async function getAuthority(actor: Actor): Promise<SigningAuthority> {
    const at = now();
    const caller = await delegationsRepository.findUserInOrganization(prisma, actor.organizationId, actor.userId);
    const isRepresentative = caller?.role === "REPRESENTATIVE" && caller.isActive;
    const scopes: SigningAuthority["scopes"] = [];
    for (const scope of DELEGATION_SCOPES) {
      const grant = await findSigningAuthority(prisma, { userId: actor.userId, organizationId: actor.organizationId, scope, at });
      if (grant?.kind === "REPRESENTATIVE") scopes.push({ scope, delegationId: null, validUntil: null });
      else if (grant) scopes.push({ scope, delegationId: grant.delegationId, validUntil: grant.validUntil.toISOString() });
    }
    return { isRepresentative, scopes };
  }

  return { listDelegations, createDelegation, revokeDelegation, getAuthority };
}

export type DelegationsService = ReturnType<typeof createDelegationsService>;
