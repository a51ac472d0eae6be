// Delegation of signing authority (委任): the representative grants root delegations to agents (代理人); an agent
// may sub-delegate (復代理) only within a delegation it holds, for a period inside it and scopes it covers.
// Revoking a delegation revokes everything that hangs from it. Every change is one transaction with its audit event.
//
// Creating or revoking a delegation is signed by its author (the grantor, or the revoker) in the browser, with one
// of their own certificates: a statement built by packages/shared (delegationGrantStatement /
// delegationRevocationStatement) from the request and the session, so the server rebuilds the very bytes that were
// signed. The signed statement, stored with the delegation, is what makes it binding and what a verifier checks.
// Revocations that follow from an ancestor's revocation or from a deactivation carry no statement of their own.
import {
  delegationGrantStatement,
  delegationRevocationStatement,
  encodeStatement,
  getDelegationState,
  pickParentDelegation,
  type CreateDelegationBody,
  type Delegation,
  type DelegationList,
  type DelegationStatements,
  type RevokeDelegationBody,
  type RevokedDelegation,
  type SignedStatement,
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


export type IdentifySigner = (input: {
  signedDataDer: Uint8Array;
  content: Uint8Array;
  userId: string;
  organizationId: string;
  at: Date;
  field: string;
}) => Promise<string>;

interface Dependencies {
  prisma: PrismaClient;
  /** The caller's own certificate that made a signature (lib/pki/signer-verification.ts); throws VALIDATION_FAILED. */
  identifySigner: IdentifySigner;
  now?: () => Date;
}

type DelegationRow = NonNullable<Awaited<ReturnType<typeof delegationsRepository.findDelegation>>>;

/** Certificate id → subject DN, for the signatures shown with delegations. */
type SubjectsById = ReadonlyMap<string, string>;

function signatureOf(certificateId: string | null, signedAt: Date | null, subjects: SubjectsById) {
  if (!certificateId || !signedAt) return null;
  return { certificateSubject: subjects.get(certificateId) ?? "", signedAt: signedAt.toISOString() };
}

function toDelegation(row: DelegationRow, at: Date, subjects: SubjectsById): Delegation {
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
    grantSignature: signatureOf(row.grantCertificateId, row.createdAt, subjects),
    revocationSignature: signatureOf(row.revocationCertificateId, row.revokedAt, subjects),
  };
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(text, "base64"));
}

const replayed = () => new AppError("CONFLICT", "This signed statement has already been used; sign a new one.");

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

function badField(field: string, message: string, summary: string) {
  return new AppError("VALIDATION_FAILED", summary, { fields: [{ field, message }] });
}

