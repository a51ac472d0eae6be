// Who may sign for an organisation, and revoking a branch of delegations. Both the users module (deactivating a
// user ends their delegations) and the delegations module need this, and modules never import each other, so the
// delegation chain lives here.
//
// The rules the chain keeps (enforced when a delegation is created, in modules/delegations):
// - a root delegation (parentId null) is granted by the representative;
// - a sub-delegation (復代理) is granted by the agent of its parent, covers a subset of the parent's scopes and lies
//   within the parent's period;
// - revoking a delegation revokes everything hanging from it, so an unrevoked delegation has unrevoked ancestors.
//
// Creating and revoking a delegation are also signed by the grantor (or the revoker): the signed statements stored
// with each delegation (modules/delegations) are what a verifier checks; this chain is their index.
import type { DelegationScope } from "@pwp/shared/enums";
import type { DbClient } from "../db/database.ts";

export type SigningAuthorityGrant =
  | { kind: "REPRESENTATIVE"; userId: string }
  | {
      kind: "DELEGATION";
      userId: string;
      /** The delegation the user holds; its period is the narrowest in the chain. */
      delegationId: string;
      validUntil: Date;
      /** From the representative's root delegation down to the user's, each link checked at `at`. */
      chain: { id: string; grantorId: string; agentId: string; scopes: DelegationScope[]; validFrom: Date; validUntil: Date }[];
    };

const CHAIN_LINK_SELECT = {
  id: true,
  parentId: true,
  grantorId: true,
  agentId: true,
  scopes: true,
  validFrom: true,
  validUntil: true,
  createdAt: true,
  revokedAt: true,
} as const;

type ChainLink = { id: string; parentId: string | null; grantorId: string; agentId: string; scopes: DelegationScope[]; validFrom: Date; validUntil: Date; createdAt: Date; revokedAt: Date | null };

/**
 * In force at `at`: inside its period, already created (a delegation never reaches back before it existed, so a
 * signature cannot be validated after the fact), and not yet revoked then. Checking revokedAt against `at` rather
 * than against null keeps the answer right for a signature verified long after it was made.
 */
function isInForce(link: ChainLink, scope: DelegationScope, at: Date): boolean {
  return (
    link.scopes.includes(scope) &&
    link.validFrom <= at &&
    at < link.validUntil &&
    link.createdAt <= at &&
    (link.revokedAt === null || link.revokedAt > at)
  );
}

/**
 * The authority by which `userId` may sign for `organizationId` in `scope` at `at`: the representative in their
 * own right, or a delegation whose whole chain up to the representative was in force then; null if neither.
 * Later issues call this before accepting a signature.
 */
export async function findSigningAuthority(
  db: DbClient,
  { userId, organizationId, scope, at }: { userId: string; organizationId: string; scope: DelegationScope; at: Date },
): Promise<SigningAuthorityGrant | null> {
  const user = await db.user.findFirst({ where: { id: userId, organizationId }, select: { role: true, isActive: true } });
  if (!user) return null;
  if (user.role === "REPRESENTATIVE" && user.isActive) return { kind: "REPRESENTATIVE", userId };

  const candidates: ChainLink[] = await db.delegation.findMany({
    where: {
      organizationId,
      agentId: userId,
      scopes: { has: scope },
      validFrom: { lte: at },
      validUntil: { gt: at },
      createdAt: { lte: at },
      OR: [{ revokedAt: null }, { revokedAt: { gt: at } }],
    },
    orderBy: [{ validUntil: "desc" }, { id: "asc" }],
    select: CHAIN_LINK_SELECT,
  });
  for (const candidate of candidates) {
    const chain = await readChainInForce(db, organizationId, candidate, scope, at);
    if (chain) {
      return {
        kind: "DELEGATION",
        userId,
        delegationId: candidate.id,
        validUntil: candidate.validUntil,
        chain: chain.map(({ id, grantorId, agentId, scopes, validFrom, validUntil }) => ({ id, grantorId, agentId, scopes, validFrom, validUntil })),
      };
    }
  }
  return null;
}

/** Walks up from `link` to its root; null if any ancestor was not in force at `at` (or the chain is broken). */
async function readChainInForce(db: DbClient, organizationId: string, link: ChainLink, scope: DelegationScope, at: Date) {
  const chain = [link];
  let current = link;
  while (current.parentId !== null) {
    const parent: ChainLink | null = await db.delegation.findFirst({
      where: { id: current.parentId, organizationId },
      select: CHAIN_LINK_SELECT,
    });
    // A parent must have been held by this link's grantor; anything else means the record was tampered with.
    if (!parent || parent.agentId !== current.grantorId || !isInForce(parent, scope, at) || chain.length > 32) return null;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

/**
 * Revokes the given delegations and every delegation hanging from them, in the caller's transaction. Each row is
 * revoked by a conditional update (only while not yet revoked), so of two revocations racing for one delegation
 * exactly one claims it; returns the ids this call revoked, parents before children.
 */
export async function revokeDelegationBranches(
  db: DbClient,
  { organizationId, rootIds, revokedById, reason, at }: { organizationId: string; rootIds: string[]; revokedById: string; reason: string; at: Date },
): Promise<string[]> {
  const revoked: string[] = [];
  const seen = new Set<string>();
  let level = rootIds;
  while (level.length > 0) {
    const revokedNow: string[] = [];
    for (const id of level) {
      if (seen.has(id)) continue;
      seen.add(id);
      const { count } = await db.delegation.updateMany({
        where: { id, organizationId, revokedAt: null },
        data: { revokedAt: at, revokedById, revokedReason: reason },
      });
      if (count === 1) revokedNow.push(id);
    }
    revoked.push(...revokedNow);
    // Children of an already revoked delegation were revoked with it; only walk on from the ones revoked now.
    const children = await db.delegation.findMany({
      where: { parentId: { in: revokedNow }, organizationId, revokedAt: null },
      select: { id: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    level = children.map((child) => child.id);
  }
  return revoked;
}