export function createDelegationsService({ prisma, identifySigner, now = () => new Date() }: Dependencies) {

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
    const subjects = await readSubjects(organizationId, page.items);
    return { delegations: page.items.map((row) => toDelegation(row, at, subjects)), nextCursor: page.nextCursor };
  }

  async function readSubjects(organizationId: string, rows: readonly DelegationRow[]): Promise<SubjectsById> {
    const ids = new Set<string>();
    for (const row of rows) {
      if (row.grantCertificateId) ids.add(row.grantCertificateId);
      if (row.revocationCertificateId) ids.add(row.revocationCertificateId);
    }
    const certificates = await delegationsRepository.listCertificateSubjects(prisma, organizationId, [...ids]);
    return new Map(certificates.map((certificate) => [certificate.id, certificate.subjectDn]));
  }

  /** Refuses a statement id seen before, then checks the signature: the caller's own valid certificate, over `statement`. */
  async function verifyStatement(actor: Actor, statementId: string, statement: string, signedData: string, at: Date) {
    if (await delegationsRepository.isStatementIdUsed(prisma, statementId)) throw replayed();
    const content = encodeStatement(statement);
    const signedDataDer = decodeBase64(signedData);
    const certificateId = await identifySigner({
      signedDataDer,
      content,
      userId: actor.userId,
      organizationId: actor.organizationId,
      at,
      field: "body.signedData",
    });
    return { statementId, statement: content, signedData: signedDataDer, certificateId };
  }

  /**
   * Checks the parent the caller named: one of their open delegations covering the scopes and the period. When it
   * is not, says exactly what their delegations do not cover, or which one would have done.
   */
  async function checkParentDelegation(actor: Actor, parentId: string | null, scopes: DelegationScope[], validFrom: Date, validUntil: Date, at: Date) {
    const held = await delegationsRepository.listOpenDelegationsHeldBy(prisma, actor.organizationId, actor.userId, at);
    if (held.length === 0) {
      throw new AppError("FORBIDDEN", "Only the representative, or someone who holds a delegation, can delegate signing authority.");
    }
    const request = { scopes, validFrom, validUntil };
    const named = held.find((delegation) => delegation.id === parentId);
    if (named && pickParentDelegation([named], request)) return named;
    const covering = pickParentDelegation(held, request);
    if (covering) {
      throw badField(
        "body.parentId",
        `must be a delegation you hold that covers these scopes and this period, such as ${covering.id}`,
        "The statement names a delegation you cannot sub-delegate this from; sign again naming the one that covers it.",
      );
    }

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

    // The parent is named by the client, because the statement it signs names it; the server only checks it.
    const parentId = body.parentId;
    if (caller.role === "REPRESENTATIVE") {
      if (parentId !== null) {
        throw badField("body.parentId", "must be null: the representative grants in their own right", "The representative's grant hangs from no other delegation.");
      }
    } else {
      const parent = await checkParentDelegation(actor, parentId, scopes, validFrom, validUntil, at);
      // Handing authority back up the chain would make a loop of authority with no new holder.
      const grantorsAbove = await delegationsRepository.listGrantorsUpTheChain(prisma, actor.organizationId, parent.id);
      if (grantorsAbove.includes(agent.id)) throw notAnAgent("they already hold this authority higher up the chain");
    }

    // The statement from the request as sent (timestamps as the client wrote them) and from the session (who, where).
    const statement = delegationGrantStatement({
      statementId: body.statementId,
      organizationId: actor.organizationId,
      grantorId: actor.userId,
      agentId: body.agentId,
      parentId,
      scopes: body.scopes,
      validFrom: body.validFrom,
      validUntil: body.validUntil,
    });
    const grant = await verifyStatement(actor, body.statementId, statement, body.signedData, at);

    const created = await prisma
      .$transaction(async (tx) => {
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
          grant,
        });
        await recordAuditEvent(tx, {
          action: "delegations.granted",
          actor,
          target: { type: "Delegation", id: row.id },
          ipAddress: actor.ipAddress,
          data: {
            agentId: agent.id,
            parentId,
            scopes,
            validFrom: validFrom.toISOString(),
            validUntil: validUntil.toISOString(),
            statementId: grant.statementId,
            certificateId: grant.certificateId,
          },
        });
        return row;
      })
      .catch((error: unknown) => {
        // The same statement sent twice at once: the unique statement id lets exactly one through.
        throw isUniqueViolation(error) ? replayed() : error;
      });
    return toDelegation(created, at, await readSubjects(actor.organizationId, [created]));
  }

  /** Allowed for the representative and for every grantor from this delegation up to its root. */
  async function revokeDelegation(actor: Actor, delegationId: string, body: RevokeDelegationBody): Promise<RevokedDelegation> {
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
    const trimmedReason = body.reason.trim();
    const statement = delegationRevocationStatement({
      statementId: body.statementId,
      organizationId: actor.organizationId,
      delegationId: delegation.id,
      revokerId: actor.userId,
      reason: body.reason,
    });
    const revocation = await verifyStatement(actor, body.statementId, statement, body.signedData, at);
    const revokedIds = await prisma
      .$transaction(async (tx) => {
        const ids = await revokeDelegationBranches(tx, {
          organizationId: actor.organizationId,
          rootIds: [delegation.id],
          revokedById: actor.userId,
          reason: trimmedReason,
          at,
        });
        // Someone else revoked it between the check above and now.
        if (!ids.includes(delegation.id)) throw alreadyRevoked();
        // Only the delegation the revoker named carries the statement; the branch below follows from it.
        await delegationsRepository.recordRevocationStatement(tx, actor.organizationId, delegation.id, revocation);
        await recordAuditEvent(tx, {
          action: "delegations.revoked",
          actor,
          target: { type: "Delegation", id: delegation.id },
          ipAddress: actor.ipAddress,
          data: { reason: trimmedReason, revokedIds: ids, statementId: revocation.statementId, certificateId: revocation.certificateId },
        });
        return ids;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? replayed() : error;
      });
    const revoked = await delegationsRepository.findDelegation(prisma, actor.organizationId, delegation.id);
    if (!revoked) throw new AppError("NOT_FOUND", "There is no such delegation in your organization.");
    return { delegation: toDelegation(revoked, at, await readSubjects(actor.organizationId, [revoked])), revokedIds };
  }

  /** The stored statements and signatures, exactly as signed, for anyone in the organisation to verify again. */
  async function getStatements(organizationId: string, delegationId: string): Promise<DelegationStatements> {
    const row = await delegationsRepository.findDelegationStatements(prisma, organizationId, delegationId);
    if (!row) throw new AppError("NOT_FOUND", "There is no such delegation in your organization.");
    const certificateIds = [row.grantCertificateId, row.revocationCertificateId].filter((id): id is string => id !== null);
    const certificates = await delegationsRepository.listCertificateSubjects(prisma, organizationId, certificateIds);
    const subjects = new Map(certificates.map((certificate) => [certificate.id, certificate.subjectDn]));
    const toSigned = (
      statementId: string | null,
      statement: Uint8Array | null,
      signedData: Uint8Array | null,
      certificateId: string | null,
      signedAt: Date | null,
    ): SignedStatement | null =>
      statementId && statement && signedData && certificateId && signedAt
        ? {
            statementId,
            // Written by TextEncoder from a JS string, so it is valid UTF-8 and decodes back to the same text.
            statement: new TextDecoder().decode(statement),
            signedData: Buffer.from(signedData).toString("base64"),
            certificateSubject: subjects.get(certificateId) ?? "",
            signedAt: signedAt.toISOString(),
          }
        : null;
    return {
      grant: toSigned(row.grantStatementId, row.grantStatement, row.grantSignedData, row.grantCertificateId, row.createdAt),
      revocation: toSigned(row.revocationStatementId, row.revocationStatement, row.revocationSignedData, row.revocationCertificateId, row.revokedAt),
    };
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
    const held = await delegationsRepository.listOpenDelegationsHeldBy(prisma, actor.organizationId, actor.userId, at);
    const heldDelegations = held.map((delegation) => ({
      id: delegation.id,
      scopes: DELEGATION_SCOPES.filter((scope) => delegation.scopes.includes(scope)),
      validFrom: delegation.validFrom.toISOString(),
      validUntil: delegation.validUntil.toISOString(),
    }));
    return { isRepresentative, scopes, heldDelegations };
  }

  return { listDelegations, createDelegation, revokeDelegation, getStatements, getAuthority };
}

export type DelegationsService = ReturnType<typeof createDelegationsService>;
